package org.deq.hash;

/** A dissimilarity between two descriptors stored in packed arrays (smaller = more similar). */
@FunctionalInterface
public interface DescriptorDistance {

    /** Distance between {@code a[aOff .. aOff+dim)} and {@code b[bOff .. bOff+dim)}. */
    float distance(float[] a, int aOff, float[] b, int bOff, int dim);

    /**
     * The same distance when it is at most {@code limit}, else a lower bound of it above {@code limit}: a distance
     * that sums non-negative terms may stop as soon as a partial sum passes the limit. By default, the full distance.
     */
    default float distanceAtMost(float[] a, int aOff, float[] b, int bOff, int dim, float limit) {
        return distance(a, aOff, b, bOff, dim);
    }

    /**
     * Whether {@link #distanceAtMost} can stop before the end of a row; when not, a search computes each distance once,
     * without a pass of lower bounds first. By default, false.
     */
    default boolean stopsEarly() {
        return false;
    }
}
