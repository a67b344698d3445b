package org.deq.eval;

import java.util.Arrays;

/** Test-only exact k-NN ranker over packed feature rows (χ² or squared L2), ties broken by ordinal. */
final class BruteForceKnn implements Ranker {

    /** The dissimilarity of two rows. */
    enum Distance {
        CHI_SQUARED, SQUARED_L2
    }

    private final float[] rows;
    private final int dim;
    private final int[] database;
    private final Distance distance;

    BruteForceKnn(float[] rows, int dim, int[] database, Distance distance) {
        this.rows = rows;
        this.dim = dim;
        this.database = database.clone();
        this.distance = distance;
    }

    @Override
    public int[] rank(int query, int k) {
        // distance bits in the high half, ordinal in the low half: one primitive sort orders by distance, then ordinal
        long[] keys = new long[database.length];
        for (int i = 0; i < database.length; i++) {
            float d = (float) distance(query, database[i]);
            keys[i] = ((long) Float.floatToIntBits(d) << 32) | database[i];
        }
        Arrays.sort(keys);
        int[] out = new int[Math.min(k, keys.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    private double distance(int a, int b) {
        int offA = a * dim;
        int offB = b * dim;
        float sum = 0;
        if (distance == Distance.SQUARED_L2) {
            for (int j = 0; j < dim; j++) {
                float diff = rows[offA + j] - rows[offB + j];
                sum += diff * diff;
            }
        } else {
            for (int j = 0; j < dim; j++) {
                float x = rows[offA + j];
                float y = rows[offB + j];
                if (x + y > 0) {
                    sum += (x - y) * (x - y) / (x + y);
                }
            }
        }
        return sum;
    }
}
