package org.deq.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.deq.hash.HammingHits;
import org.deq.hash.HammingSearch;
import org.deq.vectors.PackedVectors;
import org.deq.vectors.SortableFloats;

/**
 * Two-stage search as an {@link Index}: the {@code candidates} Hamming-nearest codes of a {@link HammingIndex} are
 * re-ranked by the exact {@link Distance} over the float vectors, so speed comes from the codes and precision from
 * the descriptors. When k exceeds the candidate count, k candidates are
 * re-ranked. Concurrent searches are safe, as the {@link HammingIndex}'s are; adding is not safe while searches run.
 */
public final class TwoStageIndex implements Index {

    private final HammingIndex hamming;
    private final Distance distance;
    private final int candidates;
    private final int dim;
    private float[] vectors;
    /** What searches read, replaced after each add. */
    private Stages stages;

    /** The first stage's search over the codes and the second's vectors, exactly size() rows of each. */
    private record Stages(HammingSearch codes, float[] vectors) {
    }

    private TwoStageIndex(HammingIndex hamming, float[] vectors, Distance distance, int candidates) {
        this.hamming = Objects.requireNonNull(hamming, "hamming");
        this.distance = Objects.requireNonNull(distance, "distance");
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        }
        this.candidates = candidates;
        this.dim = hamming.dimension();
        if ((long) hamming.size() * dim != vectors.length) {
            throw new IllegalArgumentException("vectors have " + vectors.length + " floats, the Hamming index holds "
                    + hamming.size() + " × dim=" + dim);
        }
        this.vectors = vectors;
    }

    /** An index re-ranking {@code hamming}'s candidates over {@code vectors} (same ids, shared, not copied). */
    public static TwoStageIndex over(HammingIndex hamming, float[] vectors, Distance distance, int candidates) {
        return new TwoStageIndex(hamming, vectors, distance, candidates);
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        return hamming.size();
    }

    @Override
    public synchronized void add(float[] added) {
        long needed = (long) size() * dim + added.length;
        if (needed > PackedVectors.MAX_ARRAY) {
            throw new IllegalArgumentException("two-stage index full: " + needed + " floats exceed one Java array");
        }
        hamming.add(added);
        // grown by half at a time, as FlatIndex and HammingIndex grow, so many small adds copy O(n) floats in all
        if (needed > vectors.length) {
            vectors = Arrays.copyOf(vectors, PackedVectors.grownLength(vectors.length, needed));
        }
        System.arraycopy(added, 0, vectors, (int) needed - added.length, added.length);
        stages = null;
    }

    private synchronized Stages stages() {
        if (stages == null) {
            // exactly size() rows: trimmed once after adds, as HammingIndex trims its codes
            int used = size() * dim;
            if (vectors.length != used) {
                vectors = Arrays.copyOf(vectors, used);
            }
            stages = new Stages(hamming.searcher(), vectors);
        }
        return stages;
    }

    /**
     * The k nearest by the ranking value of {@link #distance} among the {@code shortlist} Hamming-nearest codes passing
     * {@code allowed} (null = all), ties by ascending id, with their ranking values (not yet {@link Distance#report}ed).
     */
    private SearchResult rerank(float[] query, int k, int shortlist, BitSet allowed) {
        Stages s = stages();
        HammingHits nearestCodes = s.codes().search(hamming.encode(query), shortlist, allowed);
        int size = Math.min(k, nearestCodes.size());
        if (size == 0) {
            return new SearchResult(new int[0], new float[0]);
        }
        int[] shortIds = nearestCodes.ids();
        float[] rows = s.vectors();
        // first a lower bound of every candidate, from as little as the distance gives it (for L2 and L1, 4
        // dimensions): a tight loop of independent row reads whose cache misses the CPU overlaps; rows are then read in
        // full only when they can still make the top k. A distance that cannot stop early would compute each twice.
        boolean early = distance.stopsEarly();
        float[] lowerBounds = early ? new float[shortIds.length] : null;
        for (int i = 0; early && i < shortIds.length; i++) {
            lowerBounds[i] = distance.distanceAtMost(query, rows, shortIds[i] * dim, dim, Float.NEGATIVE_INFINITY);
        }
        // the k best (distance, id) keys so far, ascending; the shortlist comes Hamming-nearest first, so the k-th
        // distance tightens early
        long[] top = new long[size];
        int held = 0;
        for (int i = 0; i < shortIds.length; i++) {
            float limit = held == size ? SortableFloats.value((int) (top[size - 1] >> 32)) : Float.POSITIVE_INFINITY;
            if (early && lowerBounds[i] > limit) {
                continue;
            }
            int id = shortIds[i];
            float d = distance.distanceAtMost(query, rows, id * dim, dim, limit);
            long key = ((long) SortableFloats.bits(d) << 32) | id;
            if (held == size) {
                if (key >= top[size - 1]) {
                    continue;
                }
                held--;
            }
            int at = held++;
            for (; at > 0 && top[at - 1] > key; at--) {
                top[at] = top[at - 1];
            }
            top[at] = key;
        }
        int[] ids = new int[size];
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (int) top[i];
            values[i] = SortableFloats.value((int) (top[i] >> 32));
        }
        return new SearchResult(ids, values);
    }

    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int extra = excludeId >= 0 ? 1 : 0;
        int want = k + extra;
        SearchResult hits = rerank(query, want, Math.max(candidates + extra, want), allowed);
        float[] dists = new float[hits.ids().length];
        for (int i = 0; i < dists.length; i++) {
            dists[i] = distance.report(hits.distances()[i]);
        }
        return Indexes.without(hits.ids(), dists, k, excludeId);
    }

    /**
     * The re-ranked candidates of a search for k, all of them in that search's order, then every other allowed id in
     * the first stage's Hamming order: a search for every id would re-rank them all and rank as the exact scan does,
     * so this is the ranking that the search for k continues.
     */
    @Override
    public int[] ranking(float[] query, int k, BitSet allowed, int excludeId) {
        int shortlist = Math.max(candidates, k) + (excludeId >= 0 ? 1 : 0);
        int[] reranked = rerank(query, shortlist, shortlist, allowed).ids();
        int[] all = hamming.search(query, size(), allowed, -1).ids();
        BitSet placed = new BitSet(size());
        if (excludeId >= 0) {
            placed.set(excludeId);
        }
        int[] out = new int[all.length];
        int m = 0;
        for (int[] part : new int[][] {reranked, all}) {
            for (int id : part) {
                if (!placed.get(id)) {
                    placed.set(id);
                    out[m++] = id;
                }
            }
        }
        return Arrays.copyOf(out, m);
    }
}
