package org.deq.hash;

import java.util.BitSet;

/** k-nearest-neighbour search over a fixed set of packed binary codes, ids = ordinals 0..size()-1. */
public interface HammingSearch {

    /** Code length in bits. */
    int bits();

    /** Number of codes searched. */
    int size();

    /**
     * The k codes nearest to {@code query} (words() longs), nearest first, ties by ascending id; fewer when fewer
     * codes pass {@code allowed} (null = all).
     */
    HammingHits search(long[] query, int k, BitSet allowed);
}
