package org.deq.hash;

/** An untrained encoder configuration, as parsed from a spec; training yields the {@link BinaryEncoder}. */
@FunctionalInterface
public interface EncoderTrainer {

    /**
     * Learns an encoder from {@code n} descriptors of length {@code dim} packed row-major in {@code packed}.
     *
     * @param labels per-item label ids (multi-label allowed; similar = share one), or null for unsupervised encoders
     * @param seed   seed of every random choice, so training is reproducible
     */
    BinaryEncoder train(float[] packed, int n, int dim, int[][] labels, long seed);

    /**
     * Refuses, before any descriptor is computed, what {@link #train} would refuse for {@code n} descriptors of length
     * {@code dim} (ITQ's bits beyond the dimension or the sample's span), so that an ingest does not end in it.
     */
    default void checkTrainable(int n, int dim) {
    }
}
