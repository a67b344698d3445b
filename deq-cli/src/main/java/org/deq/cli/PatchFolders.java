package org.deq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.S2Band;

/** Finds the Sentinel-2 patch folders under the folders a command's {@code --eval} names. */
final class PatchFolders {

    private PatchFolders() {
    }

    /** Every folder under the roots holding all of {@code needed}'s band files, each once, in name order. */
    static List<Path> find(List<Path> roots, List<S2Band> needed) throws IOException {
        S2Band[] bands = needed.toArray(S2Band[]::new);
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new BadInputException(root, "no such folder");
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isDirectory).filter(d -> S2BandFiles.hasAll(d, bands)).map(d -> d.toAbsolutePath().normalize())
                        .forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no Sentinel-2 patch folder (with " + needed.get(0) + " ... "
                    + needed.get(needed.size() - 1) + " band files) under " + roots);
        }
        return found.stream().distinct().sorted().toList(); // overlapping --eval folders count each patch once
    }
}
