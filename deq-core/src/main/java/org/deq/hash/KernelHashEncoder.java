package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.stream.IntStream;

/**
 * A trained kernel hash: bit j = sign(w_jᵀ k̄(x)) over centred RBF kernel features. Kernel LSH and supervised kernel
 * hashing differ only in how they learn the w_j, so both produce this encoder.
 */
public final class KernelHashEncoder implements BinaryEncoder {

    private static final int CHUNK = 1024;

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
        float[] f = new float[kernel.anchorCount()];
        kernel.features(packed, offset, f, 0);
        projection.project(f, 0, codes, codeOffset);
    }

    /** Encodes in parallel chunks on the common pool: kernel features cost p distance evaluations per item. */
    @Override
    public long[] encodeAll(float[] packed, int n) {
        int dim = dimension();
        Training.checkPacked(packed, n, dim);
        int words = words();
        long[] codes = new long[n * words];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            // one scratch row per chunk instead of one per item
            float[] f = new float[kernel.anchorCount()];
            for (int i = chunk * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                kernel.features(packed, i * dim, f, 0);
                projection.project(f, 0, codes, i * words);
            }
        });
        return codes;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        kernel.write(out);
        projection.write(out);
    }
}
