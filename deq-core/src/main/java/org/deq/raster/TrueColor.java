package org.deq.raster;

import java.util.Arrays;

/**
 * Renders a patch as a true-colour picture: B04/B03/B02 of Sentinel-2 on one fixed reflectance scale, the R/G/B bands as
 * they are for RGB scenes, the first three of three or more unnamed bands ({@code band1}...) stretched as R, G, B, and
 * otherwise the first band as a stretched grey (e.g. Sentinel-1 VV).
 */
public final class TrueColor {

    /** Share of the darkest and of the brightest values clipped by the stretch. */
    private static final double CLIP = 0.02;

    private TrueColor() {
    }

    /** The patch as 8-bit 0xRRGGBB pixels of its own size, row-major. */
    public static int[] rgb(Patch patch) {
        float[][] rgb;
        float lo;
        float hi;
        if (patch.hasBand("B04") && patch.hasBand("B03") && patch.hasBand("B02")) {
            return reflectance(patch.band("B04"), patch.band("B03"), patch.band("B02"));
        } else if (patch.hasBand("R") && patch.hasBand("G") && patch.hasBand("B")) {
            rgb = new float[][] {patch.band("R"), patch.band("G"), patch.band("B")};
            lo = 0;
            hi = 1;
        } else if (patch.bandCount() >= 3 && patch.bandNames().get(0).equals("band1")) {
            // unnamed bands (an RGBN orthophoto in 16 bits, say): the first three as R, G, B, stretched together
            rgb = new float[][] {patch.bands()[0], patch.bands()[1], patch.bands()[2]};
            float[] range = percentiles(rgb);
            lo = range[0];
            hi = range[1];
        } else {
            float[] grey = patch.bands()[0];
            rgb = new float[][] {grey, grey, grey};
            float[] range = percentiles(new float[][] {grey});
            lo = range[0];
            hi = range[1];
        }
        int[] pixels = new int[patch.width() * patch.height()];
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (toByte(rgb[0][i], lo, scale) << 16) | (toByte(rgb[1][i], lo, scale) << 8) | toByte(rgb[2][i], lo, scale);
        }
        return pixels;
    }

    /**
     * Reflectance 0 to {@link S2Band#VISIBLE_FULL_SCALE} as 0 to 255 through a square root, the same for every patch, as
     * Sentinel-2 viewers draw it: results then compare by eye (a stretch per patch made a dark forest as bright as a field, and a sea of
     * noise), a mosaic of neighbouring patches shows no seams, and snow and cloud stay white.
     */
    private static int[] reflectance(float[] r, float[] g, float[] b) {
        int[] pixels = new int[r.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (reflectanceByte(r[i]) << 16) | (reflectanceByte(g[i]) << 8) | reflectanceByte(b[i]);
        }
        return pixels;
    }

    private static int reflectanceByte(float v) {
        if (!(v > 0f)) { // NaN (no data) and negative overshoots are black
            return 0;
        }
        float white = S2Band.VISIBLE_FULL_SCALE;
        return v >= white ? 255 : (int) Math.round(255 * Math.sqrt(v / white));
    }

    /** The rendered patch encoded as PNG. */
    public static byte[] png(Patch patch) {
        return Png.encode(rgb(patch), patch.width(), patch.height());
    }

    /**
     * The rendered patch encoded as PNG, shrunk to at most {@code maxEdge} pixels on its longer side (a smaller patch as
     * it is), each pixel the average of the block of the patch's pixels it covers: a thumbnail whose size does not grow
     * with the patch's.
     */
    public static byte[] png(Patch patch, int maxEdge) {
        if (maxEdge < 1) {
            throw new IllegalArgumentException("maxEdge must be at least 1, got " + maxEdge);
        }
        int w = patch.width();
        int h = patch.height();
        int longer = Math.max(w, h);
        if (longer <= maxEdge) {
            return png(patch);
        }
        int outW = Math.max(1, (int) ((long) w * maxEdge / longer));
        int outH = Math.max(1, (int) ((long) h * maxEdge / longer));
        return Png.encode(shrink(rgb(patch), w, h, outW, outH), outW, outH);
    }

    /** 0xRRGGBB pixels of w × h averaged down to outW × outH, each output pixel over the block of input pixels it covers. */
    private static int[] shrink(int[] pixels, int w, int h, int outW, int outH) {
        int[] out = new int[outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            int y0 = (int) ((long) oy * h / outH);
            int y1 = (int) ((long) (oy + 1) * h / outH);
            for (int ox = 0; ox < outW; ox++) {
                int x0 = (int) ((long) ox * w / outW);
                int x1 = (int) ((long) (ox + 1) * w / outW);
                long r = 0;
                long g = 0;
                long b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = pixels[y * w + x];
                        r += p >> 16 & 0xFF;
                        g += p >> 8 & 0xFF;
                        b += p & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                out[oy * outW + ox] = (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
            }
        }
        return out;
    }

    private static int toByte(float v, float lo, float scale) {
        if (!(v == v)) {
            return 0;
        }
        int b = Math.round((v - lo) * scale);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    /** {2 %, 98 %} percentiles of the finite values of the given bands pooled together. */
    private static float[] percentiles(float[][] bands) {
        int total = 0;
        for (float[] band : bands) {
            total += band.length;
        }
        float[] all = new float[total];
        int n = 0;
        for (float[] band : bands) {
            for (float v : band) {
                if (Float.isFinite(v)) {
                    all[n++] = v;
                }
            }
        }
        if (n == 0) {
            return new float[] {0, 1};
        }
        Arrays.sort(all, 0, n);
        int lo = (int) Math.floor(CLIP * (n - 1));
        int hi = (int) Math.ceil((1 - CLIP) * (n - 1));
        return new float[] {all[lo], all[hi]};
    }
}
