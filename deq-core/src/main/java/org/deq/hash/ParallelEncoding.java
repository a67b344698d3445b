package org.deq.hash;

import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The encodeAll loop of encoders whose items cost far more than a task: chunks of items on the caller's fork-join pool
 * (deq index --threads runs training and encoding in one), else the common pool.
 */
final class ParallelEncoding {

    private static final int CHUNK = 1024;

    private ParallelEncoding() {
    }

    /** How one item is encoded with its chunk's scratch buffers, as {@link BinaryEncoder#encodeInto} would. */
    @FunctionalInterface
    interface ItemEncoder<S> {
        void encode(S scratch, float[] packed, int offset, long[] codes, int codeOffset);
    }

    /** The codes {@link BinaryEncoder#encodeAll} gives, each item in its own slots, so the order of chunks is moot. */
    static <S> long[] encodeAll(BinaryEncoder encoder, float[] packed, int n, Supplier<S> scratch, ItemEncoder<S> item) {
        int dim = encoder.dimension();
        Training.checkPacked(packed, n, dim);
        int words = encoder.words();
        long[] codes = new long[n * words];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            // one scratch per chunk instead of one per item
            S buffers = scratch.get();
            for (int i = chunk * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                item.encode(buffers, packed, i * dim, codes, i * words);
            }
        });
        return codes;
    }
}
