package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;
import java.util.Random;
import java.util.Set;
import org.deq.vectors.SymmetricEigen;

/**
 * Iterative quantization (ITQ, Gong &amp; Lazebnik, CVPR 2011): the data-centred descriptors are projected on their
 * top {@code bits} principal directions, then rotated by the orthogonal R that minimises the quantisation loss
 * ||sign(VR) − VR||², found by alternating the codes and an orthogonal Procrustes step. Unlike random hyperplanes the
 * bits follow the directions the data varies along, so nearby descriptors share more bits and fewer Hamming
 * candidates hold the true neighbours. Codes are at most as long as the descriptor, and shorter than the (sampled)
 * training set, whose centred descriptors span at most one direction fewer than their count.
 */
public final class IterativeQuantization extends LinearHashEncoder {

    /** Spec method name. */
    public static final String METHOD = "itq";
    private static final int DEFAULT_SAMPLES = 20_000;
    private static final int DEFAULT_ITERATIONS = 50;

    private IterativeQuantization(String spec, SignProjection projection) {
        super(spec, projection);
    }

    /** The trainer for a parsed {@code itq:bits=B[,iterations=50,samples=20000]} spec. */
    static EncoderTrainer trainer(HashSpec spec) {
        HashSpec s = spec.requireKeys(Set.of("bits", "iterations", "samples"));
        int bits = s.bits();
        int iterations = s.positive("iterations", DEFAULT_ITERATIONS);
        int samples = s.positive("samples", DEFAULT_SAMPLES);
        return new EncoderTrainer() {
            @Override
            public BinaryEncoder train(float[] packed, int n, int dim, int[][] labels, long seed) {
                return IterativeQuantization.train(packed, n, dim, bits, iterations, samples, seed);
            }

            @Override
            public void checkTrainable(int n, int dim) {
                check(n, dim, bits, samples);
            }
        };
    }

    /** ITQ learns one bit per principal direction: at most the dimension, and the span of its training sample. */
    private static void check(int n, int dim, int bits, int samples) {
        if (bits > dim) {
            throw new IllegalArgumentException("itq gives at most one bit per descriptor dimension: bits=" + bits
                    + " > dimension " + dim + " (use lsh or klsh for longer codes)");
        }
        int s = Math.min(n, samples);
        // descriptors centred on their own mean span at most s − 1 directions, a sample centred on the mean of all n at
        // most s; past those PCA returns arbitrary null-space ones
        int span = s < n ? s : s - 1;
        if (bits > span) {
            throw new IllegalArgumentException("itq learns one bit per principal direction and its " + s + " training descriptors"
                    + (s < n ? " (samples=" + samples + " of " + n + ")" : "") + " span at most " + span + ": bits=" + bits
                    + " needs " + (s < n ? "samples=" + bits + " or more" : "at least " + (bits + 1) + "; use lsh or klsh on so few descriptors"));
        }
    }

    /** PCA to {@code bits} dimensions on up to {@code samples} rows, then {@code iterations} ITQ rotations. */
    public static IterativeQuantization train(float[] packed, int n, int dim, int bits, int iterations, int samples, long seed) {
        Training.checkPacked(packed, n, dim);
        check(n, dim, bits, samples);
        int s = Math.min(n, samples);
        Random rnd = new Random(seed);
        int[] rows = Training.sampleRows(n, samples, rnd);
        double[] mean = Training.mean(packed, n, dim);
        double[] x = new double[s * dim];
        for (int r = 0; r < s; r++) {
            for (int i = 0; i < dim; i++) {
                x[r * dim + i] = packed[rows[r] * dim + i] - mean[i];
            }
        }
        double[] pca = topDirections(x, s, dim, bits);
        double[] v = multiply(x, s, dim, pca, bits);
        double[] rotation = randomRotation(bits, rnd);
        for (int it = 0; it < iterations; it++) {
            rotation = procrustes(v, s, bits, rotation);
        }
        double[] w = multiply(pca, dim, bits, rotation, bits); // dim × bits: projection then rotation
        float[] weights = new float[bits * dim];
        for (int j = 0; j < bits; j++) {
            for (int i = 0; i < dim; i++) {
                weights[j * dim + i] = (float) w[i * bits + j];
            }
        }
        // the asked sample size, not min(n, samples): an encoder trained again from this spec on more rows (the
        // regions of a multi-code model) samples as many as this one was allowed to
        String spec = METHOD + ":bits=" + bits + ",iterations=" + iterations + ",samples=" + samples;
        return new IterativeQuantization(spec, SignProjection.centred(bits, dim, weights, mean));
    }

    /** The {@code k} eigenvectors of XᵀX with the largest eigenvalues, as the columns of a dim × k matrix. */
    private static double[] topDirections(double[] x, int s, int dim, int k) {
        double[] cov = new double[dim * dim];
        for (int r = 0; r < s; r++) {
            int o = r * dim;
            for (int i = 0; i < dim; i++) {
                double xi = x[o + i];
                if (xi == 0) {
                    continue;
                }
                for (int j = i; j < dim; j++) {
                    cov[i * dim + j] += xi * x[o + j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                cov[i * dim + j] = cov[j * dim + i];
            }
        }
        double[] vectors = SymmetricEigen.of(cov, dim).vectors(); // columns, largest eigenvalue first
        double[] out = new double[dim * k];
        for (int i = 0; i < dim; i++) {
            System.arraycopy(vectors, i * dim, out, i * k, k);
        }
        return out;
    }

    /** One ITQ step: codes B = sign(VR), then the orthogonal R minimising ||B − VR||: the polar factor of VᵀB. */
    private static double[] procrustes(double[] v, int s, int k, double[] rotation) {
        double[] vr = multiply(v, s, k, rotation, k);
        double[] vtb = new double[k * k];
        for (int r = 0; r < s; r++) {
            for (int i = 0; i < k; i++) {
                double vi = v[r * k + i];
                for (int j = 0; j < k; j++) {
                    vtb[i * k + j] += vr[r * k + j] >= 0 ? vi : -vi;
                }
            }
        }
        // polar factor A (AᵀA)^(-1/2) = U Wᵀ for A = U Σ Wᵀ
        double[] ata = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int t = 0; t < k; t++) {
                    sum += vtb[t * k + i] * vtb[t * k + j];
                }
                ata[i * k + j] = sum;
            }
        }
        return multiply(vtb, k, k, SymmetricEigen.of(ata, k).inverseSqrt(1e-12), k);
    }

    /** A random k × k orthogonal matrix: Gram–Schmidt on Gaussian columns. */
    private static double[] randomRotation(int k, Random rnd) {
        double[] q = new double[k * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < k; i++) {
                q[i * k + c] = rnd.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < k; i++) {
                    dot += q[i * k + c] * q[i * k + p];
                }
                for (int i = 0; i < k; i++) {
                    q[i * k + c] -= dot * q[i * k + p];
                }
            }
            double norm = 0;
            for (int i = 0; i < k; i++) {
                norm += q[i * k + c] * q[i * k + c];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < k; i++) {
                q[i * k + c] /= norm;
            }
        }
        return q;
    }

    /** (rows × inner) · (inner × cols), row-major. */
    private static double[] multiply(double[] a, int rows, int inner, double[] b, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < inner; t++) {
                double art = a[r * inner + t];
                if (art == 0) {
                    continue;
                }
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] += art * b[t * cols + c];
                }
            }
        }
        return out;
    }

    /** Restores an encoder that {@link #writeState} wrote under {@code spec}. */
    static IterativeQuantization read(String spec, DataInput in) throws IOException {
        return new IterativeQuantization(spec, SignProjection.read(in));
    }
}
