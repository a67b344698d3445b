package org.deq.hash;

import java.util.Random;
import java.util.Set;
import org.deq.vectors.SymmetricEigen;

/**
 * Kernelized LSH (Kulis &amp; Grauman, ICCV 2009): p anchors from the data, centred RBF kernel matrix K̄; each bit
 * draws t anchors S and hashes with w = K̄^(-1/2) e_S / t, i.e. a random direction in kernel space.
 */
public final class KernelLsh {

    /** Spec method name. */
    public static final String METHOD = "klsh";
    static final int DEFAULT_ANCHORS = 300;
    static final int DEFAULT_SUBSET = 30;
    /** Eigenvalues below this fraction of the largest are treated as zero in K̄^(-1/2). */
    private static final double EIGEN_FLOOR = 1e-5;

    private KernelLsh() {
    }

    /** The trainer for {@code klsh:bits=B[,anchors=p][,subset=t]}. */
    static EncoderTrainer trainer(HashSpec spec) {
        spec.requireKeys(Set.of("bits", "anchors", "subset"));
        int bits = spec.bits();
        int anchors = spec.positive("anchors", DEFAULT_ANCHORS, KernelFeatures.MAX_ANCHORS);
        int subset = spec.positive("subset", DEFAULT_SUBSET);
        return (packed, n, dim, labels, seed) -> train(packed, n, dim, bits, anchors, subset, seed);
    }

    /** Trains on n descriptors; uses min(anchors, n) anchors and min(subset, anchors/2) per bit. */
    public static KernelHashEncoder train(float[] packed, int n, int dim, int bits, int anchors, int subset, long seed) {
        Training.checkPacked(packed, n, dim);
        if (n < 2) {
            throw new IllegalArgumentException("kernel LSH needs at least 2 training descriptors, got " + n);
        }
        Random rnd = new Random(seed);
        int[] anchorRows = Training.sampleRows(n, anchors, rnd);
        int p = anchorRows.length;
        // the anchors double as the centring sample: that is the feature-space centring of Kulis & Grauman
        KernelFeatures kernel = KernelFeatures.fit(packed, dim, anchorRows, anchorRows);
        double[] centred = new double[p * p];
        float[] row = new float[p];
        for (int i = 0; i < p; i++) {
            kernel.features(kernel.anchors(), i * dim, row, 0);
            for (int j = 0; j < p; j++) {
                centred[i * p + j] = row[j];
            }
        }
        // rows hold K_ij − μ_j; subtracting each row's mean too gives HKH, symmetric with 1 in its null space
        for (int i = 0; i < p; i++) {
            double rowMean = 0;
            for (int j = 0; j < p; j++) {
                rowMean += centred[i * p + j] / p;
            }
            for (int j = 0; j < p; j++) {
                centred[i * p + j] -= rowMean;
            }
        }
        double[] invSqrt = SymmetricEigen.of(centred, p).inverseSqrt(EIGEN_FLOOR);
        int t = Math.max(1, Math.min(subset, p / 2));
        float[] w = new float[bits * p];
        for (int b = 0; b < bits; b++) {
            for (int s : Training.sampleRows(p, t, rnd)) {
                for (int i = 0; i < p; i++) {
                    w[b * p + i] += (float) (invSqrt[i * p + s] / t);
                }
            }
        }
        String spec = METHOD + ":anchors=" + p + ",bits=" + bits + ",subset=" + t;
        return new KernelHashEncoder(spec, kernel, new SignProjection(bits, p, w, new float[bits]));
    }
}
