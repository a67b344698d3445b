package org.deq.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deq.raster.Patch;

/**
 * {@code stats:bands=rgb}: mean and standard deviation of each band (scaled to 0-1 as {@link BandSet#fullScales} says),
 * then for each index the bands allow — the normalised differences NDVI (B08,B04), NDWI (B03,B08), NDBI (B11,B08); for
 * the RGB band set GRVI (G,R), the visible-only vegetation index; for Sentinel-1 the cross-polarisation ratio VH/VV
 * (VH − VV in dB, divided by 20: high over vegetation, low over bare soil and buildings) — its mean, standard deviation
 * and 10/25/50/75/90 % quantiles.
 */
public final class SpectralStats implements Descriptor {

    static final Set<String> PARAMS = Set.of("bands");

    /**
     * An index of two named bands: their normalised difference (a − b)/(a + b), or for bands in dB their difference (the
     * log of their ratio) divided by {@link #DB_RATIO_SCALE}; both mostly within [-1, 1].
     */
    record BandIndex(String name, String a, String b, boolean decibels) {
    }

    private static final float DB_RATIO_SCALE = 20f;
    private static final List<BandIndex> INDICES = List.of(new BandIndex("NDVI", "B08", "B04", false),
            new BandIndex("NDWI", "B03", "B08", false), new BandIndex("NDBI", "B11", "B08", false),
            new BandIndex("CPR", "VH", "VV", true));
    private static final BandIndex GRVI = new BandIndex("GRVI", "G", "R", false);
    private static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90};
    /** Quantiles are read from a fine histogram over [-1, 1]: no sort, resolution 0.01. */
    private static final int QUANTILE_BINS = 200;
    private static final int PER_INDEX = 2 + QUANTILES.length;

    private final BandSet bands;
    private final List<BandIndex> indices;

    /** Statistics of the given bands and of every index they allow. */
    public SpectralStats(BandSet bands) {
        this.bands = bands;
        List<BandIndex> usable = new ArrayList<>();
        for (BandIndex ix : INDICES) {
            if (bands.covers(ix.a()) && bands.covers(ix.b())) {
                usable.add(ix);
            }
        }
        if (usable.isEmpty() && bands.covers("R") && bands.covers("G")) {
            usable.add(GRVI);
        }
        this.indices = List.copyOf(usable);
    }

    static SpectralStats of(SpecParams p) {
        p.only(PARAMS);
        return new SpectralStats(BandSet.parse(p.string("bands", "rgb")));
    }

    /** Names of the indices this descriptor computes, in output order (tests check which the bands allow). */
    List<String> indexNames() {
        return indices.stream().map(BandIndex::name).toList();
    }

    @Override
    public String spec() {
        return "stats:bands=" + bands.spec();
    }

    @Override
    public int dimension() {
        return 2 * bands.size() + PER_INDEX * indices.size();
    }

    @Override
    public float[] describe(Patch patch) {
        float[][] channels = bands.resolve(patch);
        float[] scales = bands.fullScales(patch);
        float[] floors = bands.floors(patch);
        float[] out = new float[dimension()];
        for (int c = 0; c < channels.length; c++) {
            meanStd(channels[c], floors[c], 1f / scales[c], out, 2 * c);
        }
        int o = 2 * channels.length;
        int[] hist = new int[QUANTILE_BINS];
        for (BandIndex ix : indices) {
            float[] a = BandSet.bandOrRgbFallback(patch, ix.a());
            float[] b = BandSet.bandOrRgbFallback(patch, ix.b());
            float[] nd = new float[a.length];
            Arrays.fill(hist, 0);
            for (int i = 0; i < nd.length; i++) {
                float v;
                if (ix.decibels()) {
                    v = (a[i] - b[i]) / DB_RATIO_SCALE;
                } else {
                    float sum = a[i] + b[i];
                    v = sum > 0f ? (a[i] - b[i]) / sum : 0f;
                }
                nd[i] = v;
                hist[Pixels.bin((v + 1f) * 0.5f, QUANTILE_BINS)]++;
            }
            meanStd(nd, 0f, 1f, out, o);
            quantiles(hist, nd.length, out, o + 2);
            o += PER_INDEX;
        }
        return out;
    }

    private static void meanStd(float[] v, float floor, float scale, float[] out, int at) {
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            double s = (x - floor) * scale;
            sum += s;
            sq += s * s;
        }
        double mean = sum / v.length;
        out[at] = (float) mean;
        out[at + 1] = (float) Math.sqrt(Math.max(0, sq / v.length - mean * mean));
    }

    private static void quantiles(int[] hist, int n, float[] out, int at) {
        int q = 0;
        long cumulative = 0;
        for (int bin = 0; bin < hist.length && q < QUANTILES.length; bin++) {
            cumulative += hist[bin];
            while (q < QUANTILES.length && cumulative >= QUANTILES[q] * n) {
                out[at + q] = (bin + 0.5f) / QUANTILE_BINS * 2f - 1f;
                q++;
            }
        }
    }
}
