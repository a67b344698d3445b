package org.deq.server;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreWriter;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticArchiveWriter;

/** A small seeded synthetic archive (BigEarthNet v1 layout) and its index, built once per test JVM and shared. */
final class TestIndex {

    static final int SINGLES = 120;
    /** Bi-temporal pairs, for change queries. */
    static final int PAIRS = 15;
    static final int PATCHES = SINGLES + 2 * PAIRS;
    /** Patches of the index without pairs. */
    static final int NO_PAIRS_SINGLES = 24;
    private static Path dir;
    private static Path noPairsDir;
    /** Images per class of the undated index. */
    static final int UNDATED_PER_CLASS = 4;
    private static Path undatedDir;

    private TestIndex() {
    }

    /** The folder holding {@code archive/} and {@code index/}. */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = build(SINGLES, PAIRS, "spectral-hist:bins=16+lbp");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static Path index() {
        return dir().resolve("index");
    }

    /**
     * The index of a smaller archive of single patches only: no bi-temporal pairs, as UC Merced's; described by all
     * Sentinel-2 bands, so that an RGB upload cannot be described.
     */
    static synchronized Path noPairsIndex() {
        if (noPairsDir == null) {
            try {
                noPairsDir = build(NO_PAIRS_SINGLES, 0, "spectral-hist:bins=8,bands=s2");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return noPairsDir.resolve("index");
    }

    /**
     * The index of a class-per-folder archive of small RGB PNGs, as UC Merced's: no acquisition times, no footprints.
     */
    static synchronized Path undatedIndex() {
        if (undatedDir == null) {
            try {
                Path root = scratch("deq-server-test-");
                java.util.Random random = new java.util.Random(5);
                for (String label : new String[] {"beach", "forest"}) {
                    Files.createDirectories(root.resolve("archive").resolve(label));
                    for (int i = 0; i < UNDATED_PER_CLASS; i++) {
                        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                        for (int p = 0; p < 32 * 32; p++) {
                            image.setRGB(p % 32, p / 32, random.nextInt(1 << 24));
                        }
                        ImageIO.write(image, "png", root.resolve("archive").resolve(label).resolve(label + i + ".png").toFile());
                    }
                }
                undatedDir = index(root, 2 * UNDATED_PER_CLASS, "hsv-hist");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return undatedDir.resolve("index");
    }

    /**
     * A new temporary folder, deleted when the test JVM exits: the indexes are shared by every test class of the JVM,
     * so no single class can delete them (they were left in /tmp, 29 MB a run).
     */
    static Path scratch(String prefix) throws IOException {
        Path root = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "delete " + root));
        return root;
    }

    /** A copy of the index in {@code from} at {@code to}, for a test to add to or break. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }

    /**
     * Commits patches of the given ids and archive sources with the first patch's descriptor and metadata, as another
     * process's deq index would.
     */
    static void addLikeFirst(Path index, Map<String, String> sourceById) throws IOException {
        try (IndexStore store = IndexStore.open(index); StoreWriter w = store.writer()) {
            PatchMeta first = store.meta(0);
            for (Map.Entry<String, String> e : sourceById.entrySet()) {
                w.add(new PatchMeta(e.getKey(), e.getValue(), first.acquired(), first.footprint(), first.labels(), first.flags()),
                        store.vector(0));
            }
            w.commit();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static Path build(int singles, int pairs, String descriptor) throws IOException {
        Path root = scratch("deq-server-test-");
        // snow: some winter patches of northern tiles carry the snow flag, for the filters that leave them out
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(new SyntheticArchiveSpec(11, singles, pairs, true),
                root.resolve("archive"), n -> { });
        return index(root, singles + 2 * pairs, descriptor);
    }

    /** Indexes {@code root/archive} into {@code root/index}; returns {@code root}. */
    private static Path index(Path root, int patches, String descriptor) throws IOException {
        Archive archive = Archives.open(root.resolve("archive"));
        Descriptor d = DescriptorSpecs.parse(descriptor);
        if (d.needsFit()) {
            d = Ingest.fit(d, archive, patches, 1);
        }
        try (IndexStore store = IndexStore.create(root.resolve("index"), d, Distance.L2)) {
            new Ingest(2, 1000).run(archive, d, store, n -> { });
        }
        return root;
    }
}
