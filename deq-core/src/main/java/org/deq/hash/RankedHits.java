package org.deq.hash;

/** Search result after exact re-ranking: ids (ordinals in add order) and their descriptor distances, nearest first. */
public record RankedHits(int[] ids, float[] distances) {

    public RankedHits {
        if (ids.length != distances.length) {
            throw new IllegalArgumentException("ids and distances differ in length: " + ids.length + " vs " + distances.length);
        }
    }

    /** Number of hits. */
    public int size() {
        return ids.length;
    }
}
