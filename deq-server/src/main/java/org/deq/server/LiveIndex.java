package org.deq.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.deq.ingest.Workers;
import org.deq.store.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served index as it is on disk: before a request, at most once per {@link ServerConfig#reloadCheck()}, it looks
 * whether another process committed to the folder (deq index adding patches or a hash encoder) and, if so, opens the
 * new commit and serves it to the requests that follow. Requests already running finish on the state they hold, which
 * is closed after the last of them. A commit that cannot be opened leaves the last good state served.
 */
final class LiveIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);
    /** What the health probe and the session requests say once the served folder is deleted or moved away. */
    static final String INDEX_GONE = "the index folder is gone";

    private final Path dir;
    private final ServerConfig config;
    private final SessionsFolder sessions;
    private final long checkNanos;
    private final AtomicReference<ServedIndex> current;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long lastCheck = System.nanoTime();
    private volatile String lastFailure; // logged once, not once per check; shown by the health probe

    /** Serves the store's state (the store is then this object's) and checks {@code dir} for newer ones. */
    LiveIndex(Path dir, ServedIndex first, ServerConfig config, SessionsFolder sessions) {
        this.dir = dir;
        this.config = config;
        this.sessions = sessions;
        this.checkNanos = config.reloadCheck().toNanos();
        this.current = new AtomicReference<>(first);
    }

    /** The current state, held for one request: give it back with {@link ServedIndex#release()}. */
    ServedIndex hold() {
        ServedIndex held = holdCurrent();
        long now = System.nanoTime();
        // one request checks while the others go on with the state they hold
        if (now - lastCheck >= checkNanos && checking.compareAndSet(false, true)) {
            try {
                lastCheck = now;
                ServedIndex newer = reopenIfChanged(held);
                if (newer != null) {
                    held.release();
                    held = holdCurrent();
                }
            } finally {
                checking.set(false);
            }
        }
        return held;
    }

    /** The state served now, held, without looking at the disk; a 503 once the server has given it back (stopping). */
    ServedIndex holdCurrent() {
        while (true) {
            ServedIndex state = current.get();
            if (state.hold()) {
                return state;
            }
            if (current.get() == state) { // closed and not replaced: close() was called
                throw new ApiException(503, "the server is stopping");
            }
        }
    }

    private ServedIndex reopenIfChanged(ServedIndex held) {
        IndexStore store = null;
        try {
            if (held.store().isCurrent()) {
                return null;
            }
            store = IndexStore.open(dir);
            ServedIndex newer = ServedIndex.of(store, config, sessions);
            ServedIndex old = current.getAndSet(newer);
            old.release(); // the server's own hold: closed when the requests still on it are done
            lastFailure = null;
            LOG.info("index {} now at generation {}, {} patches", dir, store.generation(), store.size());
            return newer;
        } catch (IOException | RuntimeException e) {
            closeQuietly(store);
            // a deleted folder's error is a bare path: say what it means
            String failure = Files.isDirectory(dir) ? Workers.message(e) : INDEX_GONE;
            if (!failure.equals(lastFailure)) {
                LOG.error("index {} changed on disk but cannot be opened; still serving generation {}: {}", dir,
                        held.store().generation(), failure);
                lastFailure = failure;
            }
            return null;
        }
    }

    private static void closeQuietly(IndexStore store) {
        if (store != null) {
            try {
                store.close();
            } catch (IOException | RuntimeException ignored) {
                // the open failure is what is reported
            }
        }
    }

    /** Why the last newer commit could not be served (the served state is then older than the folder's), or null. */
    String reloadFailure() {
        return lastFailure;
    }

    /** Gives back the server's hold: the store closes now, or when the last request still holding it ends. */
    @Override
    public void close() {
        current.get().release();
    }
}
