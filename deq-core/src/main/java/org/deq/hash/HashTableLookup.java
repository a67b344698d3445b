package org.deq.hash;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Classical hash-table lookup: one table keyed by the whole code (at most 64 bits), probed at every key within a
 * fixed Hamming radius of the query. Exact inside the radius, blind beyond it: a query whose k-th neighbour lies
 * farther than the radius gets fewer than k hits.
 */
public final class HashTableLookup implements HammingSearch {

    private final int n;
    private final int bits;
    private final int radius;
    private final long[] keys;
    private final int[] offsets;
    private final int[] ids;

    /** Indexes n single-word codes of {@code bits} (≤ 64) bits for probing within {@code radius}. */
    public HashTableLookup(long[] codes, int n, int bits, int radius) {
        if (bits <= 0 || bits > 64 || codes.length != n) {
            throw new IllegalArgumentException("hash-table lookup takes n=" + n + " codes of at most 64 bits; got "
                    + codes.length + " longs of " + bits + " bits");
        }
        if (radius < 0 || radius > bits) {
            throw new IllegalArgumentException("probe radius must be in 0.." + bits + ", got " + radius);
        }
        this.n = n;
        this.bits = bits;
        this.radius = radius;
        long[] sorted = codes.clone();
        Arrays.sort(sorted);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        this.keys = Arrays.copyOf(sorted, unique);
        this.offsets = new int[unique + 1];
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = Arrays.binarySearch(keys, codes[i]);
            offsets[slot[i] + 1]++;
        }
        for (int u = 0; u < unique; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = Arrays.copyOf(offsets, unique);
        this.ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[cursor[slot[i]]++] = i;
        }
    }

    @Override
    public int size() {
        return n;
    }

    /** The k nearest codes among those within the probe radius, nearest first (ids ascending within a distance). */
    @Override
    public HammingHits search(long[] query, int k, BitSet allowed) {
        if (query.length != 1 || k < 0) {
            throw new IllegalArgumentException("query must have 1 word and k ≥ 0; got " + query.length + " words, k=" + k);
        }
        int[] outIds = new int[Math.min(k, n)];
        int[] outDist = new int[outIds.length];
        int count = 0;
        long q = query[0];
        for (int r = 0; r <= radius && count < k; r++) {
            if (binomial(bits, r) > keys.length) {
                // more probes than stored keys (C(64, 8) is 4.4e9): one pass over the keys finds the rest of the radius
                return scanFrom(q, r, k, allowed, outIds, outDist, count);
            }
            int levelStart = count;
            // Gosper's hack over the C(bits, r) masks; counting them avoids overflow at 64 bits
            long mask = r == 0 ? 0 : -1L >>> (64 - r);
            for (long left = binomial(bits, r); left > 0; left--) {
                int u = Arrays.binarySearch(keys, q ^ mask);
                if (u >= 0) {
                    for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                        int id = ids[p];
                        if (allowed == null || allowed.get(id)) {
                            if (count == outIds.length) {
                                outIds = Arrays.copyOf(outIds, count * 2 + 1);
                                outDist = Arrays.copyOf(outDist, count * 2 + 1);
                            }
                            outIds[count] = id;
                            outDist[count++] = r;
                        }
                    }
                }
                if (left > 1) {
                    mask = Codes.nextSameWeight(mask);
                }
            }
            Arrays.sort(outIds, levelStart, count);
        }
        int size = Math.min(k, count);
        return new HammingHits(Arrays.copyOf(outIds, size), Arrays.copyOf(outDist, size));
    }

    /**
     * The hits so far ({@code count} of them, all nearer than {@code from}) followed by the allowed codes at distances
     * {@code from..radius}, by distance then id, as the probes would have found them: one pass over the keys.
     */
    private HammingHits scanFrom(long q, int from, int k, BitSet allowed, int[] outIds, int[] outDist, int count) {
        int levels = radius - from + 1;
        int[] perLevel = new int[levels + 1];
        for (int u = 0; u < keys.length; u++) {
            int d = Long.bitCount(keys[u] ^ q);
            if (d >= from && d <= radius) {
                perLevel[d - from + 1] += offsets[u + 1] - offsets[u];
            }
        }
        for (int l = 0; l < levels; l++) {
            perLevel[l + 1] += perLevel[l];
        }
        int[] found = new int[perLevel[levels]];
        int[] cursor = Arrays.copyOf(perLevel, levels);
        for (int u = 0; u < keys.length; u++) {
            int d = Long.bitCount(keys[u] ^ q);
            if (d >= from && d <= radius) {
                for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                    found[cursor[d - from]++] = ids[p];
                }
            }
        }
        int size = count;
        int[] hitIds = Arrays.copyOf(outIds, Math.min(k, count + found.length));
        int[] hitDist = Arrays.copyOf(outDist, hitIds.length);
        for (int l = 0; l < levels && size < hitIds.length; l++) {
            Arrays.sort(found, perLevel[l], perLevel[l + 1]);
            for (int i = perLevel[l]; i < perLevel[l + 1] && size < hitIds.length; i++) {
                if (allowed == null || allowed.get(found[i])) {
                    hitIds[size] = found[i];
                    hitDist[size++] = from + l;
                }
            }
        }
        return new HammingHits(Arrays.copyOf(hitIds, size), Arrays.copyOf(hitDist, size));
    }

    private static long binomial(int n, int r) {
        long c = 1;
        for (int i = 1; i <= r; i++) {
            c = c * (n - r + i) / i;
        }
        return c;
    }
}
