package org.deq.describe;

import java.util.Set;
import org.deq.raster.Patch;
import org.deq.vectors.Vectors;

/** {@code hsv-hist:h=8,s=4,v=4}: a joint hue x saturation x value histogram of the true-colour image, L1-normalised. */
public final class HsvHistogram implements Descriptor {

    static final Set<String> PARAMS = Set.of("h", "s", "v");

    private final int hBins;
    private final int sBins;
    private final int vBins;

    /** A joint HSV histogram with the given bins per axis. */
    public HsvHistogram(int hBins, int sBins, int vBins) {
        if (hBins < 1 || sBins < 1 || vBins < 1) {
            throw new IllegalArgumentException("hsv-hist: h, s and v bins must be >= 1");
        }
        this.hBins = hBins;
        this.sBins = sBins;
        this.vBins = vBins;
    }

    static HsvHistogram of(SpecParams p) {
        p.only(PARAMS);
        return new HsvHistogram(p.integer("h", 8, 1, 360), p.integer("s", 4, 1, 256), p.integer("v", 4, 1, 256));
    }

    @Override
    public String spec() {
        return "hsv-hist:h=" + hBins + ",s=" + sBins + ",v=" + vBins;
    }

    @Override
    public int dimension() {
        return hBins * sBins * vBins;
    }

    @Override
    public float[] describe(Patch patch) {
        float[][] rgb = Pixels.displayRgb(patch);
        float[] r = rgb[0];
        float[] g = rgb[1];
        float[] b = rgb[2];
        float[] out = new float[dimension()];
        for (int i = 0; i < r.length; i++) {
            float max = Math.max(r[i], Math.max(g[i], b[i]));
            float min = Math.min(r[i], Math.min(g[i], b[i]));
            float chroma = max - min;
            float hue = 0f;
            if (chroma > 0f) {
                if (max == r[i]) {
                    hue = (g[i] - b[i]) / chroma;
                    if (hue < 0f) {
                        hue += 6f;
                    }
                } else if (max == g[i]) {
                    hue = (b[i] - r[i]) / chroma + 2f;
                } else {
                    hue = (r[i] - g[i]) / chroma + 4f;
                }
            }
            float sat = max > 0f ? chroma / max : 0f;
            int hb = Pixels.bin(hue / 6f, hBins);
            int sb = Pixels.bin(sat, sBins);
            int vb = Pixels.bin(max, vBins);
            out[(hb * sBins + sb) * vBins + vb] += 1f;
        }
        Vectors.normaliseL1(out, 0, out.length);
        return out;
    }
}
