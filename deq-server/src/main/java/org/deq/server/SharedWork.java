package org.deq.server;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work another request does on a caller's behalf (a drawing, a feedback round) rather than doing it again. */
final class SharedWork {

    private SharedWork() {
    }

    /** The result of {@code work}, or its failure as the request doing it got it (an I/O error, an API error, ...). */
    static <T> T await(CompletableFuture<T> work) throws IOException {
        try {
            return work.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
