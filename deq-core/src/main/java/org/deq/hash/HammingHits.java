package org.deq.hash;

import java.util.Arrays;

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

    /** Equal when both hold the same ids and distances in the same order (by content, not array identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof HammingHits other && Arrays.equals(ids, other.ids) && Arrays.equals(distances, other.distances);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
        return "HammingHits[ids=" + Arrays.toString(ids) + ", distances=" + Arrays.toString(distances) + "]";
    }
}
