package org.deq.index;

import java.util.Arrays;
import org.deq.hash.HammingHits;

/** Helpers shared by indexes that search for k + 1 and drop the excluded id. */
final class Indexes {

    private Indexes() {
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
