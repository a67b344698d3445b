package org.deq.concurrent;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deq.io.Failures;

/** Daemon worker pools shared by every module (ingest, batch queries, evaluation, maps, the server's reloads), and waiting for their results. */
public final class Workers {

    private Workers() {
    }

    /** A fixed pool of {@code threads} daemon threads named {@code name}, so an abandoned pool never keeps the JVM alive. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The result of {@code future}; an interrupt becomes an {@link IOException} naming {@code what}, a failure {@link #unwrap}s. */
    public static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e, what, IOException.class);
        }
    }

    /**
     * Rethrows what failed a worker's task: its cause as thrown when that is unchecked or a {@code checked} (such as
     * {@link IOException}), since the task's own message is what the user should read; any other cause is returned
     * wrapped as "{@code what} failed: " and its {@link Failures#message}, so that callers write {@code throw Workers.unwrap(...)}.
     */
    public static <X extends Exception> IllegalStateException unwrap(ExecutionException e, String what, Class<X> checked)
            throws X {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (checked.isInstance(cause)) {
            throw checked.cast(cause);
        }
        return new IllegalStateException(what + " failed: " + Failures.message(cause), cause);
    }
}
