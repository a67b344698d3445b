package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A trained hashing network: standardised descriptor → fully connected layer with ReLU → fully connected layer of one
 * unit per bit; bit b is 1 where unit b's sigmoid passes 0.5 (its pre-activation is positive). Weights are row-major
 * float arrays; the encoder is immutable and thread-safe.
 */
final class MlpHashEncoder implements BinaryEncoder {

    private final String spec;
    private final int dim;
    private final int hidden;
    private final int bits;
    private final float[] mean;
    private final float[] invStd;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    // per-thread buffers for encodeInto (encodeAll gives each chunk its own): encoding allocates nothing per item
    private final ThreadLocal<float[][]> scratch;

    MlpHashEncoder(String spec, int dim, int hidden, int bits, float[] mean, float[] invStd, float[] w1, float[] b1,
                   float[] w2, float[] b2) {
        if (mean.length != dim || invStd.length != dim || w1.length != (long) hidden * dim || b1.length != hidden
                || w2.length != (long) bits * hidden || b2.length != bits) {
            throw new IllegalArgumentException("hashing network of " + dim + " → " + hidden + " → " + bits
                    + " has weights of the wrong sizes");
        }
        this.spec = spec;
        this.dim = dim;
        this.hidden = hidden;
        this.bits = bits;
        this.mean = mean;
        this.invStd = invStd;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.scratch = ThreadLocal.withInitial(this::newScratch);
    }

    /** Buffers for the standardised input and the hidden layer. */
    private float[][] newScratch() {
        return new float[][] {new float[dim], new float[hidden]};
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public String spec() {
        return spec;
    }

    /** The spec, so that a printed encoder says what it is. */
    @Override
    public String toString() {
        return spec();
    }

    @Override
    public void encodeInto(float[] packed, int offset, long[] codes, int codeOffset) {
        encode(scratch.get(), packed, offset, codes, codeOffset);
    }

    /** Encodes in parallel chunks (on the caller's fork-join pool, else the common one): each costs two dense layers. */
    @Override
    public long[] encodeAll(float[] packed, int n) {
        return ParallelEncoding.encodeAll(this, packed, n, this::newScratch, this::encode);
    }

    private void encode(float[][] buffers, float[] packed, int offset, long[] codes, int codeOffset) {
        float[] x = buffers[0];
        float[] h = buffers[1];
        for (int i = 0; i < dim; i++) {
            x[i] = (packed[offset + i] - mean[i]) * invStd[i];
        }
        for (int j = 0; j < hidden; j++) {
            float s = b1[j];
            int row = j * dim;
            for (int i = 0; i < dim; i++) {
                s += w1[row + i] * x[i];
            }
            h[j] = Math.max(0f, s);
        }
        for (int w = 0; w < words(); w++) {
            codes[codeOffset + w] = 0;
        }
        for (int b = 0; b < bits; b++) {
            float s = b2[b];
            int row = b * hidden;
            for (int j = 0; j < hidden; j++) {
                s += w2[row + j] * h[j];
            }
            if (s > 0) {
                codes[codeOffset + (b >>> 6)] |= 1L << (b & 63);
            }
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(dim);
        out.writeInt(hidden);
        out.writeInt(bits);
        for (float[] a : new float[][] {mean, invStd, w1, b1, w2, b2}) {
            StateIo.writeFloats(out, a);
        }
    }

    /** Restores an encoder that {@link #writeState} wrote under {@code spec}. */
    static MlpHashEncoder read(String spec, DataInput in) throws IOException {
        int dim = in.readInt();
        int hidden = in.readInt();
        int bits = in.readInt();
        if (dim <= 0 || hidden <= 0 || bits <= 0) {
            throw new IOException("corrupt hashing network state: sizes " + dim + ", " + hidden + ", " + bits);
        }
        float[][] a = new float[6][];
        for (int i = 0; i < a.length; i++) {
            a[i] = StateIo.readFloats(in);
        }
        try {
            return new MlpHashEncoder(spec, dim, hidden, bits, a[0], a[1], a[2], a[3], a[4], a[5]);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt hashing network state: " + e.getMessage(), e);
        }
    }
}
