package org.deq.feedback;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sessions folder's lock stayed held by another thread or process for as long as a writer waits: nothing was
 * written, and trying again later may succeed (the server answers a 503 with Retry-After).
 */
public final class SessionsBusyException extends IOException {

    /** The lock file {@code lock} was not free within {@code waitedSeconds}. */
    public SessionsBusyException(Path lock, long waitedSeconds) {
        super(lock + ": another deq process (or request) has held the feedback sessions' lock for " + waitedSeconds
                + " s; nothing was written, try again (a process stopped with Ctrl-Z or SIGSTOP holds it until it goes on"
                + " or ends; never delete the file, the lock is the operating system's on it)");
    }
}
