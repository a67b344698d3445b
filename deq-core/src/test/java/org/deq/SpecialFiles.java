package org.deq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Entries that are no regular file, for tests of readers that must refuse them unopened; skipped where the system has none. */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** A FIFO named {@code name} in {@code dir}, made by mkfifo. */
    public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        int rc;
        try {
            rc = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        Assumptions.assumeTrue(rc == 0, "mkfifo is not available");
        return fifo;
    }

    /** A link named {@code name} in {@code dir} to the character device {@code /dev/zero}. */
    public static Path devZero(Path dir, String name) throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
        return Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
    }
}
