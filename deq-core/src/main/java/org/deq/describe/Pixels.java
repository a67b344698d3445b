package org.deq.describe;

import org.deq.raster.Patch;

/** Derived rasters shared by the descriptors (also deq-deep's): bands scaled to 0-1, display RGB, luminance. */
public final class Pixels {

    private Pixels() {
    }

    /** R, G, B scaled to 0-1 display brightness (reflectance stretched, clipped at 1). */
    public static float[][] displayRgb(Patch patch) {
        return scaled(BandSet.RGB, patch);
    }

    /** Each band of {@code bands} scaled by its floor and full-scale span and clipped to 0-1 (8-bit RGB as is). */
    public static float[][] scaled(BandSet bands, Patch patch) {
        float[][] raw = bands.resolve(patch);
        float[] scales = bands.fullScales(patch);
        float[] floors = bands.floors(patch);
        float[][] out = new float[raw.length][];
        for (int c = 0; c < raw.length; c++) {
            float inv = 1f / scales[c];
            float floor = floors[c];
            float[] src = raw[c];
            float[] dst = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                dst[i] = Math.min(1f, Math.max(0f, (src[i] - floor) * inv));
            }
            out[c] = dst;
        }
        return out;
    }

    /** Luminance (ITU-R BT.601 weights) of the display-scaled RGB, 0-1. */
    static float[] luminance(Patch patch) {
        return luminance(displayRgb(patch));
    }

    /** Luminance (Rec. 601 weights) of display RGB already computed ({@link #displayRgb}). */
    static float[] luminance(float[][] rgb) {
        float[] r = rgb[0];
        float[] g = rgb[1];
        float[] b = rgb[2];
        float[] out = new float[r.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        return out;
    }

    /** Histogram bin of a value in [0, 1) for {@code bins} equal bins; values outside are clamped. */
    static int bin(float value, int bins) {
        int b = (int) (value * bins);
        return b < 0 ? 0 : (b >= bins ? bins - 1 : b);
    }
}
