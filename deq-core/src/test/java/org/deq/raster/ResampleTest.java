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
    void nearestTakesThePixelUnderEachCentre() {
        float[] src = {1, 2, 3, 4}; // 2 x 2
        assertThat(Resample.nearest(src, 2, 2, 4, 4, 0, 0)).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        // the coarse grid one fine pixel right: the first fine column lies left of it, clamped to its first column
        assertThat(Resample.nearest(src, 2, 2, 4, 2, 1, 0)).containsExactly(1, 1, 1, 2, 3, 3, 3, 4);
        assertThat(Resample.nearest(src, 2, 2, 2, 2, 0, 0)).isSameAs(src);
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

    @Test
    void averagingFollowsTheCoarseFootprintAlsoWhenItIsShiftedHalfAPixel() {
        float[] fine = new float[4 * 4];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = i % 4; // value = column
        }
        // aligned: columns {0,1} and {2,3}
        assertThat(Resample.average(fine, 4, 4, 2, 0, 0)).containsExactly(0.5f, 2.5f, 0.5f, 2.5f);
        // half a fine pixel up and left: columns (-0.5..1.5) and (1.5..3.5), the border repeated beyond the edge
        float[] shifted = Resample.average(fine, 4, 4, 2, -0.5, -0.5);
        assertThat(shifted[0]).isCloseTo(0.25f * 0 + 0.5f * 0 + 0.25f * 1, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(shifted[1]).isCloseTo(0.25f * 1 + 0.5f * 2 + 0.25f * 3, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void shiftedGridsReproduceALinearRampInside() {
        // a ramp sampled at the centres of a coarse grid that starts half a fine pixel up and left
        int cw = 8;
        float[] coarse = new float[cw * cw];
        for (int y = 0; y < cw; y++) {
            for (int x = 0; x < cw; x++) {
                double fineX = 2 * x + 1 - 0.5; // coarse centre in fine units
                coarse[y * cw + x] = (float) (0.1 * fineX);
            }
        }
        for (float[] up : new float[][] {Resample.bilinear(coarse, cw, cw, 16, 16, -0.5, -0.5),
                Resample.bicubic(coarse, cw, cw, 16, 16, -0.5, -0.5)}) {
            for (int x = 3; x < 13; x++) {
                assertThat(up[5 * 16 + x]).as("column " + x).isCloseTo((float) (0.1 * (x + 0.5)), org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void gaussianDegradationMatchesTheRequestedModulationAtNyquist() {
        double sigma = Resample.mtfSigma(2, 0.3);
        assertThat(sigma).isCloseTo(0.988, org.assertj.core.data.Offset.offset(0.001));
        // a cosine at the coarse grid's Nyquist frequency (period 4 fine pixels), sampled where the coarse pixels'
        // centres fall on its crests: its amplitude after degradation is the modulation transfer
        int n = 64;
        float[] wave = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                wave[y * n + x] = (float) Math.cos(2 * Math.PI * (x + 0.5 - 1) / 4);
            }
        }
        float[] down = Resample.gaussianDown(wave, n, n, 2, sigma, 0, 0);
        assertThat(Math.abs(down[(n / 4) * (n / 2) + n / 4])).isCloseTo(0.3f, org.assertj.core.data.Offset.offset(0.03f));
        float[] flat = new float[n * n];
        java.util.Arrays.fill(flat, 0.4f);
        for (float v : Resample.gaussianDown(flat, n, n, 2, sigma, 0.5, 0.5)) {
            assertThat(v).isCloseTo(0.4f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
