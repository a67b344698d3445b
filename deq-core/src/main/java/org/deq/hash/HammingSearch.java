package org.deq.hash;

import java.util.BitSet;

/** k-nearest-neighbour search over a fixed set of packed binary codes, ids = ordinals 0..size()-1. */
public interface HammingSearch {

    /** Number of codes searched. */
    int size();

    /**
     * The k codes nearest to {@code query} (words() longs), nearest first; fewer when fewer codes pass
     * {@code allowed} (null = all). Exact searchers return the true k nearest (which of the codes tied at the k-th
     * distance is up to the implementation); {@link HashTableLookup} only sees codes within its probe radius.
     */
    HammingHits search(long[] query, int k, BitSet allowed);
}
