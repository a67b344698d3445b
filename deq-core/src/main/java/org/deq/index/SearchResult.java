package org.deq.index;

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
}
