package org.deq.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes folder trees: scratch space, a half-built download, an index that a failed command created. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code dir} and everything in it; a missing folder is no error. */
    public static void delete(Path dir) throws IOException {
        delete(dir, false);
    }

    /** Deletes everything inside {@code dir}, keeping the folder itself; a missing folder is no error. */
    public static void deleteContents(Path dir) throws IOException {
        delete(dir, true);
    }

    private static void delete(Path dir, boolean keepRoot) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) { // children before their folder
                if (!keepRoot || !p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
