package org.deq.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of the server's feedback sessions and whether the server may write there, checked once at start (an
 * index on a read-only mount or owned by another user leaves sessions unavailable, not failing with a 500 each time);
 * {@code index} is the index folder when the sessions lie in it (the default), else null.
 */
record SessionsFolder(Path dir, boolean writable, Path index) {

    /** Names no server path: the client cannot act on one; the operator has the start warning. */
    private static final String READ_ONLY = "feedback sessions cannot be saved on this server (its sessions folder is"
            + " read-only); ask its operator to start it with --sessions DIR";
    private static final String INDEX_GONE = "feedback sessions are unavailable: " + LiveIndex.INDEX_GONE
            + " (deleted or moved while the server runs), and the sessions kept in it with it";

    /**
     * The folder, whether it or the nearest existing folder above it that would hold it is writable, and whether it
     * lies in {@code indexDir}.
     */
    static SessionsFolder check(Path dir, Path indexDir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean inIndex = dir.toAbsolutePath().normalize().startsWith(indexDir.toAbsolutePath().normalize());
        return new SessionsFolder(dir, existing != null && Files.isDirectory(existing) && Files.isWritable(existing),
                inIndex ? indexDir : null);
    }

    /** A 503 when the index folder that held the sessions is gone: saving one would create it again, empty. */
    void requirePresent() {
        if (index != null && !Files.isDirectory(index)) {
            throw new ApiException(503, INDEX_GONE);
        }
    }

    /** A 503 unless sessions can be saved. */
    void requireWritable() {
        requirePresent();
        if (!writable) {
            throw new ApiException(503, READ_ONLY);
        }
    }
}
