package org.deq.describe;

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
            throw new IllegalArgumentException("k-means: " + n + " samples for " + k + " clusters; give a larger sample");
        }
        Random random = new Random(seed);
        float[] centres = seedPlusPlus(data, n, dim, k, random);
        int[] assignment = new int[n];
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = nearest(centres, k, dim, data, i * dim);
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

    /** Index of the centre nearest (squared L2) to {@code x[off, off + dim)}. */
    public static int nearest(float[] centres, int k, int dim, float[] x, int off) {
        int best = 0;
        float bestDist = Float.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            int co = c * dim;
            float dist = 0f;
            for (int d = 0; d < dim && dist < bestDist; d += 8) {
                int end = Math.min(dim, d + 8);
                for (int j = d; j < end; j++) {
                    float diff = x[off + j] - centres[co + j];
                    dist += diff * diff;
                }
            }
            if (dist < bestDist) {
                bestDist = dist;
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
                double dist = 0;
                int xo = i * dim;
                for (int d = 0; d < dim; d++) {
                    double diff = data[xo + d] - centres[prev + d];
                    dist += diff * diff;
                }
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
