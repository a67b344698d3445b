package org.deq.server;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a write that failed because the server's disk (or the user's quota on it) is full from other I/O errors, by
 * the operating system's words that Java passes on (a session saved, an upload spooled to the temporary folder): a 507
 * that says so, and a WARN for the operator, rather than a 500 without a reason or a 400 blaming the client.
 */
final class DiskFull {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFull.class);
    /** ENOSPC and EDQUOT as Linux and macOS word them. */
    private static final List<String> REASONS = List.of("No space left on device", "Disk quota exceeded");

    private static final ScheduledExecutorService RELEASE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deq-release-spooled-parts");
        t.setDaemon(true);
        return t;
    });

    private DiskFull() {
    }

    /** Whether {@code e} or one of its causes is an I/O error of a full disk. */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && REASONS.stream().anyMatch(t.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Has the part files of a failed upload closed soon after its request ended: Jetty leaves the half-written part's
     * file open, deleted but holding its space, until a garbage collection closes it, so freeing the disk was not enough
     * and every later upload was refused too. One collection a second after the failure, when the request no longer
     * holds the part.
     */
    static void releaseSpooledParts() {
        RELEASE.schedule(System::gc, 1, TimeUnit.SECONDS);
    }

    /** Logs, at WARN, that {@code operation} failed for a full disk, and the 507 that tells the client. */
    static ApiException refusal(String operation, Throwable e) {
        LOG.warn("{} failed: the disk is full: {}", operation, e.toString());
        return new ApiException(507, "the server's disk is full, so it cannot store what this request needs (an upload"
                + " received, a feedback session saved); ask its operator to free space");
    }
}
