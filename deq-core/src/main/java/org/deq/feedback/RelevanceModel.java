package org.deq.feedback;

import java.util.Arrays;
import org.deq.vectors.PackedVectors;

/**
 * A scorer f(x) = bias + Σ_j coef_j · k(x, c_j) + w · max_i k(x, e_i) over packed centres, k = exp(−γ·d) of the
 * {@link Kernel}: a kernel SVM (c_j = support vectors) or, without irrelevant marks, a kernel similarity to the relevant
 * examples; the optional max term (weight w over the examples e_i) is the similarity to the nearest relevant example,
 * which a sum cannot express: relevant images that form several groups (label sets) each keep their neighbours high.
 * Higher is more relevant.
 *
 * @param kind          what the scores mean
 * @param kernel        the kernel k
 * @param centres       packed centres: the {@code coef.length} summed ones c_j, then the examples e_i of the max term
 * @param dim           descriptor length
 * @param coef          one weight per summed centre (α·y for an SVM)
 * @param centreSqNorms ‖c‖² per centre, summed ones first
 * @param bias          added to every score (0 for a similarity)
 * @param gamma         kernel width γ
 * @param nearestWeight w, the weight of the max term (0 without examples e_i)
 */
public record RelevanceModel(Kind kind, Kernel kernel, float[] centres, int dim, float[] coef, float[] centreSqNorms,
                             double bias, double gamma, double nearestWeight) {

    /** What the score of a model means. */
    public enum Kind {
        /** An SVM decision value: its sign is the class and |score| the distance to the boundary. */
        SVM,
        /** A kernel similarity to the relevant examples: only the order is meaningful, there is no boundary. */
        SIMILARITY
    }

    /** A similarity model: the mean kernel value to the relevant {@code examples} (packed rows). */
    public static RelevanceModel similarity(float[] examples, int dim, Kernel kernel, double gamma) {
        int n = examples.length / dim;
        if (n == 0) {
            throw new IllegalArgumentException("a similarity model needs at least one relevant example");
        }
        float[] coef = new float[n];
        Arrays.fill(coef, 1f / n);
        return new RelevanceModel(Kind.SIMILARITY, kernel, examples, dim, coef, sqNorms(examples, dim), 0, gamma, 0);
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
        int summed = coef.length * dim;
        float[] allCentres = new float[centres.length + examples.length];
        System.arraycopy(centres, 0, allCentres, 0, summed);
        System.arraycopy(examples, 0, allCentres, summed, examples.length);
        System.arraycopy(centres, summed, allCentres, summed + examples.length, centres.length - summed);
        float[] allCoef = Arrays.copyOf(coef, coef.length + n);
        Arrays.fill(allCoef, coef.length, allCoef.length, (float) (weight / n));
        float[] norms = new float[centreSqNorms.length + n];
        System.arraycopy(centreSqNorms, 0, norms, 0, coef.length);
        System.arraycopy(sqNorms(examples, dim), 0, norms, coef.length, n);
        System.arraycopy(centreSqNorms, coef.length, norms, coef.length + n, centreSqNorms.length - coef.length);
        return new RelevanceModel(kind, kernel, allCentres, dim, allCoef, norms, bias, gamma, nearestWeight);
    }

    /**
     * This model plus {@code weight} × the kernel similarity to the nearest of the {@code examples} (packed rows),
     * replacing any earlier max term.
     */
    public RelevanceModel plusNearest(float[] examples, double weight) {
        int n = examples.length / dim;
        if (n == 0 || weight == 0) {
            return this;
        }
        int summed = coef.length * dim;
        float[] allCentres = Arrays.copyOf(centres, summed + examples.length);
        System.arraycopy(examples, 0, allCentres, summed, examples.length);
        float[] norms = Arrays.copyOf(centreSqNorms, coef.length + n);
        System.arraycopy(sqNorms(examples, dim), 0, norms, coef.length, n);
        return new RelevanceModel(kind, kernel, allCentres, dim, coef, norms, bias, gamma, weight);
    }

    /** ‖row‖² of every packed row. */
    static float[] sqNorms(float[] rows, int dim) {
        float[] out = new float[rows.length / dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = PackedVectors.dot(rows, i * dim, rows, i * dim, dim);
        }
        return out;
    }

    /**
     * The score of {@code data[offset, offset + dim)}, whose squared norm is {@code sqNorm} (used by the RBF only), with
     * {@code scratch} (at least {@link #size()} floats) for the distances to the centres, so that scoring a pool
     * allocates nothing per image.
     */
    public float score(float[] data, int offset, float sqNorm, float[] scratch) {
        if (kernel == Kernel.RBF) {
            rbfDistances(data, offset, sqNorm, scratch);
        } else {
            l1Distances(data, offset, scratch);
        }
        double s = bias;
        int summed = coef.length;
        for (int j = 0; j < summed; j++) {
            s += coef[j] * Math.exp(-gamma * scratch[j]);
        }
        int n = centreSqNorms.length;
        if (n > summed) {
            float nearest = Float.POSITIVE_INFINITY;
            for (int j = summed; j < n; j++) {
                nearest = Math.min(nearest, scratch[j]);
            }
            s += nearestWeight * Math.exp(-gamma * nearest);
        }
        return (float) s;
    }

    /** ‖x − c_j‖² of every centre into out, from x·c_j: ‖x − c‖² = ‖x‖² + ‖c‖² − 2x·c reuses the norms. */
    private void rbfDistances(float[] data, int offset, float sqNorm, float[] out) {
        int n = centreSqNorms.length;
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
            out[j] = Math.max(0f, sqNorm + centreSqNorms[j] - 2f * d0);
            out[j + 1] = Math.max(0f, sqNorm + centreSqNorms[j + 1] - 2f * d1);
            out[j + 2] = Math.max(0f, sqNorm + centreSqNorms[j + 2] - 2f * d2);
            out[j + 3] = Math.max(0f, sqNorm + centreSqNorms[j + 3] - 2f * d3);
        }
        for (; j < n; j++) {
            out[j] = Math.max(0f, sqNorm + centreSqNorms[j] - 2f * PackedVectors.dot(data, offset, centres, j * dim, dim));
        }
    }

    /** ‖x − c_j‖₁ of every centre into out. */
    private void l1Distances(float[] data, int offset, float[] out) {
        int n = centreSqNorms.length;
        int j = 0;
        // four centres per pass, as for the RBF: the row is read once per four L1 distances
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
                d0 += Math.abs(x - centres[c0 + k]);
                d1 += Math.abs(x - centres[c1 + k]);
                d2 += Math.abs(x - centres[c2 + k]);
                d3 += Math.abs(x - centres[c3 + k]);
            }
            out[j] = d0;
            out[j + 1] = d1;
            out[j + 2] = d2;
            out[j + 3] = d3;
        }
        for (; j < n; j++) {
            out[j] = PackedVectors.l1Distance(data, offset, centres, j * dim, dim);
        }
    }

    /** Number of centres (support vectors or relevant examples, and the examples of the max term). */
    public int size() {
        return centreSqNorms.length;
    }
}
