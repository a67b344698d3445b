package org.deq.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.deq.concurrent.Workers;
import org.deq.io.Failures;
import org.deq.store.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served index as it is on disk: on a request, at most once per {@link ServerConfig#reloadCheck()}, it has a
 * background thread look whether another process committed to the folder (deq index adding patches or a hash encoder)
 * and, if so, open the new commit and swap it in, while requests go on being answered from the state they find.
 * Requests already running finish on the state they hold, which is closed after the last of them. A commit that
 * cannot be opened leaves the last good state served.
 */
final class LiveIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);
    /** What the health probe and the session requests say once the served folder is deleted or moved away. */
    static final String INDEX_GONE = "the index folder is gone";

    /** Opens the folder's latest commit as a state to serve. */
    interface Opener {
        ServedIndex open() throws IOException;
    }

    private final Path dir;
    private final Opener opener;
    private final long checkNanos;
    private final AtomicReference<ServedIndex> current;
    // opening a commit reads its vectors and builds its search (seconds on a large index): never on a request's thread
    private final ExecutorService reloader = Workers.pool(1, "deq-index-reload");
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long nextCheck;
    private volatile String lastFailure; // logged once, not once per check; shown by the health probe
    private volatile int failures; // in a row: each doubles the wait before the next try, up to MAX_RETRY_NANOS
    private volatile boolean closed; // set under this object's lock, which a swap takes too

    /** Serves {@code first} (which is then this object's) and has {@code opener} open the newer commits of {@code dir}. */
    LiveIndex(Path dir, ServedIndex first, Duration reloadCheck, Opener opener) {
        this.dir = dir;
        this.opener = opener;
        this.checkNanos = reloadCheck.toNanos();
        this.current = new AtomicReference<>(first);
        this.nextCheck = System.nanoTime() + checkNanos;
    }

    /**
     * Longest wait between tries to open a newer commit that failed: a try reads its vectors (a heap too small for
     * them fails every time, a damaged commit too), and one a second would keep the server busy with nothing else.
     */
    static final long MAX_RETRY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long MIN_RETRY_NANOS = Duration.ofMillis(50).toNanos();

    /**
     * The wait before trying again after {@code failures} failed tries in a row: twice the last, from the reload check
     * (at least 50 ms, so that a check on every request backs off too) up to a minute, never sooner than the check.
     */
    static long retryWait(long checkNanos, int failures) {
        if (checkNanos >= MAX_RETRY_NANOS) {
            return checkNanos;
        }
        return Math.min(MAX_RETRY_NANOS, Math.max(checkNanos, MIN_RETRY_NANOS) << Math.min(failures, 16));
    }

    /** The current state, held for one request: give it back with {@link ServedIndex#release()}. */
    ServedIndex hold() {
        ServedIndex held = holdCurrent();
        long now = System.nanoTime();
        // one look at a time, in the background
        // the look is due by the wait read after winning the flag: a failed try may have just put it off
        if (now - nextCheck >= 0 && checking.compareAndSet(false, true)) {
            if (now - nextCheck < 0) {
                checking.set(false);
                return held;
            }
            nextCheck = now + checkNanos;
            try {
                reloader.execute(this::reloadIfChanged);
            } catch (RejectedExecutionException stopping) {
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

    private void reloadIfChanged() {
        try {
            ServedIndex served = holdCurrent();
            try {
                reopenIfChanged(served);
            } finally {
                served.release();
            }
        } catch (ApiException stopping) {
            // closed meanwhile: nothing left to serve a newer commit to
        } finally {
            checking.set(false);
        }
    }

    private void reopenIfChanged(ServedIndex served) {
        try {
            if (served.store().isCurrent()) {
                lastFailure = null; // a folder moved back, a damaged commit replaced: what is served is current again
                failures = 0;
                return;
            }
            ServedIndex newer = opener.open();
            if (newer.store().size() == 0 && served.store().size() > 0) {
                // a folder built again commits its empty index first: serving that would answer every query with
                // nothing for the whole build; the previous index is served until the new one has patches
                newer.release();
                failures = Math.min(failures + 1, 30); // each look opens it again: looked at ever less often
                nextCheck = System.nanoTime() + retryWait(checkNanos, failures);
                reportFailure(served, "the folder holds a new index with no patches committed yet (being built?);"
                        + " serving the previous one until it has some");
                return;
            }
            if (!swap(newer)) {
                newer.release();
                return;
            }
            lastFailure = null;
            failures = 0;
            LOG.info("index {} {}", dir, reloaded(served.store(), newer.store()));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // a deleted folder's error is a bare path: say what it means
            String failure = e instanceof OutOfMemoryError ? "out of memory opening it (its vectors and search are held"
                    + " besides the generation served until the swap): give the server a larger heap, DEQ_JAVA_OPTS=-Xmx..."
                    : Files.isDirectory(dir) ? Failures.message(e) : INDEX_GONE;
            failures = Math.min(failures + 1, 30);
            nextCheck = System.nanoTime() + retryWait(checkNanos, failures);
            reportFailure(served, failure);
        }
    }

    /** Keeps {@code failure} as the reason the folder's newer commit is not served, logged once while it lasts. */
    private void reportFailure(ServedIndex served, String failure) {
        if (!failure.equals(lastFailure) && !closed) {
            LOG.error("index {} changed on disk but cannot be opened; still serving generation {}: {}", dir,
                    served.store().generation(), failure);
            lastFailure = failure;
        }
    }

    /**
     * What the reload log line says of the state swapped in: its generation and size, and what changed beside them,
     * which the figures alone would not show: the folder built again (its generation starts afresh), another
     * descriptor, another encoder or the same one trained again.
     */
    static String reloaded(IndexStore before, IndexStore after) {
        boolean rebuilt = !before.created().equals(after.created());
        StringBuilder line = new StringBuilder(rebuilt ? "rebuilt (created " + after.created() + "), " : "");
        line.append("now at generation ").append(after.generation()).append(", ").append(after.size())
                .append(after.size() == 1 ? " patch" : " patches");
        String descriptor = after.config().descriptorSpec();
        if (!descriptor.equals(before.config().descriptorSpec())) {
            line.append("; descriptor ").append(descriptor).append(" (was ").append(before.config().descriptorSpec()).append(')');
        }
        String encoder = encoderSpec(after);
        if (!encoder.equals(encoderSpec(before))) {
            line.append("; encoder ").append(encoder).append(" (was ").append(encoderSpec(before)).append(')');
        } else if (!rebuilt && after.encoderVersion() != before.encoderVersion()) {
            line.append("; encoder ").append(encoder).append(" trained again");
        }
        return line.toString();
    }

    private static String encoderSpec(IndexStore store) {
        return store.encoder() == null ? "none" : store.encoder().spec();
    }

    /** Serves {@code newer} from now on, unless the server is stopping. */
    private synchronized boolean swap(ServedIndex newer) {
        if (closed) {
            return false;
        }
        current.getAndSet(newer).release(); // the server's own hold: closed when the requests still on it are done
        return true;
    }

    /** Why the last newer commit could not be served (the served state is then older than the folder's), or null. */
    String reloadFailure() {
        return lastFailure;
    }

    /**
     * Gives back the server's hold: the store closes now, or when the last request still holding it ends; an open
     * running in the background finishes and closes what it opened. A second call does nothing: the hold is given back
     * once, else a state with a request still on it would be closed under that request.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        reloader.shutdown();
        current.get().release();
    }
}
