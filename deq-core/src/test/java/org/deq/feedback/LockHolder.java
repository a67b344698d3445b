package org.deq.feedback;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A process holding a file's lock, as a stopped deq process would: {@code LockHolder FILE}; says "locked", then waits for stdin to close. */
public final class LockHolder {

    private LockHolder() {
    }

    /** Locks {@code args[0]} until standard input ends. */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our standard input (or the test JVM ends)
            }
        }
    }
}
