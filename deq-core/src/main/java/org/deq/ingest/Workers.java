package org.deq.ingest;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Local worker threads for the per-patch steps (ingest, batch queries): daemon pools and waiting for their results. */
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

    /** The result of {@code future}; an interrupt or a worker's failure becomes an {@link IOException} naming {@code what}. */
    public static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(what + " worker failed: " + e.getCause(), e.getCause());
        }
    }
}
