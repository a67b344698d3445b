package org.deq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
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

    /**
     * The first {@code perClass} real UC Merced scenes of each of {@code classes}, copied into class folders under
     * {@code dir} (an image-folder archive small enough for an end-to-end test); skips the test without the data.
     */
    public static Path ucMercedScenes(Path dir, int perClass, String... classes) throws IOException {
        Path images = require("uc-merced-landuse/Images");
        for (String scene : classes) {
            Files.createDirectories(dir.resolve(scene));
            for (int i = 0; i < perClass; i++) {
                String name = String.format("%s%02d.jpg", scene, i);
                Files.copy(images.resolve(scene).resolve(name), dir.resolve(scene).resolve(name));
            }
        }
        return dir;
    }

    /**
     * Copies the folder {@code from} and everything in it to {@code to} (a writable copy of read-only sample data, for
     * a test that damages or writes into it); returns {@code to}.
     */
    public static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
