package org.deq.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of the server's feedback sessions and whether the server may write there, checked once at start (an
 * index on a read-only mount or owned by another user leaves sessions unavailable, not failing with a 500 each time).
 */
record SessionsFolder(Path dir, boolean writable) {

    /** Names no server path: the client cannot act on one; the operator has the start warning. */
    private static final String READ_ONLY = "feedback sessions cannot be saved on this server (its sessions folder is"
            + " read-only); ask its operator to start it with --sessions DIR";

    /** The folder and whether it, or the nearest existing folder above it that would hold it, is writable. */
    static SessionsFolder check(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return new SessionsFolder(dir, existing != null && Files.isDirectory(existing) && Files.isWritable(existing));
    }

    /** A 503 unless sessions can be saved. */
    void requireWritable() {
        if (!writable) {
            throw new ApiException(503, READ_ONLY);
        }
    }
}
