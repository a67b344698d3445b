package org.deq.vectors;

import java.util.Arrays;
import java.util.Random;

/** Seeded k-means (k-means++ seeding, Lloyd iterations) on packed row-major float vectors. */
public final class KMeans {

    private KMeans() {
    }

    /**
     * Clusters {@code n} vectors of length {@code dim} packed in {@code data}; returns {@code k * dim} centres.
     * Deterministic for a given seed.
     */
    public static float[] fit(float[] data, int n, int dim, int k, int iterations, long seed) {
        if (n < k) {
            throw new IllegalArgumentException("k-means: " + n + " samples for " + k
                    + " clusters; give a larger sample");
        }
        Random random = new Random(seed);
        float[] centres = seedPlusPlus(data, n, dim, k, random);
        int[] assignment = new int[n];
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            float[] norms = norms(centres, k, dim);
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = nearest(centres, norms, k, dim, data, i * dim);
                changed |= c != assignment[i];
                assignment[i] = c;
                counts[c]++;
                int so = c * dim;
                int xo = i * dim;
                for (int d = 0; d < dim; d++) {
                    sums[so + d] += data[xo + d];
                }
            }
            for (int c = 0; c < k; c++) {
                // An empty cluster keeps its centre rather than collapsing to the origin.
                if (counts[c] > 0) {
                    for (int d = 0; d < dim; d++) {
                        centres[c * dim + d] = (float) (sums[c * dim + d] / counts[c]);
                    }
                }
            }
            if (!changed && it > 0) {
                break;
            }
        }
        return centres;
    }

    /** Squared L2 norm of each of the {@code k} centres. */
    public static float[] norms(float[] centres, int k, int dim) {
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            float s = 0f;
            for (int d = 0; d < dim; d++) {
                float v = centres[c * dim + d];
                s += v * v;
            }
            out[c] = s;
        }
        return out;
    }

    /**
     * Index of the centre nearest (squared L2) to {@code x[off, off + dim)}, given the centres' squared norms:
     * |c|² − 2 x·c ranks centres like |x − c|², the dot product is {@link PackedVectors#dot}.
     */
    public static int nearest(float[] centres, float[] norms, int k, int dim, float[] x, int off) {
        int best = 0;
        float bestScore = Float.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            float score = norms[c] - 2f * PackedVectors.dot(x, off, centres, c * dim, dim);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static float[] seedPlusPlus(float[] data, int n, int dim, int k, Random random) {
        float[] centres = new float[k * dim];
        double[] d2 = new double[n];
        int first = random.nextInt(n);
        System.arraycopy(data, first * dim, centres, 0, dim);
        Arrays.fill(d2, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            double total = 0;
            int prev = (c - 1) * dim;
            for (int i = 0; i < n; i++) {
                double dist = PackedVectors.sqDistanceDouble(data, i * dim, centres, prev, dim);
                if (dist < d2[i]) {
                    d2[i] = dist;
                }
                total += d2[i];
            }
            double target = random.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                target -= d2[i];
                if (target <= 0) {
                    pick = i;
                    break;
                }
            }
            System.arraycopy(data, pick * dim, centres, c * dim, dim);
        }
        return centres;
    }
}
