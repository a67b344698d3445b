package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.deq.vectors.PackedVectors;

/**
 * Centred RBF kernel features k̄(x)_i = exp(−γ‖x − a_i‖²) − μ_i over p anchors a_i, where μ is the mean kernel vector
 * of a training sample: the input of kernel LSH and supervised kernel hashing.
 */
record KernelFeatures(int dim, int anchorCount, float[] anchors, double gamma, float[] mean) {

    /** Most anchors a spec may ask for: klsh and ksh hold p × p double matrices (800 MB at this cap). */
    static final int MAX_ANCHORS = 10_000;

    KernelFeatures {
        if (anchors.length != anchorCount * dim || mean.length != anchorCount) {
            throw new IllegalArgumentException("kernel state does not match " + anchorCount + " anchors × " + dim);
        }
    }

    /**
     * Kernel over the given anchors with σ = mean pairwise anchor distance (k = exp(−d²/2σ²)) and μ = mean raw
     * kernel vector of {@code sampleRows} of {@code packed}.
     */
    static KernelFeatures fit(float[] packed, int dim, int[] anchorRows, int[] sampleRows) {
        float[] anchors = PackedVectors.gather(packed, dim, anchorRows);
        int p = anchorRows.length;
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                sum += Math.sqrt(PackedVectors.sqDistanceDouble(anchors, i * dim, anchors, j * dim, dim));
                pairs++;
            }
        }
        double sigma = pairs == 0 || sum == 0 ? 1 : sum / pairs;
        KernelFeatures raw = new KernelFeatures(dim, p, anchors, 1 / (2 * sigma * sigma), new float[p]);
        double[] mu = new double[p];
        float[] k = new float[p];
        for (int row : sampleRows) {
            raw.features(packed, row * dim, k, 0);
            for (int i = 0; i < p; i++) {
                mu[i] += k[i];
            }
        }
        float[] mean = new float[p];
        for (int i = 0; i < p; i++) {
            mean[i] = (float) (mu[i] / sampleRows.length);
        }
        return new KernelFeatures(dim, p, anchors, raw.gamma, mean);
    }

    /** Writes k̄(x) for x = {@code x[xOff .. xOff+dim)} into {@code out[outOff .. outOff+anchorCount)}. */
    void features(float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < anchorCount; i++) {
            double d2 = PackedVectors.sqDistanceDouble(x, xOff, anchors, i * dim, dim);
            out[outOff + i] = (float) Math.exp(-gamma * d2) - mean[i];
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(dim);
        out.writeInt(anchorCount);
        out.writeDouble(gamma);
        StateIo.writeFloats(out, anchors);
        StateIo.writeFloats(out, mean);
    }

    static KernelFeatures read(DataInput in) throws IOException {
        int dim = in.readInt();
        int p = in.readInt();
        double gamma = in.readDouble();
        return new KernelFeatures(dim, p, StateIo.readFloats(in), gamma, StateIo.readFloats(in));
    }
}
