package org.deq.index;

/** Dot products, distances and row gathering on packed float rows ({@code n * dim} arrays), shared by every package. */
public final class PackedVectors {

    private PackedVectors() {
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

    /** Copies the given rows of {@code data} into one packed array. */
    public static float[] gather(float[] data, int dim, int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }
}
