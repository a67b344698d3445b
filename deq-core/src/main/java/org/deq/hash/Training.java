package org.deq.hash;

import java.util.Arrays;
import java.util.Random;

/** Shared checks and sampling for encoder training. */
final class Training {

    private Training() {
    }

    static void checkPacked(float[] packed, int n, int dim) {
        if (n <= 0 || dim <= 0 || (long) n * dim != packed.length) {
            throw new IllegalArgumentException("packed descriptors have " + packed.length + " floats, expected n=" + n + " × dim=" + dim);
        }
    }

    /**
     * Refuses labels a supervised {@code method} cannot train on: none, not one set per training descriptor, or a missing
     * (null) set, which an unlabelled descriptor gives as an empty one.
     */
    static void checkLabels(String method, int[][] labels, int n) {
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException(method + " is supervised: it needs labels, one set per training descriptor ("
                    + n + "), got " + (labels == null ? "none" : labels.length));
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException(method + ": training descriptor " + i + " has no label set (null); an"
                        + " unlabelled descriptor has an empty one");
            }
        }
    }

    static double[] mean(float[] packed, int n, int dim) {
        double[] mean = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                mean[i] += packed[r * dim + i];
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] /= n;
        }
        return mean;
    }

    /** {@code count} distinct row indices of 0..n-1 (all rows, shuffled, when count ≥ n). */
    static int[] sampleRows(int n, int count, Random rnd) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int m = Math.min(count, n);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, m);
    }

    /** Whether two label sets share a label: supervised methods' notion of similar items. */
    static boolean sharesLabel(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }
}
