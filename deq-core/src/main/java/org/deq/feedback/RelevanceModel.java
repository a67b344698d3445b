package org.deq.feedback;

import java.util.Arrays;
import org.deq.index.PackedVectors;

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
        Arrays.fill(coef, 1f / n);
        return new RelevanceModel(Kind.SIMILARITY, examples, dim, coef, sqNorms(examples, dim), 0, gamma);
    }

    /**
     * This model plus {@code weight} × the mean kernel similarity to the {@code examples} (packed rows): one more
     * centre per example, so scoring costs what it did plus those centres.
     */
    public RelevanceModel plusSimilarity(float[] examples, double weight) {
        int n = examples.length / dim;
        if (n == 0 || weight == 0) {
            return this;
        }
        float[] allCentres = Arrays.copyOf(centres, centres.length + examples.length);
        System.arraycopy(examples, 0, allCentres, centres.length, examples.length);
        float[] allCoef = Arrays.copyOf(coef, coef.length + n);
        Arrays.fill(allCoef, coef.length, allCoef.length, (float) (weight / n));
        float[] norms = Arrays.copyOf(centreSqNorms, coef.length + n);
        System.arraycopy(sqNorms(examples, dim), 0, norms, coef.length, n);
        return new RelevanceModel(kind, allCentres, dim, allCoef, norms, bias, gamma);
    }

    /** ‖row‖² of every packed row. */
    static float[] sqNorms(float[] rows, int dim) {
        float[] out = new float[rows.length / dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = PackedVectors.dot(rows, i * dim, rows, i * dim, dim);
        }
        return out;
    }

    /** The score of {@code data[offset, offset + dim)}, whose squared norm is {@code sqNorm}. */
    public float score(float[] data, int offset, float sqNorm) {
        double s = bias;
        int n = coef.length;
        int j = 0;
        // four centres per pass: the row is read once per four dot products, and the four sums pipeline
        for (; j + 3 < n; j += 4) {
            int c0 = j * dim;
            int c1 = c0 + dim;
            int c2 = c1 + dim;
            int c3 = c2 + dim;
            float d0 = 0f;
            float d1 = 0f;
            float d2 = 0f;
            float d3 = 0f;
            for (int k = 0; k < dim; k++) {
                float x = data[offset + k];
                d0 += x * centres[c0 + k];
                d1 += x * centres[c1 + k];
                d2 += x * centres[c2 + k];
                d3 += x * centres[c3 + k];
            }
            s += kernelTerm(j, sqNorm, d0) + kernelTerm(j + 1, sqNorm, d1) + kernelTerm(j + 2, sqNorm, d2)
                    + kernelTerm(j + 3, sqNorm, d3);
        }
        for (; j < n; j++) {
            s += kernelTerm(j, sqNorm, PackedVectors.dot(data, offset, centres, j * dim, dim));
        }
        return (float) s;
    }

    /** coef_j · exp(−γ‖x − c_j‖²) from x·c_j: ‖x − c‖² = ‖x‖² + ‖c‖² − 2x·c reuses the precomputed norms. */
    private double kernelTerm(int j, float sqNorm, float dot) {
        float d2 = sqNorm + centreSqNorms[j] - 2f * dot;
        return coef[j] * Math.exp(-gamma * Math.max(d2, 0f));
    }

    /** Number of centres (support vectors or relevant examples). */
    public int size() {
        return coef.length;
    }
}
