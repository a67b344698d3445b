package org.deq.hash;

/** A dissimilarity between two descriptors stored in packed arrays (smaller = more similar). */
@FunctionalInterface
public interface DescriptorDistance {

    /** Squared Euclidean distance. */
    DescriptorDistance SQUARED_L2 = (a, aOff, b, bOff, dim) -> {
        float s = 0;
        for (int i = 0; i < dim; i++) {
            float d = a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    };

    /** Distance between {@code a[aOff .. aOff+dim)} and {@code b[bOff .. bOff+dim)}. */
    float distance(float[] a, int aOff, float[] b, int bOff, int dim);
}
