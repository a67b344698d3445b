package org.deq.hash;

import java.io.DataOutput;
import java.io.IOException;

/**
 * Maps a float descriptor to a binary code of {@link #bits()} bits packed into {@code ceil(bits/64)} longs
 * (bit j lives in word j/64 at position j%64). Implementations are immutable and thread-safe.
 */
public interface BinaryEncoder {

    /** Code length in bits. */
    int bits();

    /** Length of the descriptors this encoder accepts. */
    int dimension();

    /** The text spec that names this encoder, e.g. {@code lsh:bits=64}; {@link Encoders#read} takes it back. */
    String spec();

    /** Number of longs per code. */
    default int words() {
        return Codes.words(bits());
    }

    /** Encodes the descriptor at {@code packed[offset .. offset+dimension())} into {@code codes[codeOffset ..]}. */
    void encodeInto(float[] packed, int offset, long[] codes, int codeOffset);

    /** The code of one descriptor (a new array). */
    default long[] encode(float[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("descriptor has length " + x.length + ", encoder expects " + dimension());
        }
        long[] code = new long[words()];
        encodeInto(x, 0, code, 0);
        return code;
    }

    /** The codes of {@code n} descriptors packed row-major in {@code packed}, as n × words() longs. */
    default long[] encodeAll(float[] packed, int n) {
        int dim = dimension();
        Training.checkPacked(packed, n, dim);
        int words = words();
        long[] codes = new long[n * words];
        for (int i = 0; i < n; i++) {
            encodeInto(packed, i * dim, codes, i * words);
        }
        return codes;
    }

    /** Writes the trained state; {@link Encoders#read} with {@link #spec()} restores an identical encoder. */
    void writeState(DataOutput out) throws IOException;
}
