package org.deq.server;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.deq.concurrent.LruMap;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.Strategy;
import org.deq.search.Filter;

/**
 * The feedback rounds shown last, so that showing a session's round again does not train its model again (3.2 s of CPU
 * for a session of 1000 marks: 20 GETs of one at once made a plain search wait 41 s). A round is kept under the
 * session as saved (a new mark, the server's or the CLI's, makes another key) and how it is shown; the cache belongs
 * to one served index state, so a newer commit starts afresh; a deleted session's rounds are forgotten; requests for a
 * round being computed wait for it rather than compute it again. At most {@code capacity} rounds are kept, the least
 * recently shown forgotten first.
 */
final class RoundCache {

    /** Rounds kept by default: each holds at most k results (up to 1000), so a few MB at worst. */
    static final int ROUNDS = 32;
    /** Results a round is computed to and kept with, whatever k up to it a request shows (the web UI asks for 60). */
    static final int DEPTH = 200;

    /** A round: the session as saved and how it is shown. */
    record Key(FeedbackSession session, Strategy strategy, int k, int suggest, Filter filter) {
    }

    /** Computes a round that is not kept. */
    interface Computation {
        Views.FeedbackView compute() throws IOException;
    }

    private final Map<Key, CompletableFuture<Views.FeedbackView>> rounds;

    RoundCache(int capacity) {
        this.rounds = new LruMap<>(capacity);
    }

    /** The round of {@code key}: kept, being computed by another request, or computed now (a failure is not kept). */
    Views.FeedbackView get(Key key, Computation computation) throws IOException {
        CompletableFuture<Views.FeedbackView> mine = new CompletableFuture<>();
        CompletableFuture<Views.FeedbackView> kept;
        synchronized (rounds) {
            kept = rounds.putIfAbsent(key, mine);
        }
        if (kept != null) {
            return SharedWork.await(kept);
        }
        try {
            Views.FeedbackView view = computation.compute();
            mine.complete(view);
            return view;
        } catch (Throwable e) { // an Error too: the requests waiting on it must not wait forever
            synchronized (rounds) {
                rounds.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Forgets every round of the session named {@code sid} (deleted). */
    void forget(String sid) {
        synchronized (rounds) {
            rounds.keySet().removeIf(key -> key.session().name().equals(sid));
        }
    }
}
