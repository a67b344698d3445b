package org.deq.describe;

import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.deq.raster.Patch;

/**
 * Maps a patch to a fixed-length feature vector. Implementations are immutable and thread-safe.
 *
 * <p>Trainable descriptors (a bag-of-visual-words codebook, ...) report {@link #needsFit()}; {@link #fit} returns
 * a new, fitted descriptor whose state {@link #writeState} saves with the index and
 * {@link DescriptorSpecs#restore} restores.
 */
public interface Descriptor {

    /** The text spec that recreates this descriptor, e.g. {@code spectral-hist:bins=16}. */
    String spec();

    /** Length of the vectors {@link #describe} returns. */
    int dimension();

    /** The feature vector of one patch (a new array). */
    float[] describe(Patch patch);

    /** True when {@link #fit} must run before {@link #describe}. */
    default boolean needsFit() {
        return false;
    }

    /** Learns the descriptor's state from a sample of patches; returns the fitted descriptor (this one when nothing to fit). */
    default Descriptor fit(List<Patch> sample, long seed) {
        return this;
    }

    /** Writes the fitted state (nothing for stateless descriptors). */
    default void writeState(DataOutput out) throws IOException {
    }
}
