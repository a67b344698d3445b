/**
 * Binary hash codes for fast search: encoders that map descriptors to packed {@code long[]} codes (random-hyperplane
 * LSH, kernel LSH, supervised kernel hashing) and Hamming-space searchers (flat popcount scan, multi-index hashing,
 * two-stage Hamming-then-exact re-rank).
 */
package org.deq.hash;
