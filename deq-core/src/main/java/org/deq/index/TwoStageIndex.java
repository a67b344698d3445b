package org.deq.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.deq.hash.DescriptorDistance;
import org.deq.hash.RankedHits;
import org.deq.hash.TwoStageSearch;
import org.deq.vectors.PackedVectors;

/**
 * Two-stage search as an {@link Index}: the {@code candidates} Hamming-nearest codes of a {@link HammingIndex} are
 * re-ranked by the exact {@link Distance} over the float vectors ({@link TwoStageSearch} does the work), so speed
 * comes from the codes and precision from the descriptors. When k exceeds the candidate count, k candidates are
 * re-ranked. Concurrent searches are safe, as the {@link HammingIndex}'s are; adding is not safe while searches run.
 */
public final class TwoStageIndex implements Index {

    private final HammingIndex hamming;
    private final Distance distance;
    private final int candidates;
    private final int dim;
    private float[] vectors;
    private TwoStageSearch search;

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

    /** The exact distance of the second stage, as the {@link DescriptorDistance} that {@link TwoStageSearch} takes. */
    static DescriptorDistance rerankDistance(Distance distance) {
        return new DescriptorDistance() {
            @Override
            public float distance(float[] a, int aOff, float[] b, int bOff, int n) {
                checkQueryOffset(aOff);
                return distance.distance(a, b, bOff, n);
            }

            @Override
            public float distanceAtMost(float[] a, int aOff, float[] b, int bOff, int n, float limit) {
                checkQueryOffset(aOff);
                return distance.distanceAtMost(a, b, bOff, n, limit);
            }

            @Override
            public boolean stopsEarly() {
                return distance.stopsEarly();
            }
        };
    }

    /** TwoStageSearch passes the query at offset 0, which is what Distance expects. */
    private static void checkQueryOffset(int aOff) {
        if (aOff != 0) {
            throw new IllegalArgumentException("the re-rank query must start at offset 0, got " + aOff);
        }
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
        search = null;
    }

    private synchronized TwoStageSearch searcher() {
        if (search == null) {
            // TwoStageSearch takes exactly size() rows: trimmed once after adds, as HammingIndex trims its codes
            int used = size() * dim;
            if (vectors.length != used) {
                vectors = Arrays.copyOf(vectors, used);
            }
            search = new TwoStageSearch(hamming.searcher(), vectors, dim, rerankDistance(distance));
        }
        return search;
    }

    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int extra = excludeId >= 0 ? 1 : 0;
        int want = k + extra;
        RankedHits hits = searcher().search(hamming.encode(query), query, want, Math.max(candidates + extra, want), allowed);
        float[] dists = new float[hits.size()];
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
        int[] reranked = searcher().search(hamming.encode(query), query, shortlist, shortlist, allowed).ids();
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
