package org.deq.vectors;

/** Dot products, distances and row gathering on packed float rows ({@code n * dim} arrays), shared by every package. */
public final class PackedVectors {

    /** The longest array deq allocates: 2^31 − 9 elements (a VM may refuse the last few of 2^31 − 1). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private PackedVectors() {
    }

    /**
     * {@code length} (computed in long arithmetic by the caller) as an array length; past {@link #MAX_ARRAY} an
     * IllegalArgumentException that says what needed the array.
     */
    public static int arrayLength(long length, String what) {
        if (length > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " needs " + length + " values, more than one Java array holds ("
                    + MAX_ARRAY + ")");
        }
        return (int) length;
    }

    /**
     * The new length of a growing array of {@code length} elements that must hold {@code needed} ({@code needed} ≤
     * {@link #MAX_ARRAY}, checked by the caller with its own words): half as long again, at least {@code needed}, at
     * most {@link #MAX_ARRAY}; in long arithmetic, so that an array past 2^30 elements does not grow to a negative length.
     */
    public static int grownLength(int length, long needed) {
        return (int) Math.max(needed, Math.min(MAX_ARRAY, (long) length + (length >> 1)));
    }

    /** a[ao, ao+dim) · b[bo, bo+dim). */
    public static float dot(float[] a, int ao, float[] b, int bo, int dim) {
        // four independent sums so the adds pipeline
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < dim; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < dim; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Squared L2 distance between two packed rows. */
    public static float sqDistance(float[] a, int ao, float[] b, int bo, int dim) {
        // four independent sums: a single float sum serialises on the add latency (the JIT keeps FP order)
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < dim; j += 4) {
            float d0 = a[ao + j] - b[bo + j];
            float d1 = a[ao + j + 1] - b[bo + j + 1];
            float d2 = a[ao + j + 2] - b[bo + j + 2];
            float d3 = a[ao + j + 3] - b[bo + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < dim; j++) {
            float d = a[ao + j] - b[bo + j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Squared L2 distance between two packed rows summed in double, in order: for training sums (kernel widths,
     * k-means++ seeding) whose seeded results must not move; each difference is still taken in float.
     */
    public static double sqDistanceDouble(float[] a, int ao, float[] b, int bo, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            double d = a[ao + j] - b[bo + j];
            s += d * d;
        }
        return s;
    }

    /** L1 (Manhattan) distance between two packed rows. */
    public static float l1Distance(float[] a, int ao, float[] b, int bo, int dim) {
        // four independent sums so the adds pipeline
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < dim; j += 4) {
            s0 += Math.abs(a[ao + j] - b[bo + j]);
            s1 += Math.abs(a[ao + j + 1] - b[bo + j + 1]);
            s2 += Math.abs(a[ao + j + 2] - b[bo + j + 2]);
            s3 += Math.abs(a[ao + j + 3] - b[bo + j + 3]);
        }
        for (; j < dim; j++) {
            s0 += Math.abs(a[ao + j] - b[bo + j]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Cosine distance {@code 1 - cos} between two packed rows; a zero row is at distance 1 from everything. */
    public static float cosineDistance(float[] a, int ao, float[] b, int bo, int dim) {
        // two independent sums of each kind so the adds pipeline; the norms come with the dot product, in one pass
        float dot0 = 0f;
        float dot1 = 0f;
        float nq0 = 0f;
        float nq1 = 0f;
        float nd0 = 0f;
        float nd1 = 0f;
        int j = 0;
        for (; j + 1 < dim; j += 2) {
            int o = bo + j;
            float a0 = a[ao + j];
            float b0 = b[o];
            float a1 = a[ao + j + 1];
            float b1 = b[o + 1];
            dot0 += a0 * b0;
            dot1 += a1 * b1;
            nq0 += a0 * a0;
            nq1 += a1 * a1;
            nd0 += b0 * b0;
            nd1 += b1 * b1;
        }
        if (j < dim) {
            float x = a[ao + j];
            float y = b[bo + j];
            dot0 += x * y;
            nq0 += x * x;
            nd0 += y * y;
        }
        float dot = dot0 + dot1;
        float nq = nq0 + nq1;
        float nd = nd0 + nd1;
        if (nq == 0f || nd == 0f) {
            return 1f;
        }
        return 1f - (float) (dot / Math.sqrt((double) nq * nd));
    }

    /**
     * Squared L2 distance when it is at most {@code limit}, bit for bit equal to {@link #sqDistance} (same sums in the
     * same order); otherwise the first partial sum above {@code limit}. The terms are
     * non-negative and rounding is monotone, so a partial sum never exceeds the full one: it is a lower bound, and a
     * row that cannot make a top-k is left after its first blocks.
     */
    public static float sqDistanceAtMost(float[] a, int ao, float[] b, int bo, int dim, float limit) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        while (j + 3 < dim) {
            // checked after 4 dimensions (a look at one cache line), then every 32: rarely enough to cost little,
            // often enough to leave most of a far row unread
            for (int blockEnd = Math.min(dim - 3, j == 0 ? 4 : j + 32); j < blockEnd; j += 4) {
                float d0 = a[ao + j] - b[bo + j];
                float d1 = a[ao + j + 1] - b[bo + j + 1];
                float d2 = a[ao + j + 2] - b[bo + j + 2];
                float d3 = a[ao + j + 3] - b[bo + j + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            float partial = (s0 + s1) + (s2 + s3);
            if (partial > limit) {
                return partial;
            }
        }
        for (; j < dim; j++) {
            float d = a[ao + j] - b[bo + j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * L1 distance when it is at most {@code limit}, bit for bit equal to {@link #l1Distance}; otherwise a partial sum
     * above {@code limit}, a lower bound, as {@link #sqDistanceAtMost} gives (the terms are non-negative too).
     */
    public static float l1DistanceAtMost(float[] a, int ao, float[] b, int bo, int dim, float limit) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        while (j + 3 < dim) {
            for (int blockEnd = Math.min(dim - 3, j == 0 ? 4 : j + 32); j < blockEnd; j += 4) {
                s0 += Math.abs(a[ao + j] - b[bo + j]);
                s1 += Math.abs(a[ao + j + 1] - b[bo + j + 1]);
                s2 += Math.abs(a[ao + j + 2] - b[bo + j + 2]);
                s3 += Math.abs(a[ao + j + 3] - b[bo + j + 3]);
            }
            float partial = (s0 + s1) + (s2 + s3);
            if (partial > limit) {
                return partial;
            }
        }
        for (; j < dim; j++) {
            s0 += Math.abs(a[ao + j] - b[bo + j]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Chi-squared histogram distance {@code 0.5 * sum (a-b)^2 / (a+b)} (bins where {@code a+b <= 0} contribute nothing)
     * when it is at most {@code limit}; otherwise a partial value above {@code limit}, a lower bound (the terms are
     * non-negative). With an infinite limit, the distance: one sum in bin order, so the value never depends on the limit.
     */
    public static float chi2DistanceAtMost(float[] a, int ao, float[] b, int bo, int dim, float limit) {
        float sum = 0f;
        int j = 0;
        while (j < dim) {
            for (int blockEnd = Math.min(dim, j == 0 ? 4 : j + 32); j < blockEnd; j++) {
                float x = a[ao + j];
                float y = b[bo + j];
                float s = x + y;
                if (s > 0f) {
                    float d = x - y;
                    sum += d * d / s;
                }
            }
            if (0.5f * sum > limit) {
                return 0.5f * sum;
            }
        }
        return 0.5f * sum;
    }

    /** Copies the given rows of {@code data} into one packed array. */
    public static float[] gather(float[] data, int dim, int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }
}
