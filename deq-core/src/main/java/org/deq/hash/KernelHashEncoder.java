package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A trained kernel hash: bit j = sign(w_jᵀ k̄(x)) over centred RBF kernel features. Kernel LSH and supervised kernel
 * hashing differ only in how they learn the w_j, so both produce this encoder.
 */
public final class KernelHashEncoder implements BinaryEncoder {

    private final String spec;
    private final KernelFeatures kernel;
    private final SignProjection projection;

    KernelHashEncoder(String spec, KernelFeatures kernel, SignProjection projection) {
        if (projection.inputs() != kernel.anchorCount()) {
            throw new IllegalArgumentException("projection inputs " + projection.inputs() + " ≠ anchors " + kernel.anchorCount());
        }
        this.spec = spec;
        this.kernel = kernel;
        this.projection = projection;
    }

    static KernelHashEncoder read(String spec, DataInput in) throws IOException {
        KernelFeatures kernel = KernelFeatures.read(in);
        return new KernelHashEncoder(spec, kernel, SignProjection.read(in));
    }

    @Override
    public int bits() {
        return projection.bits();
    }

    @Override
    public int dimension() {
        return kernel.dim();
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
        encode(new float[kernel.anchorCount()], packed, offset, codes, codeOffset);
    }

    /**
     * Encodes in parallel chunks (on the caller's fork-join pool, else the common one): kernel features cost p distance
     * evaluations per item.
     */
    @Override
    public long[] encodeAll(float[] packed, int n) {
        return ParallelEncoding.encodeAll(this, packed, n, () -> new float[kernel.anchorCount()], this::encode);
    }

    /** Encodes one descriptor through {@code features}, a scratch row of the kernel features. */
    private void encode(float[] features, float[] packed, int offset, long[] codes, int codeOffset) {
        kernel.features(packed, offset, features, 0);
        projection.project(features, 0, codes, codeOffset);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        kernel.write(out);
        projection.write(out);
    }
}
