package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomHyperplaneLshTest {

    @Test
    void bitsAreBalancedOnGaussianData() {
        int n = 4000;
        int dim = 32;
        float[] data = Synthetic.gaussian(n, dim, 1);
        // shifted data: centring must still give ~50 % ones
        for (int i = 0; i < data.length; i++) {
            data[i] += 3f;
        }
        RandomHyperplaneLsh lsh = RandomHyperplaneLsh.train(data, n, dim, 64, 2);
        long[] codes = lsh.encodeAll(data, n);
        for (int b = 0; b < 64; b++) {
            int ones = 0;
            for (int i = 0; i < n; i++) {
                ones += (int) (codes[i] >>> b & 1L);
            }
            assertThat(ones / (double) n).as("bit %d", b).isBetween(0.42, 0.58);
        }
    }

    @Test
    void collisionRateTracksAngle() {
        int dim = 16;
        int bits = 256;
        float[] data = Synthetic.gaussian(2000, dim, 3);
        RandomHyperplaneLsh lsh = RandomHyperplaneLsh.train(data, 2000, dim, bits, 4);
        Random rnd = new Random(5);
        for (double theta : new double[] {0.2, 0.7, 1.3, 2.0, 2.8}) {
            double agree = 0;
            int pairs = 40;
            for (int p = 0; p < pairs; p++) {
                float[][] xy = pairAtAngle(dim, theta, rnd);
                int d = Codes.distance(lsh.encode(xy[0]), 0, lsh.encode(xy[1]), 0, Codes.words(bits));
                agree += 1 - d / (double) bits;
            }
            assertThat(agree / pairs).as("θ=%.1f", theta).isCloseTo(1 - theta / Math.PI, within(0.04));
        }
    }

    @Test
    void recallAgainstExactL2GrowsWithBits() {
        int n = 2000;
        int dim = 32;
        float[] data = Synthetic.clustered(n, dim, 20, 6);
        double r16 = Synthetic.recallAt(RandomHyperplaneLsh.train(data, n, dim, 16, 7), data, n, dim, 60, 10);
        double r64 = Synthetic.recallAt(RandomHyperplaneLsh.train(data, n, dim, 64, 7), data, n, dim, 60, 10);
        double r256 = Synthetic.recallAt(RandomHyperplaneLsh.train(data, n, dim, 256, 7), data, n, dim, 60, 10);
        assertThat(r16).isLessThan(r64 - 0.05);
        assertThat(r64).isLessThan(r256 - 0.05);
        assertThat(r256).isGreaterThan(0.35);
    }

    /** Two vectors of norm ~10 at angle θ around the origin (where the centring puts the mean). */
    private static float[][] pairAtAngle(int dim, double theta, Random rnd) {
        double[] u = unit(dim, rnd, null);
        double[] v = unit(dim, rnd, u);
        float[] x = new float[dim];
        float[] y = new float[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = (float) (10 * u[i]);
            y[i] = (float) (10 * (Math.cos(theta) * u[i] + Math.sin(theta) * v[i]));
        }
        return new float[][] {x, y};
    }

    /** A random unit vector, orthogonal to {@code against} when given. */
    private static double[] unit(int dim, Random rnd, double[] against) {
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = rnd.nextGaussian();
        }
        if (against != null) {
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                dot += v[i] * against[i];
            }
            for (int i = 0; i < dim; i++) {
                v[i] -= dot * against[i];
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dim; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
