package org.deq.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
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

    /** The config of a store of {@code fitted}'s vectors: its spec, dimension and fitted state. */
    public static StoreConfig of(Descriptor fitted, Distance distance) {
        if (fitted.needsFit()) {
            throw new IllegalArgumentException("descriptor " + fitted.spec() + " is not fitted: fit it first (Ingest.fit)");
        }
        return new StoreConfig(fitted.spec(), distance, fitted.dimension(), DescriptorSpecs.state(fitted));
    }

    /** The fitted descriptor this config names, restored from its spec and state. */
    public Descriptor restoreDescriptor() throws IOException {
        return DescriptorSpecs.restore(descriptorSpec, descriptorState);
    }

    /**
     * Refuses, before a store is created, a config whose descriptor cannot describe into it: a spec that needs fitting
     * without its fitted state, a state that does not restore, a dimension other than the descriptor's. A spec naming no
     * descriptor kind known here (vectors described outside deq) is taken as given; one naming some known kinds and some
     * unknown is refused as the typo it is, naming the unknown part.
     */
    void checkDescriptor() throws IOException {
        if (!DescriptorSpecs.knows(descriptorSpec)) {
            if (DescriptorSpecs.knowsOnlySome(descriptorSpec)) {
                DescriptorSpecs.parse(descriptorSpec); // throws: unknown descriptor 'lpb' (valid: ...)
            }
            return;
        }
        Descriptor blank = DescriptorSpecs.parse(descriptorSpec);
        if (blank.needsFit() && descriptorState.length == 0) {
            throw new IllegalArgumentException("descriptor " + blank.spec() + " needs fitting and no fitted state is given:"
                    + " create the store with IndexStore.create(dir, fitted, distance)");
        }
        Descriptor restored = restoreDescriptor();
        if (restored.dimension() != dimension) {
            throw new IllegalArgumentException("dimension " + dimension + " does not match descriptor " + restored.spec()
                    + ", whose vectors have " + restored.dimension() + " values");
        }
    }

    /**
     * Whether an index of {@code other} describes images as one of this configuration does: the same descriptor spec,
     * dimension and fitted state (a codebook), whatever the distance ranking them.
     */
    public boolean describesAlike(StoreConfig other) {
        return descriptorSpec.equals(other.descriptorSpec) && dimension == other.dimension
                && Arrays.equals(descriptorState, other.descriptorState);
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
