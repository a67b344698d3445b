package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.deq.raster.GeoTiffWriter;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticArchiveWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq synth}: writes a seeded synthetic Sentinel-2 archive in the BigEarthNet v1 layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        header = "Writes a seeded synthetic Sentinel-2 L2A archive in the BigEarthNet v1.0 layout.",
        description = {"Writes a synthetic Sentinel-2 L2A archive in the BigEarthNet v1.0 layout (12 band GeoTIFFs at",
                "10/20/60 m + labels JSON) from land-cover reflectance spectra: 2-4 land-cover segments per patch",
                "(multi-label truth), seasons, noise, UTM footprints, and bi-temporal pairs with known change types",
                "(no-change, deforestation, urbanisation, flooding, harvest). Same seed, same files."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder to write (must be absent or empty).")
    Path out;

    @Option(names = {"--n", "--patches"}, defaultValue = "1000", description = "Single patches (default ${DEFAULT-VALUE}).")
    long patches;

    @Option(names = "--pairs", defaultValue = "0", description = "Bi-temporal pairs, two patches each (default ${DEFAULT-VALUE}).")
    long pairs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--snow", description = "Let winter patches of northern tiles be snow-covered.")
    boolean snow;

    @Option(names = "--deflate", description = "DEFLATE-compress the GeoTIFFs (smaller, about 4x slower to write).")
    boolean deflate;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        Counts.threads(threads);
        if (pairs < 0) {
            throw new IllegalArgumentException("--pairs must be >= 0, got " + pairs);
        }
        if (patches < 0 || patches == 0 && pairs < 1) { // 0 would write an empty archive, unless it holds pairs
            throw new IllegalArgumentException("--n must be at least 1 (0 only with --pairs), got " + patches);
        }
        SyntheticArchiveSpec archive = new SyntheticArchiveSpec(seed, patches, pairs, snow);
        write(archive, out, deflate, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                spec.commandLine().getOut());
        return 0;
    }

    /** Writes a synthetic archive with a progress bar; shared with {@code deq demo} and {@code deq bench}. */
    static void write(SyntheticArchiveSpec archive, Path out, boolean deflate, int threads, PrintWriter log) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": is a file; --out names a folder to write the archive into (new or empty)");
        }
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw new IllegalArgumentException(out + ": exists and is not an empty folder; choose a new --out");
        }
        long start = System.nanoTime();
        long written;
        try (Progress bar = new Progress("synth", archive.size())) {
            written = new SyntheticArchiveWriter(deflate ? GeoTiffWriter.Compression.DEFLATE : GeoTiffWriter.Compression.NONE,
                    threads).write(archive, out, bar::stepTo);
        }
        double s = (System.nanoTime() - start) / 1e9;
        log.printf("wrote %d patches (%s) to %s in %.1f s (%.0f patches/s)%n", written, archive.describe(), out, s, written / s);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
