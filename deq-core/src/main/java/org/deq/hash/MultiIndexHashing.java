package org.deq.hash;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Exact k-NN in Hamming space, sub-linear on structured codes (Norouzi, Punjani &amp; Fleet, CVPR 2012), in about
 * 16 bytes per 64-bit code at 10M codes. Codes are cut into m disjoint substrings of at most 16 bits. By pigeonhole, a
 * code within distance r of the query has some substring within ⌊r/m⌋; the search grows the substring radius table by
 * table and stops as soon as k verified codes lie within the proven radius.
 *
 * <p>Layout: codes are stored sorted by their first substring, so table 0 is implicit (one offset per key) and so are
 * the first substring's bits of every code; only the other {@code bits - len0} bits are kept, in whole words per
 * position so that verifying a candidate is one aligned load per word. The last word's spare bits (16 for 64-bit
 * codes) hold the low bits of the position's id, and the id's remaining high bits are bit-packed: the same bytes as
 * packing codes and ids back to back, with none of the unaligned reads. Tables 1..m-1 are Elias-Fano posting lists of positions ({@link PostingTable}).
 * Candidates are deduplicated without a seen-set: a code is first met at the smallest radius any of its substrings
 * reaches, in the first such table, which its substring distances tell. Results equal the scan's, ties at the k-th
 * distance included (by ascending id).
 */
public final class MultiIndexHashing implements HammingSearch {

    /** Longest substring: a table has 2^len keys, and table 0's keys are sampled in chars. */
    static final int MAX_SUBSTRING_BITS = 16;
    /** Table 0's key is sampled every 2^6 positions: 1/32 byte per code for a short binary search. */
    private static final int SAMPLE_SHIFT = 6;

    private final int n;
    private final int bits;
    private final int words;
    private final int[] starts;
    private final int[] lengths;
    private final int restBits;
    private final int restWords;
    /** Code bits in the last word of a position; the id's low bits sit above them. */
    private final int lastWordBits;
    /** Each code without its first substring, {@code restWords} words per position, id low bits in the spare bits. */
    private final long[] rest;
    /** Id bits kept in the last word's spare bits. */
    private final int idLowBits;
    /** Id bits kept in {@code idHighs}. */
    private final int idHighBits;
    /** The id's bits above {@code idLowBits}, {@code idHighBits} per position. */
    private final long[] idHighs;
    /** Table 0, implicit: positions with first-substring key k are {@code firstOffsets[k]..firstOffsets[k+1]}. */
    private final int[] firstOffsets;
    /** First-substring key of positions 0, 64, 128, ... */
    private final char[] firstKeySamples;
    /** Tables 1..m-1 (index j-1 for substring j). */
    private final PostingTable[] tables;

    /** Indexes codes with the suggested m = bits / log2(n) substrings (more when a substring would exceed 16 bits). */
    public MultiIndexHashing(long[] codes, int n, int bits) {
        this(codes, n, bits, suggestedSubstrings(n, bits));
    }

