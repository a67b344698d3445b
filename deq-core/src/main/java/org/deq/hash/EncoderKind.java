package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * One hash method as {@link Encoders} knows it: the name its specs start with, its trainer, how its trained state is
 * read back, the defaults of the parameters a trained encoder's spec records, and whether it learns from labels.
 * Adding a method is one more entry in {@link Encoders}'s list.
 *
 * @param method     the spec's method name, e.g. {@code lsh}
 * @param trainer    the untrained encoder of a parsed spec (checks the parameters: a bad one is an IllegalArgumentException)
 * @param reader     restores a trained encoder from its spec and the bytes its {@link BinaryEncoder#writeState} wrote
 * @param defaults   the parameters training may reduce, with their defaults, so that what was asked can be told
 * @param supervised whether training learns from labels (and so needs a labelled split)
 */
record EncoderKind(String method, Function<HashSpec, EncoderTrainer> trainer, StateReader reader,
                   Map<String, Integer> defaults, boolean supervised) {

    /** Restores a trained encoder of this kind. */
    @FunctionalInterface
    interface StateReader {
        /** The encoder whose spec is {@code spec}, from the bytes its {@link BinaryEncoder#writeState} wrote. */
        BinaryEncoder read(String spec, DataInput in) throws IOException;
    }

    /** Freezes the defaults. */
    EncoderKind {
        defaults = Map.copyOf(defaults);
    }
}
