package org.deq.hash;

/**
 * One hash table of {@link MultiIndexHashing} as Elias-Fano posting lists: for every substring key the ascending
 * positions whose substring has that key. A position is split into its low 16 bits (a char) and its high part, written
 * in unary: entry i of a bucket sets bit {@code high + i} of the bucket's region, which spans {@code size +
 * highValues} bits. Regions lie back to back, so a bucket's region starts at {@code offsets[key] + key * highValues}
 * and one int offset per key is all the index needed. About 2 + 16 bits per entry when the table has ≤ 2^16 keys.
 */
final class PostingTable {

    /** Low bits of a position kept verbatim. */
    static final int LOW_BITS = 16;

    /** Entries of key k are {@code offsets[k]..offsets[k+1]}. */
    private final int[] offsets;
    /** Low 16 bits of every entry's position, grouped by key. */
    private final char[] lows;
    /** Unary high parts, bucket regions back to back. */
    private final long[] highs;
    /** Number of distinct high parts a position can have. */
    private final int highValues;

    /** The table of {@code keys[p]} (each in 0..2^keyBits-1) for positions p = 0..n-1. */
    PostingTable(int[] keys, int n, int keyBits) {
        int keyCount = 1 << keyBits;
        offsets = new int[keyCount + 1];
        for (int p = 0; p < n; p++) {
            offsets[keys[p] + 1]++;
        }
        for (int key = 0; key < keyCount; key++) {
            offsets[key + 1] += offsets[key];
        }
        highValues = n == 0 ? 1 : ((n - 1) >>> LOW_BITS) + 1;
        lows = new char[n];
        highs = new long[Math.toIntExact((((long) n + (long) keyCount * highValues) >>> 6) + 1)];
        int[] cursor = new int[keyCount];
        // positions are visited in ascending order, so every bucket comes out sorted as Elias-Fano needs
        for (int p = 0; p < n; p++) {
            int key = keys[p];
            int i = cursor[key]++;
            int entry = offsets[key] + i;
            lows[entry] = (char) p;
            long bit = regionStart(key) + (p >>> LOW_BITS) + i;
            highs[(int) (bit >>> 6)] |= 1L << (bit & 63);
        }
    }

    /** Number of positions with this key. */
    int size(int key) {
        return offsets[key + 1] - offsets[key];
    }

    /** Writes the positions with this key, ascending, to {@code out[0..size(key))}. */
    void decode(int key, int[] out) {
        int begin = offsets[key];
        int size = offsets[key + 1] - begin;
        long region = regionStart(key);
        int word = (int) (region >>> 6);
        long ones = highs[word] & (-1L << (region & 63));
        for (int i = 0; i < size; i++) {
            while (ones == 0) {
                ones = highs[++word];
            }
            long bit = ((long) word << 6) + Long.numberOfTrailingZeros(ones);
            ones &= ones - 1;
            out[i] = (int) ((bit - region - i) << LOW_BITS) | lows[begin + i];
        }
    }

    /** First bit of the unary region of bucket {@code key}. */
    private long regionStart(int key) {
        return offsets[key] + (long) key * highValues;
    }

    /** Bytes held by the arrays. */
    long bytes() {
        return 4L * offsets.length + 2L * lows.length + 8L * highs.length;
    }
}
