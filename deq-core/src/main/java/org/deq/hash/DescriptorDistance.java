package org.deq.hash;

import org.deq.index.PackedVectors;

/** A dissimilarity between two descriptors stored in packed arrays (smaller = more similar). */
@FunctionalInterface
public interface DescriptorDistance {

    /** Squared Euclidean distance. */
    DescriptorDistance SQUARED_L2 = PackedVectors::sqDistance;

    /** Distance between {@code a[aOff .. aOff+dim)} and {@code b[bOff .. bOff+dim)}. */
    float distance(float[] a, int aOff, float[] b, int bOff, int dim);
}
