package org.deq.hash;

import java.io.DataOutput;
import java.io.IOException;

/**
 * An encoder whose bits are signs of linear projections of the descriptor ({@link SignProjection}): what random
 * hyperplanes and ITQ share once trained; they differ only in how they choose the projections.
 */
abstract class LinearHashEncoder implements BinaryEncoder {

    private final String spec;
    private final int dim;
    private final SignProjection projection;

    /** An encoder named by {@code spec}, which records every parameter its training took. */
    LinearHashEncoder(String spec, SignProjection projection) {
        this.spec = spec;
        this.dim = projection.inputs();
        this.projection = projection;
    }

    @Override
    public final int bits() {
        return projection.bits();
    }

    @Override
    public final int dimension() {
        return dim;
    }

    @Override
    public final String spec() {
        return spec;
    }

    /** The spec, so that a printed encoder says what it is. */
    @Override
    public final String toString() {
        return spec();
    }

    @Override
    public final void encodeInto(float[] packed, int offset, long[] codes, int codeOffset) {
        projection.project(packed, offset, codes, codeOffset);
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        projection.write(out);
    }
}
