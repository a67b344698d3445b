package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.S2Band;

/** Finds the Sentinel-2 patch folders under the folders a command's {@code --eval} names. */
final class PatchFolders {

    private PatchFolders() {
    }

    /**
     * Every folder under the roots holding any of {@code needed}'s band files, each once, root by root in the order
     * given and in name order under each (so the first root given wins a name two share): one that lacks some is listed
     * too, so that the work on it reports what is missing rather than passing over it in silence.
     */
    static List<Path> find(List<Path> roots, List<S2Band> needed) throws IOException {
        Set<Path> found = new LinkedHashSet<>(); // overlapping roots count each patch once
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new BadInputException(root, "no such folder");
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isDirectory).filter(d -> needed.stream().anyMatch(b -> S2BandFiles.find(d, b) != null))
                        .map(d -> d.toAbsolutePath().normalize()).sorted().forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no Sentinel-2 patch folder (with " + needed.get(0) + " ... "
                    + needed.get(needed.size() - 1) + " band files) under " + String.join(", ",
                    roots.stream().map(Path::toString).toList()));
        }
        return List.copyOf(found);
    }

    /** Work on one patch folder that may find it bad (a BadInputException); another IOException stops the run. */
    interface FolderWork {
        void on(Path folder) throws IOException;
    }

    /**
     * Does {@code work} on every folder under a progress bar; a bad folder (or one whose angles or sizes are refused)
     * becomes one "bad:" line, printed after the bar, and the run goes on. Returns how many were bad.
     */
    static int forEach(List<Path> folders, String label, PrintWriter out, FolderWork work) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Progress bar = new Progress(label, folders.size())) {
            for (Path folder : folders) {
                try {
                    work.on(folder);
                } catch (BadInputException e) {
                    bad.add(e.getMessage());
                } catch (IllegalArgumentException e) {
                    bad.add(folder + ": " + e.getMessage());
                }
                bar.step();
            }
        }
        bad.forEach(b -> out.println("  bad: " + b));
        return bad.size();
    }
}
