package org.deq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Locates the real data of ../shared/data for tests; tests that need it skip with a clear message where it is absent. */
public final class TestData {

    private TestData() {
    }

    /** The shared data folder: system property {@code deq.data}, else the first {@code shared/data} found walking up from the working directory. */
    public static Path root() {
        String prop = System.getProperty("deq.data");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The named sub-folder of the shared data; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path root = root();
        Path dir = root == null ? null : root.resolve(relative);
        Assumptions.assumeTrue(dir != null && Files.exists(dir),
                "real data ../shared/data/" + relative + " is absent; see README for the public download");
        return dir;
    }
}
