package org.deq.hash;

/** Search result in Hamming space: ids (ordinals in add order) and their distances, nearest first. */
public record HammingHits(int[] ids, int[] distances) {

    public HammingHits {
        if (ids.length != distances.length) {
            throw new IllegalArgumentException("ids and distances differ in length: " + ids.length + " vs " + distances.length);
        }
    }

    /** Number of hits. */
    public int size() {
        return ids.length;
    }
}
