package org.deq.server;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.raster.GeoTiffWriter;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticArchiveWriter;

/** A small seeded synthetic archive (BigEarthNet v1 layout) and its index, built once per test JVM and shared. */
final class TestIndex {

    static final int SINGLES = 120;
    /** Bi-temporal pairs, for change queries. */
    static final int PAIRS = 15;
    static final int PATCHES = SINGLES + 2 * PAIRS;
    private static Path dir;

    private TestIndex() {
    }

    /** The folder holding {@code archive/} and {@code index/}. */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static Path index() {
        return dir().resolve("index");
    }

    private static Path build() throws IOException {
        Path root = Files.createTempDirectory("deq-server-test-");
        Path archiveDir = root.resolve("archive");
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(new SyntheticArchiveSpec(11, SINGLES, PAIRS, false),
                archiveDir, n -> { });
        Archive archive = Archives.open(archiveDir);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=16+lbp");
        if (d.needsFit()) {
            d = Ingest.fit(d, archive, PATCHES, 1);
        }
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state)) {
            d.writeState(out);
        }
        try (IndexStore store = IndexStore.create(root.resolve("index"),
                new StoreConfig(d.spec(), Distance.L2, d.dimension(), state.toByteArray()))) {
            new Ingest(2, 1000).run(archive, d, store, n -> { });
        }
        return root;
    }
}
