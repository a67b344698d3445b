package org.deq.hash;

import java.util.BitSet;

/**
 * Exhaustive Hamming search with hardware popcount over n × words packed codes. Top-k is a counting selection:
 * distances are integers in [0, bits], so one histogram pass finds the k-th distance and a second pass collects.
 */
public final class HammingScan implements HammingSearch {

    private final long[] codes;
    private final int n;
    private final int bits;
    private final int words;

    /** Searches {@code codes} (not copied: the caller must not change it), n codes of {@code bits} bits. */
    public HammingScan(long[] codes, int n, int bits) {
        this.words = Codes.words(bits);
        if (bits <= 0 || (long) n * words != codes.length) {
            throw new IllegalArgumentException("codes have " + codes.length + " longs, expected n=" + n + " × " + words + " words");
        }
        this.codes = codes;
        this.n = n;
        this.bits = bits;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public HammingHits search(long[] query, int k, BitSet allowed) {
        if (query.length != words || k < 0) {
            throw new IllegalArgumentException("query must have " + words + " words and k ≥ 0; got " + query.length + " words, k=" + k);
        }
        int[] histogram = new int[bits + 1];
        // unfiltered 64-bit codes are the common case: a tight loop over the raw words runs several times faster
        boolean plain64 = words == 1 && allowed == null;
        if (plain64) {
            long q0 = query[0];
            for (int i = 0; i < n; i++) {
                histogram[Long.bitCount(codes[i] ^ q0)]++;
            }
        } else if (allowed == null) {
            for (int i = 0; i < n; i++) {
                histogram[Codes.distance(codes, i * words, query, 0, words)]++;
            }
        } else {
            for (int i = allowed.nextSetBit(0); i >= 0 && i < n; i = allowed.nextSetBit(i + 1)) {
                histogram[Codes.distance(codes, i * words, query, 0, words)]++;
            }
        }
        CountingTopK top = new CountingTopK(histogram, k);
        if (top.isEmpty()) {
            return top.hits();
        }
        if (plain64) {
            // the distance is recomputed here rather than stored: a second popcount is cheaper than an n-int array
            long q0 = query[0];
            for (int i = 0; i < n; i++) {
                top.offer(i, Long.bitCount(codes[i] ^ q0));
            }
        } else if (allowed == null) {
            for (int i = 0; i < n; i++) {
                top.offer(i, Codes.distance(codes, i * words, query, 0, words));
            }
        } else {
            for (int i = allowed.nextSetBit(0); i >= 0 && i < n; i = allowed.nextSetBit(i + 1)) {
                top.offer(i, Codes.distance(codes, i * words, query, 0, words));
            }
        }
        return top.hits();
    }
}
