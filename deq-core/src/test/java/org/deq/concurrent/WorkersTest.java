package org.deq.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private final ExecutorService pool = Workers.pool(1, "workers-test");

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void uncheckedAndIoFailuresComeBackAsThrown() {
        IllegalArgumentException bad = new IllegalArgumentException("bad value");
        assertThatThrownBy(() -> Workers.await(pool.submit(() -> {
            throw bad;
        }), "ingest")).isSameAs(bad);
        IOException io = new IOException("disk full");
        assertThatThrownBy(() -> Workers.await(pool.submit(() -> {
            throw io;
        }), "ingest")).isSameAs(io);
        AssertionError error = new AssertionError("broken");
        assertThatThrownBy(() -> Workers.await(pool.submit(() -> {
            throw error;
        }), "ingest")).isSameAs(error);
    }

    @Test
    void otherCheckedFailuresAreWrappedWithoutAClassName() {
        assertThatThrownBy(() -> Workers.await(pool.submit(() -> {
            throw new TimeoutException("too slow");
        }), "search")).isInstanceOf(IllegalStateException.class).hasMessage("search failed: too slow")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> Workers.await(pool.submit(() -> {
            throw new TimeoutException();
        }), "search")).hasMessage("search failed: TimeoutException");
        // an IOException is a checked failure like any other where the caller declares none
        assertThatThrownBy(() -> {
            try {
                pool.submit(() -> {
                    throw new IOException("gone");
                }).get();
            } catch (ExecutionException e) {
                throw Workers.unwrap(e, "evaluation", RuntimeException.class);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("evaluation failed: gone");
    }
}
