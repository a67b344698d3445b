package org.deq.index;

import java.util.Arrays;

/**
 * The k nearest vectors of one query: internal ids and their true distances, closest first.
 *
 * @param ids       internal ids (add order, from 0)
 * @param distances distances, ascending, same length as {@code ids}
 */
public record SearchResult(int[] ids, float[] distances) {

    public SearchResult {
        if (ids.length != distances.length) {
            throw new IllegalArgumentException("ids and distances differ in length: " + ids.length + " vs " + distances.length);
        }
    }

    /** Number of hits. */
    public int size() {
        return ids.length;
    }

    /** Equal when both hold the same ids and distances in the same order (by content, not array identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SearchResult other && Arrays.equals(ids, other.ids) && Arrays.equals(distances, other.distances);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
        return "SearchResult[ids=" + Arrays.toString(ids) + ", distances=" + Arrays.toString(distances) + "]";
    }
}
