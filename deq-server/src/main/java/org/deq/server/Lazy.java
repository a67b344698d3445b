package org.deq.server;

import java.io.IOException;

/**
 * A value built on first use and kept, under its own lock: a slow first build of one (an evaluation of a large index)
 * holds up no other. A build that fails is tried again by the next caller.
 */
final class Lazy<T> {

    /** Builds the value. */
    interface Builder<T> {
        T build() throws IOException;
    }

    private final Builder<T> builder;
    private T value;

    Lazy(Builder<T> builder) {
        this.builder = builder;
    }

    synchronized T get() throws IOException {
        if (value == null) {
            value = builder.build();
        }
        return value;
    }
}
