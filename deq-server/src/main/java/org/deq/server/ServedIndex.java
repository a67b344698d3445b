package org.deq.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.deq.analysis.LabelPrediction;
import org.deq.archive.Archives;
import org.deq.change.ChangeSearch;
import org.deq.raster.PatchMeta;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One committed state of the served index: its open store, its search and what is derived from them (statistics,
 * label prediction, change search, evaluation figures, feedback sessions), built on first use. A request holds one
 * throughout, so it answers from a single state even when a newer commit is picked up meanwhile; the store is closed
 * when the server has moved on and the last request holding it is done.
 */
final class ServedIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ServedIndex.class);
    private static final int MAX_EVAL_PATCHES = 5000;

    private final IndexStore store;
    private final QueryByExample qbe;
    private final FeedbackSessions sessions;
    private final Lazy<IndexStats> stats;
    private final Lazy<LabelPrediction> labels;
    private final Lazy<ChangeSearch> changes;
    private final Lazy<EvalFigures> evalFigures;
    // the server's own hold while this is its current state, and one per request using it
    private final AtomicInteger holds = new AtomicInteger(1);

    private ServedIndex(IndexStore store, QueryByExample qbe, FeedbackSessions sessions) {
        this.store = store;
        this.qbe = qbe;
        this.sessions = sessions;
        this.stats = new Lazy<>(() -> IndexStats.of(store));
        this.labels = new Lazy<>(() -> {
            try {
                return LabelPrediction.of(store);
            } catch (IllegalArgumentException e) {
                throw new ApiException(409, "the index has no labels to caption from; " + Archives.HOW_TO_LABEL);
            }
        });
        int cores = Runtime.getRuntime().availableProcessors();
        this.changes = new Lazy<>(() -> new ChangeSearch(store, cores));
        this.evalFigures = new Lazy<>(() -> EvalFigures.of(store, MAX_EVAL_PATCHES));
    }

    /**
     * Opens the latest commit of the index in {@code dir} and serves it: its vectors are read now, as captions, feedback
     * and evaluations need them, so that a damaged file fails here rather than in a request (the store is then closed).
     */
    static ServedIndex open(Path dir, ServerConfig config, SessionsFolder sessionsFolder) throws IOException {
        IndexStore store = IndexStore.open(dir);
        try {
            return of(store, config, sessionsFolder);
        } catch (IOException | RuntimeException | Error e) { // an OutOfMemoryError reading the vectors too
            try {
                store.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static ServedIndex of(IndexStore store, ServerConfig config, SessionsFolder sessionsFolder) throws IOException {
        try {
            store.vectors();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        QueryByExample qbe = QueryByExample.open(store, config.search(), store.config().distance(),
                Runtime.getRuntime().availableProcessors());
        return new ServedIndex(store, qbe, new FeedbackSessions(store, qbe.engine(), sessionsFolder, config.maxSessions()));
    }

    IndexStore store() {
        return store;
    }

    QueryByExample qbe() {
        return qbe;
    }

    FeedbackSessions sessions() {
        return sessions;
    }

    IndexStats stats() throws IOException {
        return stats.get();
    }

    /** Label prediction over the index; a 409 when the index has no labels. */
    LabelPrediction labels() throws IOException {
        return labels.get();
    }

    ChangeSearch changes() throws IOException {
        return changes.get();
    }

    EvalFigures evalFigures() throws IOException {
        return evalFigures.get();
    }

    /** The metadata of a stored patch; an unknown id is a 404. */
    PatchMeta meta(String id) throws IOException {
        return store.meta(ordinal(id));
    }

    /** The ordinal of a stored patch; an unknown id is a 404. */
    int ordinal(String id) throws IOException {
        int ordinal = store.ordinal(RequestParams.id(id));
        if (ordinal < 0) {
            throw ApiException.notFound("no patch with id '" + id + "' in the index" + store.didYouMean(id));
        }
        return ordinal;
    }

    /** Takes one more hold on this state; false once it is closed (the caller then takes the newer state). */
    boolean hold() {
        int n;
        do {
            n = holds.get();
            if (n == 0) {
                return false;
            }
        } while (!holds.compareAndSet(n, n + 1));
        return true;
    }

    /** Gives back a hold; the last one closes the store. */
    void release() {
        if (holds.decrementAndGet() == 0) {
            try {
                store.close();
            } catch (IOException e) {
                LOG.error("closing the index state of generation {} failed: {}", store.generation(), e.toString());
            }
        }
    }
}
