package org.deq.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;

/** Small seeded patches for descriptor tests: textured RGB scenes and Sentinel-2-like cover patches. */
final class SyntheticPatches {

    private SyntheticPatches() {
    }

    /** A size x size RGB patch (0-1) of smooth blobs plus noise, different for each seed. */
    static Patch rgb(int size, long seed) {
        Random random = new Random(seed);
        float[][] bands = new float[3][size * size];
        double fx = 0.05 + random.nextDouble() * 0.3;
        double fy = 0.05 + random.nextDouble() * 0.3;
        for (int c = 0; c < 3; c++) {
            double phase = random.nextDouble() * 6;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.5 + 0.3 * Math.sin(fx * x + phase) * Math.cos(fy * y) + 0.1 * random.nextGaussian();
                    bands[c][y * size + x] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return new Patch(PatchMeta.of("rgb-" + seed, "synthetic"), size, size, List.of("R", "G", "B"), bands);
    }

    /** A 120 x 120 twelve-band patch with the given reflectance per band (B01..B12 order), ±5 % seeded noise. */
    static Patch sentinel2(float[] reflectance, long seed) {
        Random random = new Random(seed);
        S2Band[] all = S2Band.values();
        List<String> names = new ArrayList<>();
        float[][] bands = new float[all.length][120 * 120];
        for (int b = 0; b < all.length; b++) {
            names.add(all[b].name());
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = (float) (reflectance[b] * (1 + 0.05 * random.nextGaussian()));
            }
        }
        return new Patch(PatchMeta.of("s2-" + seed, "synthetic"), 120, 120, names, bands);
    }

    /** Summer broad-leaved forest, B01..B12 (B01 ≈ B02, B8A ≈ B08, B09 ≈ B08 · 0.3). */
    static final float[] FOREST = {.03f, .03f, .06f, .03f, .09f, .25f, .32f, .35f, .36f, .10f, .17f, .08f};
    /** Clear water, B01..B12. */
    static final float[] WATER = {.07f, .06f, .05f, .03f, .025f, .02f, .02f, .02f, .02f, .01f, .01f, .005f};
    /** Urban fabric, B01..B12. */
    static final float[] URBAN = {.10f, .10f, .11f, .12f, .14f, .16f, .17f, .18f, .18f, .06f, .22f, .20f};
}
