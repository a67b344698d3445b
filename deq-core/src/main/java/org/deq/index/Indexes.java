package org.deq.index;

import java.util.Arrays;
import java.util.BitSet;
import org.deq.hash.HammingHits;

/** Helpers shared by indexes that answer a batch as a sequence of single queries. */
final class Indexes {

    private Indexes() {
    }

    /** Answers each packed query with {@link Index#search(float[], int, BitSet, int)}; result q belongs to query q. */
    static SearchResult[] searchEach(Index index, float[] queries, int k, BitSet allowed, int[] excludeIds) {
        int dim = index.dimension();
        if (queries.length % dim != 0) {
            throw new IllegalArgumentException("query array length " + queries.length + " is not a multiple of dimension " + dim);
        }
        int nq = queries.length / dim;
        if (excludeIds != null && excludeIds.length != nq) {
            throw new IllegalArgumentException("excludeIds has " + excludeIds.length + " entries for " + nq + " queries");
        }
        SearchResult[] out = new SearchResult[nq];
        for (int q = 0; q < nq; q++) {
            out[q] = index.search(Arrays.copyOfRange(queries, q * dim, (q + 1) * dim), k, allowed,
                    excludeIds == null ? -1 : excludeIds[q]);
        }
        return out;
    }

    /** The first k of ranked (ids, distances) without {@code excludeId} (-1: none); searches ask for k + 1 when excluding. */
    static SearchResult without(int[] ids, float[] distances, int k, int excludeId) {
        int[] outIds = new int[Math.min(k, ids.length)];
        float[] outDist = new float[outIds.length];
        int m = 0;
        for (int i = 0; i < ids.length && m < outIds.length; i++) {
            if (ids[i] != excludeId) {
                outIds[m] = ids[i];
                outDist[m++] = distances[i];
            }
        }
        return new SearchResult(Arrays.copyOf(outIds, m), Arrays.copyOf(outDist, m));
    }

    /** Hamming hits (searched for k + 1 when excluding) as the first k float-distance results without {@code excludeId}. */
    static SearchResult without(HammingHits hits, int k, int excludeId) {
        float[] distances = new float[hits.size()];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = hits.distances()[i];
        }
        return without(hits.ids(), distances, k, excludeId);
    }
}
