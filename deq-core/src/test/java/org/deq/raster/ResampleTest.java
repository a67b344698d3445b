package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResampleTest {

    @Test
    void constantStaysConstantAndSizeMatches() {
        float[] src = new float[60 * 60];
        java.util.Arrays.fill(src, 0.25f);
        float[] out = Resample.bilinear(src, 60, 60, 120, 120);
        assertThat(out).hasSize(120 * 120);
        for (float v : out) {
            assertThat(v).isEqualTo(0.25f);
        }
    }

    @Test
    void linearRampIsReproducedInsideAndValuesStayWithinSourceRange() {
        Random rnd = new Random(42);
        float[] ramp = new float[20 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                ramp[y * 20 + x] = x;
            }
        }
        float[] up = Resample.bilinear(ramp, 20, 20, 120, 120);
        // target pixel x centre (x+0.5)/6 - 0.5 in source pixels, exact for a ramp away from the clamped border
        assertThat(up[60 * 120 + 60]).isCloseTo((60 + 0.5f) / 6 - 0.5f, within(1e-5f));
        float[] noise = new float[60 * 60];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextFloat();
        }
        for (float v : Resample.bilinear(noise, 60, 60, 120, 120)) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void sameSizeReturnsInput() {
        float[] src = new float[16];
        assertThat(Resample.bilinear(src, 4, 4, 4, 4)).isSameAs(src);
    }
}
