package org.deq.feedback;

/**
 * A scorer f(x) = bias + Σ_j coef_j · exp(−γ‖x − c_j‖²) over packed centres: a kernel SVM (centres = support vectors)
 * or, without irrelevant marks, a kernel similarity to the relevant examples. Higher is more relevant.
 *
 * @param kind          what the scores mean
 * @param centres       {@code coef.length * dim} packed centres
 * @param dim           descriptor length
 * @param coef          one weight per centre (α·y for an SVM)
 * @param centreSqNorms ‖c_j‖² per centre
 * @param bias          added to every score (0 for a similarity)
 * @param gamma         RBF width γ
 */
public record RelevanceModel(Kind kind, float[] centres, int dim, float[] coef, float[] centreSqNorms, double bias,
                             double gamma) {

    /** What the score of a model means. */
    public enum Kind {
        /** An SVM decision value: its sign is the class and |score| the distance to the boundary. */
        SVM,
        /** A kernel similarity to the relevant examples: only the order is meaningful, there is no boundary. */
        SIMILARITY
    }

    /** A similarity model: the mean RBF kernel value to the relevant {@code examples} (packed rows). */
    public static RelevanceModel similarity(float[] examples, int dim, double gamma) {
        int n = examples.length / dim;
        if (n == 0) {
            throw new IllegalArgumentException("a similarity model needs at least one relevant example");
        }
        float[] coef = new float[n];
        java.util.Arrays.fill(coef, 1f / n);
        return new RelevanceModel(Kind.SIMILARITY, examples, dim, coef, sqNorms(examples, dim), 0, gamma);
    }

    /** ‖row‖² of every packed row. */
    static float[] sqNorms(float[] rows, int dim) {
        float[] out = new float[rows.length / dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = Vectors.dot(rows, i * dim, rows, i * dim, dim);
        }
        return out;
    }

    /** The score of {@code data[offset, offset + dim)}, whose squared norm is {@code sqNorm}. */
    public float score(float[] data, int offset, float sqNorm) {
        double s = bias;
        for (int j = 0; j < coef.length; j++) {
            // ‖x − c‖² = ‖x‖² + ‖c‖² − 2x·c reuses the pool's precomputed norms: one dot product per centre
            float d2 = sqNorm + centreSqNorms[j] - 2f * Vectors.dot(data, offset, centres, j * dim, dim);
            s += coef[j] * Math.exp(-gamma * Math.max(d2, 0f));
        }
        return (float) s;
    }

    /** Number of centres (support vectors or relevant examples). */
    public int size() {
        return coef.length;
    }
}