    /** Indexes n codes of {@code bits} bits with m substrings; {@code codes} is read, not kept. */
    public MultiIndexHashing(long[] codes, int n, int bits, int substrings) {
        this.words = Codes.words(bits);
        if (bits <= 0 || (long) n * words != codes.length) {
            throw new IllegalArgumentException("codes have " + codes.length + " longs, expected n=" + n + " × " + words + " words");
        }
        if (substrings < 1 || substrings > bits || (bits + substrings - 1) / substrings > MAX_SUBSTRING_BITS) {
            throw new IllegalArgumentException("substrings must be in " + ((bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS)
                    + ".." + bits + " for " + bits + "-bit codes, got " + substrings);
        }
        this.n = n;
        this.bits = bits;
        this.starts = new int[substrings];
        this.lengths = new int[substrings];
        int start = 0;
        for (int j = 0; j < substrings; j++) {
            // lengths differ by at most one bit, longer ones first (table 0 is then the longest)
            lengths[j] = bits / substrings + (j < bits % substrings ? 1 : 0);
            starts[j] = start;
            start += lengths[j];
        }
        int firstBits = lengths[0];
        this.restBits = bits - firstBits;
        this.restWords = Codes.words(restBits);
        // a code of one substring has no stored bits and no spare ones: its ids are all in idHighs
        this.lastWordBits = restWords == 0 ? 64 : restBits - ((restWords - 1) << 6);
        int idBits = PackedBits.widthFor(Math.max(0, n - 1));
        this.idLowBits = Math.min(idBits, 64 - lastWordBits);
        this.idHighBits = idBits - idLowBits;

        int[] keys = new int[n];
        firstOffsets = new int[(1 << firstBits) + 1];
        for (int i = 0; i < n; i++) {
            keys[i] = (int) Codes.substring(codes, i * words, 0, firstBits);
            firstOffsets[keys[i] + 1]++;
        }
        for (int key = 0; key < 1 << firstBits; key++) {
            firstOffsets[key + 1] += firstOffsets[key];
        }
        int[] order = new int[n];
        int[] cursor = Arrays.copyOf(firstOffsets, 1 << firstBits);
        for (int i = 0; i < n; i++) {
            order[cursor[keys[i]]++] = i;
        }
        firstKeySamples = new char[n == 0 ? 0 : ((n - 1) >>> SAMPLE_SHIFT) + 1];
        for (int s = 0; s < firstKeySamples.length; s++) {
            firstKeySamples[s] = (char) keys[order[s << SAMPLE_SHIFT]];
        }
        rest = new long[Math.multiplyExact(n, restWords)];
        idHighs = PackedBits.allocate(idHighBits == 0 ? 0 : n, idHighBits);
        for (int p = 0; p < n; p++) {
            int base = order[p] * words;
            for (int w = 0; w < restWords; w++) {
                rest[p * restWords + w] = Codes.substring(codes, base, firstBits + (w << 6), Math.min(64, restBits - (w << 6)));
            }
            long id = order[p];
            if (idLowBits > 0) {
                rest[p * restWords + restWords - 1] |= (id & ((1L << idLowBits) - 1)) << lastWordBits;
            }
            if (idHighBits > 0) {
                PackedBits.write(idHighs, (long) p * idHighBits, idHighBits, id >>> idLowBits);
            }
        }
        tables = new PostingTable[substrings - 1];
        for (int j = 1; j < substrings; j++) {
            for (int p = 0; p < n; p++) {
                keys[p] = (int) Codes.substring(codes, order[p] * words, starts[j], lengths[j]);
            }
            tables[j - 1] = new PostingTable(keys, n, lengths[j]);
        }
    }

    /** m ≈ bits / log2(n) (Norouzi et al.'s advice), at least enough to keep substrings ≤ 16 bits. */
    public static int suggestedSubstrings(int n, int bits) {
        double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
        int m = (int) Math.round(bits / log2n);
        m = Math.max(m, (bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS);
        return Math.max(1, Math.min(m, bits));
    }

    @Override
    public int size() {
        return n;
    }

    /** Bytes held in memory: packed codes, id map, table offsets, posting lists (the input codes are not kept). */
    public long bytes() {
        long total = 8L * rest.length + 8L * idHighs.length + 4L * firstOffsets.length + 2L * firstKeySamples.length;
        for (PostingTable t : tables) {
            total += t.bytes();
        }
        return total;
    }

    @Override
    public HammingHits search(long[] query, int k, BitSet allowed) {
        if (query.length != words || k < 0) {
            throw new IllegalArgumentException("query must have " + words + " words and k ≥ 0; got " + query.length + " words, k=" + k);
        }
        Found found = new Found(bits, k);
        if (k == 0 || n == 0) {
            return found.nearest();
        }
        int m = lengths.length;
        int[] querySub = new int[m];
        for (int j = 0; j < m; j++) {
            querySub[j] = (int) Codes.substring(query, 0, starts[j], lengths[j]);
        }
        long[] queryRest = new long[restWords];
        for (int w = 0; w < restWords; w++) {
            queryRest[w] = Codes.substring(query, 0, lengths[0] + (w << 6), Math.min(64, restBits - (w << 6)));
        }
        Probe probe = new Probe(querySub, queryRest, allowed, found);
        search:
        for (int r = 0; r <= lengths[0]; r++) {
            probe.radius = r;
            for (int j = 0; j < m; j++) {
                if (r <= lengths[j]) {
                    probe.table = j;
                    probeKeys(j, querySub[j], r, probe);
                }
                // every code not yet seen differs in > r bits on substrings 0..j and > r-1 on the rest
                if (found.provenWithin(m * r + j)) {
                    break search;
                }
            }
        }
        return found.nearest();
    }

    /** Visits every bucket of table j whose key differs from the query's in exactly r bits (Gosper's hack over masks). */
    private void probeKeys(int j, int querySub, int r, Probe probe) {
        long limit = 1L << lengths[j];
        long mask = (1L << r) - 1;
        while (mask < limit) {
            int key = querySub ^ (int) mask;
            if (j == 0) {
                scanFirstBucket(key, probe);
            } else {
                scanBucket(tables[j - 1], key, probe);
            }
            if (mask == 0) {
                break;
            }
            mask = Codes.nextSameWeight(mask);
        }
    }

    /** Table 0: the bucket is a run of positions whose first substring is at distance {@code probe.radius}. */
    private void scanFirstBucket(int key, Probe probe) {
        for (int p = firstOffsets[key], end = firstOffsets[key + 1]; p < end; p++) {
            int restDistance = restDistance(p, probe);
            if (probe.radius + restDistance <= probe.found.bound && firstMetInLaterTables(probe)) {
                keep(p, probe.radius + restDistance, probe);
            }
        }
    }

    /** Tables 1..m-1: the bucket's positions, decoded from Elias-Fano, in ascending order. */
    private void scanBucket(PostingTable table, int key, Probe probe) {
        int size = table.size(key);
        if (size == 0) {
            return;
        }
        if (size > probe.positions.length) {
            probe.positions = new int[Math.max(size, 2 * probe.positions.length)];
        }
        // decoding first leaves a loop of independent loads, whose cache misses the CPU overlaps
        int[] positions = probe.positions;
        table.decode(key, positions);
        // positions ascend within a bucket, so consecutive ones often share table 0's run
        int firstKey = 0;
        int firstStart = 0;
        int firstEnd = 0;
        for (int i = 0; i < size; i++) {
            int p = positions[i];
            int restDistance = restDistance(p, probe);
            // the stored bits decide most candidates: only the survivors pay for finding their first substring
            if (restDistance > probe.found.bound || !firstMetInLaterTables(probe)) {
                continue;
            }
            if (p < firstStart || p >= firstEnd) {
                firstKey = firstKey(p);
                firstStart = firstOffsets[firstKey];
                firstEnd = firstOffsets[firstKey + 1];
            }
            int firstDistance = Integer.bitCount(firstKey ^ probe.querySub[0]);
            // table 0 comes before j: met there first if its substring is within the radius
            if (firstDistance > probe.radius && firstDistance + restDistance <= probe.found.bound) {
                keep(p, firstDistance + restDistance, probe);
            }
        }
    }

    /** Hamming distance over the stored bits (all but the first substring); leaves their XOR in {@code probe.xor}. */
    private int restDistance(int p, Probe probe) {
        if (restWords == 0) {
            return 0;
        }
        int at = p * restWords;
        int last = restWords - 1;
        int d = 0;
        for (int w = 0; w < last; w++) {
            long x = rest[at + w] ^ probe.queryRest[w];
            probe.xor[w] = x;
            d += Long.bitCount(x);
        }
        // the id's bits above the code's are masked off
        long x = (rest[at + last] ^ probe.queryRest[last]) & (-1L >>> (64 - lastWordBits));
        probe.xor[last] = x;
        return d + Long.bitCount(x);
    }

    /** First-substring key of position p: the sampled keys bound it, a binary search over table 0's offsets finds it. */
    private int firstKey(int p) {
        int s = p >>> SAMPLE_SHIFT;
        int lo = firstKeySamples[s];
        int hi = s + 1 < firstKeySamples.length ? firstKeySamples[s + 1] : firstOffsets.length - 2;
        // the last key whose run starts at or before p holds p (empty runs start where the next one does)
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstOffsets[mid] <= p) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Keeps position p at {@code distance} if its id passes the filter. */
    private void keep(int p, int distance, Probe probe) {
        int low = idLowBits == 0 ? 0 : (int) (rest[p * restWords + restWords - 1] >>> lastWordBits);
        int id = idHighBits == 0 ? low : low | (int) PackedBits.read(idHighs, (long) p * idHighBits, idHighBits) << idLowBits;
        if (probe.allowed == null || probe.allowed.get(id)) {
            probe.found.add(id, distance);
        }
    }

    /**
     * Whether no probe before (radius r, table j) met the code whose stored-bit XOR is in {@code probe.xor}, judged
     * on tables 1..m-1: probes run radius by radius, table by table, so an earlier table within r or a later one
     * within r - 1 met it first. Table 0 is the caller's to judge, from the run that holds the position.
     */
    private boolean firstMetInLaterTables(Probe probe) {
        int r = probe.radius;
        int j = probe.table;
        for (int t = 1; t < lengths.length; t++) {
            if (t != j) {
                int d = Long.bitCount(Codes.substring(probe.xor, 0, starts[t] - lengths[0], lengths[t]));
                if (t < j ? d <= r : d < r) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One query's state while probing: its substrings, the probe being run, scratch and the codes found. */
    private static final class Probe {
        final int[] querySub;
        final long[] queryRest;
        final long[] xor;
        final BitSet allowed;
        final Found found;
        int[] positions = new int[64];
        int radius;
        int table;

        Probe(int[] querySub, long[] queryRest, BitSet allowed, Found found) {
            this.querySub = querySub;
            this.queryRest = queryRest;
            this.xor = new long[queryRest.length];
            this.allowed = allowed;
            this.found = found;
        }
    }

    /**
     * Codes verified so far: only those that can still make the top k are kept ({@code bound} is the k-th smallest
     * distance once k are kept, else the code length), with a histogram of their distances.
     */
    private static final class Found {
        private final int k;
        private final int[] histogram;
        private int[] ids = new int[64];
        private int[] distances = new int[64];
        private int count;
        /** Kept codes at distance ≤ bound. */
        private int within;
        int bound;

        Found(int bits, int k) {
            this.k = k;
            this.histogram = new int[bits + 1];
            this.bound = bits;
        }

        /** Keeps a code at distance ≤ bound and tightens the bound. */
        void add(int id, int distance) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                distances = Arrays.copyOf(distances, count * 2);
            }
            ids[count] = id;
            distances[count++] = distance;
            histogram[distance]++;
            within++;
            while (within - histogram[bound] >= k) {
                within -= histogram[bound--];
            }
        }

        /** Whether the k nearest are all kept: k codes lie within {@code radius}, inside which every code was seen. */
        boolean provenWithin(int radius) {
            return within >= k && bound <= radius;
        }

        /** The k nearest by (distance, id), as the scan gives them: every code within the bound was kept. */
        HammingHits nearest() {
            long[] keyed = new long[within];
            int c = 0;
            for (int i = 0; i < count; i++) {
                if (distances[i] <= bound) {
                    keyed[c++] = ((long) distances[i] << 32) | ids[i];
                }
            }
            Arrays.sort(keyed);
            int size = Math.min(k, c);
            int[] outIds = new int[size];
            int[] outDistances = new int[size];
            for (int i = 0; i < size; i++) {
                outIds[i] = (int) keyed[i];
                outDistances[i] = (int) (keyed[i] >>> 32);
            }
            return new HammingHits(outIds, outDistances);
        }
    }
}
