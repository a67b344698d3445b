/**
 * Maths on packed float vectors ({@code float[]} rows of one dimension), shared by describing, indexing, hashing and
 * feedback: distances with early abandoning ({@code PackedVectors}), normalisations ({@code Vectors}), k-means
 * ({@code KMeans}), the eigen-decomposition of symmetric matrices that PCA and hashing need ({@code SymmetricEigen}),
 * floats as ints of the same order for packed sort keys ({@code SortableFloats}) and the seeded {@code Shuffle} of
 * training samples, evaluation splits and simulated users. Pure functions, no state.
 */
package org.deq.vectors;
