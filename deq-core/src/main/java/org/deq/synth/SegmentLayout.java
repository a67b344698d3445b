package org.deq.synth;

import java.util.SplittableRandom;
import org.deq.raster.S2Band;

/**
 * The spatial structure of a patch, shared by both dates of a pair: 2-4 segments (a power diagram with wavy
 * boundaries) on the 120x120 grid, a smooth brightness texture field, and the per-patch and per-segment spectral
 * gains that make two patches of the same class differ (about +-20 % in all).
 */
final class SegmentLayout {

    static final int SIDE = 120;
    private static final int COARSE = 9;

    final int segments;
    final byte[] segmentOf;
    final int[] area;
    final float[] smooth;
    final float patchGain;
    final float[] segmentGain;
    final float[][] bandJitter;

    private SegmentLayout(int segments, byte[] segmentOf, int[] area, float[] smooth, float patchGain,
                          float[] segmentGain, float[][] bandJitter) {
        this.segments = segments;
        this.segmentOf = segmentOf;
        this.area = area;
        this.smooth = smooth;
        this.patchGain = patchGain;
        this.segmentGain = segmentGain;
        this.bandJitter = bandJitter;
    }

    /** Draws a layout; consumes {@code rng} in a fixed order so a seed gives one layout. */
    static SegmentLayout random(SplittableRandom rng) {
        int n = 2 + rng.nextInt(3);
        float[] sx = new float[n];
        float[] sy = new float[n];
        float[] weight = new float[n];
        for (int i = 0; i < n; i++) {
            sx[i] = rng.nextFloat() * SIDE;
            sy[i] = rng.nextFloat() * SIDE;
            weight[i] = rng.nextFloat() * 900; // squared pixels: lets cells differ in size
        }
        float[] shiftX = wave(rng);
        float[] shiftY = wave(rng);
        byte[] segmentOf = new byte[SIDE * SIDE];
        int[] area = new int[n];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float px = x + shiftX[y];
                float py = y + shiftY[x];
                int best = 0;
                float bestD = Float.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    float dx = px - sx[i];
                    float dy = py - sy[i];
                    float d = dx * dx + dy * dy - weight[i];
                    if (d < bestD) {
                        bestD = d;
                        best = i;
                    }
                }
                segmentOf[y * SIDE + x] = (byte) best;
                area[best]++;
            }
        }
        float patchGain = 0.9f + 0.2f * rng.nextFloat();
        float[] segmentGain = new float[n];
        float[][] jitter = new float[n][S2Band.values().length];
        for (int i = 0; i < n; i++) {
            segmentGain[i] = 0.9f + 0.2f * rng.nextFloat();
            for (int b = 0; b < jitter[i].length; b++) {
                jitter[i][b] = 0.1f * rng.nextFloat() - 0.05f;
            }
        }
        return new SegmentLayout(n, segmentOf, area, smoothField(rng), patchGain, segmentGain, jitter);
    }

    /** Index of the segment with the most pixels. */
    int largestSegment() {
        int best = 0;
        for (int i = 1; i < segments; i++) {
            if (area[i] > area[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Distinct classes for the segments, drawn by how common they are in Europe; segment {@code forcedSegment}
     * (or none when negative) gets {@code forced}, and no segment gets a class in {@code excluded}.
     */
    LandCover[] drawClasses(SplittableRandom rng, int forcedSegment, LandCover forced, LandCover... excluded) {
        LandCover[] all = LandCover.values();
        float[] weight = new float[all.length];
        for (LandCover c : all) {
            weight[c.ordinal()] = abundance(c);
        }
        for (LandCover c : excluded) {
            weight[c.ordinal()] = 0;
        }
        if (forced != null) {
            weight[forced.ordinal()] = 0;
        }
        LandCover[] classes = new LandCover[segments];
        for (int i = 0; i < segments; i++) {
            if (i == forcedSegment) {
                classes[i] = forced;
                continue;
            }
            float total = 0;
            for (float w : weight) {
                total += w;
            }
            float pick = rng.nextFloat() * total;
            int c = 0;
            while (c < all.length - 1 && pick >= weight[c]) {
                pick -= weight[c];
                c++;
            }
            while (weight[c] == 0) { // float rounding can run past the last class still available
                c--;
            }
            classes[i] = all[c];
            weight[c] = 0;
        }
        return classes;
    }

    // Rough share of each class in BigEarthNet-like European landscapes.
    private static float abundance(LandCover c) {
        return switch (c) {
            case NON_IRRIGATED_ARABLE_LAND -> 3f;
            case PASTURES, BROAD_LEAVED_FOREST, CONIFEROUS_FOREST -> 2f;
            case MIXED_FOREST -> 1.5f;
            case TRANSITIONAL_WOODLAND_SHRUB, DISCONTINUOUS_URBAN_FABRIC, WATER_BODIES -> 1f;
            case SPARSELY_VEGETATED_AREAS -> 0.5f;
            case BEACHES_DUNES_SANDS -> 0.3f;
        };
    }

    // A sinusoidal displacement (3-9 px, wavelength 30-90 px) that makes straight cell edges wavy.
    private static float[] wave(SplittableRandom rng) {
        float amplitude = 3 + 6 * rng.nextFloat();
        double frequency = 2 * Math.PI / (30 + 60 * rng.nextDouble());
        double phase = 2 * Math.PI * rng.nextDouble();
        float[] shift = new float[SIDE];
        for (int i = 0; i < SIDE; i++) {
            shift[i] = (float) (amplitude * Math.sin(frequency * i + phase));
        }
        return shift;
    }

    // Gaussian values on a coarse grid, bilinearly interpolated: texture that varies over ~15 pixels.
    private static float[] smoothField(SplittableRandom rng) {
        float[] coarse = new float[COARSE * COARSE];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = (float) rng.nextGaussian();
        }
        float[] field = new float[SIDE * SIDE];
        float scale = (COARSE - 1) / (float) (SIDE - 1);
        for (int y = 0; y < SIDE; y++) {
            float gy = y * scale;
            int y0 = Math.min((int) gy, COARSE - 2);
            float fy = gy - y0;
            for (int x = 0; x < SIDE; x++) {
                float gx = x * scale;
                int x0 = Math.min((int) gx, COARSE - 2);
                float fx = gx - x0;
                int i = y0 * COARSE + x0;
                float top = coarse[i] + fx * (coarse[i + 1] - coarse[i]);
                float bottom = coarse[i + COARSE] + fx * (coarse[i + COARSE + 1] - coarse[i + COARSE]);
                field[y * SIDE + x] = top + fy * (bottom - top);
            }
        }
        return field;
    }
}
