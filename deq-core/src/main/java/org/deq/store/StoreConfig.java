package org.deq.store;

import java.util.Arrays;
import java.util.Objects;
import org.deq.index.Distance;

/**
 * What an index store is built with, fixed at creation.
 *
 * @param descriptorSpec  text spec of the descriptor pipeline, e.g. {@code spectral-hist:bins=16}
 * @param distance        distance the index ranks by by default
 * @param dimension       length of every stored vector
 * @param descriptorState opaque fitted state written by {@code Descriptor.writeState} (empty when stateless)
 */
public record StoreConfig(String descriptorSpec, Distance distance, int dimension, byte[] descriptorState) {

    public StoreConfig {
        if (descriptorSpec == null || descriptorSpec.isBlank()) {
            throw new IllegalArgumentException("descriptor spec is missing");
        }
        Objects.requireNonNull(distance, "distance");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
        }
        descriptorState = descriptorState == null ? new byte[0] : descriptorState.clone();
    }

    /** A copy of the descriptor state. */
    @Override
    public byte[] descriptorState() {
        return descriptorState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreConfig c && descriptorSpec.equals(c.descriptorSpec) && distance == c.distance
                && dimension == c.dimension && Arrays.equals(descriptorState, c.descriptorState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptorSpec, distance, dimension, Arrays.hashCode(descriptorState));
    }

    @Override
    public String toString() {
        return "StoreConfig[" + descriptorSpec + ", " + distance + ", dim=" + dimension + ", state=" + descriptorState.length + " bytes]";
    }
}
