/**
 * Binary hash codes for fast search: encoders that map descriptors to packed {@code long[]} codes (random-hyperplane
 * LSH, iterative quantization (ITQ), kernel LSH, supervised kernel hashing, deep hashing (a small network trained on labelled triplets), multi-code hashing over region descriptors) and Hamming-space searchers
 * (flat popcount scan, hash-table lookup with a probe radius, multi-index hashing); the two-stage search that
 * re-ranks their candidates exactly is {@code index.TwoStageIndex}. Ids are ordinals 0..n-1 in add order; every
 * searcher takes an optional {@link java.util.BitSet} filter.
 */
package org.deq.hash;
