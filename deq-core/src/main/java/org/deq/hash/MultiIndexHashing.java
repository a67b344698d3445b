package org.deq.hash;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Exact k-NN in Hamming space, sub-linear on structured codes (Norouzi, Punjani &amp; Fleet, CVPR 2012): codes are
 * cut into m disjoint substrings, each indexed by a direct-address table (counting-sorted ids, offsets by key).
 * By pigeonhole, a code within distance r of the query has some substring within ⌊r/m⌋; the search grows the
 * substring radius table by table and stops as soon as k verified codes lie within the proven radius.
 */
public final class MultiIndexHashing implements HammingSearch {

    /** Longest substring: its table holds 2^len + 1 offsets. */
    static final int MAX_SUBSTRING_BITS = 24;

    private final long[] codes;
    private final int n;
    private final int bits;
    private final int words;
    private final int[] starts;
    private final int[] lengths;
    private final int[][] offsets;
    private final int[][] ids;

    /** Indexes codes with the suggested m = bits / log2(n) substrings (more when a substring would exceed 24 bits). */
    public MultiIndexHashing(long[] codes, int n, int bits) {
        this(codes, n, bits, suggestedSubstrings(n, bits));
    }

    /** Indexes {@code codes} (not copied: the caller must not change it), n codes of {@code bits} bits, m substrings. */
    public MultiIndexHashing(long[] codes, int n, int bits, int substrings) {
        this.words = Codes.words(bits);
        if (bits <= 0 || (long) n * words != codes.length) {
            throw new IllegalArgumentException("codes have " + codes.length + " longs, expected n=" + n + " × " + words + " words");
        }
        if (substrings < 1 || substrings > bits || (bits + substrings - 1) / substrings > MAX_SUBSTRING_BITS) {
            throw new IllegalArgumentException("substrings must be in " + ((bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS)
                    + ".." + bits + " for " + bits + "-bit codes, got " + substrings);
        }
        this.codes = codes;
        this.n = n;
        this.bits = bits;
        this.starts = new int[substrings];
        this.lengths = new int[substrings];
        this.offsets = new int[substrings][];
        this.ids = new int[substrings][];
        int start = 0;
        for (int j = 0; j < substrings; j++) {
            // lengths differ by at most one bit, longer ones first
            lengths[j] = bits / substrings + (j < bits % substrings ? 1 : 0);
            starts[j] = start;
            start += lengths[j];
            buildTable(j);
        }
    }

    /** m ≈ bits / log2(n) (Norouzi et al.'s advice), at least enough to keep substrings ≤ 24 bits. */
    public static int suggestedSubstrings(int n, int bits) {
        double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
        int m = (int) Math.round(bits / log2n);
        m = Math.max(m, (bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS);
        return Math.max(1, Math.min(m, bits));
    }

    private void buildTable(int j) {
        int len = lengths[j];
        int[] off = new int[(1 << len) + 1];
        for (int i = 0; i < n; i++) {
            off[(int) Codes.substring(codes, i * words, starts[j], len) + 1]++;
        }
        for (int key = 0; key < (1 << len); key++) {
            off[key + 1] += off[key];
        }
        int[] cursor = Arrays.copyOf(off, 1 << len);
        int[] table = new int[n];
        for (int i = 0; i < n; i++) {
            table[cursor[(int) Codes.substring(codes, i * words, starts[j], len)]++] = i;
        }
        offsets[j] = off;
        ids[j] = table;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public int size() {
        return n;
    }

    /** Number of substrings (hash tables). */
    public int substrings() {
        return lengths.length;
    }

    @Override
    public HammingHits search(long[] query, int k, BitSet allowed) {
        if (query.length != words || k < 0) {
            throw new IllegalArgumentException("query must have " + words + " words and k ≥ 0; got " + query.length + " words, k=" + k);
        }
        int m = lengths.length;
        int[] querySub = new int[m];
        int maxLength = 0;
        for (int j = 0; j < m; j++) {
            querySub[j] = (int) Codes.substring(query, 0, starts[j], lengths[j]);
            maxLength = Math.max(maxLength, lengths[j]);
        }
        Candidates found = new Candidates(n, bits);
        search:
        for (int r = 0; r <= maxLength && k > 0; r++) {
            for (int j = 0; j < m; j++) {
                if (r <= lengths[j]) {
                    probe(j, querySub[j], r, query, allowed, found);
                }
                // every code not yet seen differs in > r bits on substrings 0..j and > r-1 on the rest
                if (found.countWithin(m * r + j) >= k) {
                    break search;
                }
            }
        }
        return found.nearest(k);
    }

    /** Verifies every code whose substring j differs from the query's in exactly r bits (Gosper's hack over masks). */
    private void probe(int j, int querySub, int r, long[] query, BitSet allowed, Candidates found) {
        int len = lengths[j];
        int[] off = offsets[j];
        int[] table = ids[j];
        long limit = 1L << len;
        long mask = (1L << r) - 1;
        while (mask < limit) {
            int key = querySub ^ (int) mask;
            for (int p = off[key], end = off[key + 1]; p < end; p++) {
                int id = table[p];
                if (found.markSeen(id) && (allowed == null || allowed.get(id))) {
                    found.add(id, Codes.distance(codes, id * words, query, 0, words));
                }
            }
            if (mask == 0) {
                break;
            }
            long low = mask & -mask;
            long ripple = mask + low;
            mask = (((ripple ^ mask) >>> 2) >>> Long.numberOfTrailingZeros(low)) | ripple;
        }
    }

    /** Codes verified so far for one query: a seen-bitmap, their distances and a distance histogram. */
    private static final class Candidates {
        private final long[] seen;
        private final int[] histogram;
        private long[] packed = new long[64];
        private int count;

        Candidates(int n, int bits) {
            seen = new long[(n + 63) >>> 6];
            histogram = new int[bits + 1];
        }

        /** Marks id seen; false when it already was. */
        boolean markSeen(int id) {
            long bit = 1L << (id & 63);
            long word = seen[id >>> 6];
            seen[id >>> 6] = word | bit;
            return (word & bit) == 0;
        }

        void add(int id, int distance) {
            if (count == packed.length) {
                packed = Arrays.copyOf(packed, count * 2);
            }
            // distance in the high half so that sorting the longs orders by (distance, id)
            packed[count++] = ((long) distance << 32) | id;
            histogram[distance]++;
        }

        int countWithin(int radius) {
            int c = 0;
            for (int d = 0, end = Math.min(radius, histogram.length - 1); d <= end; d++) {
                c += histogram[d];
            }
            return c;
        }

        HammingHits nearest(int k) {
            Arrays.sort(packed, 0, count);
            int size = Math.min(k, count);
            int[] outIds = new int[size];
            int[] outDist = new int[size];
            for (int i = 0; i < size; i++) {
                outIds[i] = (int) packed[i];
                outDist[i] = (int) (packed[i] >>> 32);
            }
            return new HammingHits(outIds, outDist);
        }
    }
}
