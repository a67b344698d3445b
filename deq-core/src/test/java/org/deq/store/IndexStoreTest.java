package org.deq.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deq.store.StoreFixtures.DIM;
import static org.deq.store.StoreFixtures.SPEC;
import static org.deq.store.StoreFixtures.meta;
import static org.deq.store.StoreFixtures.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.deq.index.Distance;
import org.deq.index.SearchMethod;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.search.SearchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStoreTest {

    private static final StoreConfig CONFIG = new StoreConfig(SPEC, Distance.L1, DIM, new byte[] {7, 0, -1, 42});

    @TempDir
    Path tmp;

    private static void addRange(IndexStore store, int from, int to) throws IOException {
        try (StoreWriter w = store.writer()) {
            for (int i = from; i < to; i++) {
                w.add(meta(i), vector(i));
            }
            w.commit();
        }
    }

    /** The store holds exactly the fixture patches 0..n-1, vectors, metadata and ids. */
    private static void assertHoldsExactly(IndexStore store, int n) throws IOException {
        assertThat(store.size()).isEqualTo(n);
        assertThat(store.vectors()).hasSize(n * DIM);
        assertThat(store.columns().size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(store.vector(i)).containsExactly(vector(i));
            assertThat(store.meta(i)).isEqualTo(meta(i));
        }
        assertThat(store.ordinal(meta(n / 2).id())).isEqualTo(n / 2);
        assertThat(store.ordinal("S2A_MSIL2A_" + n)).isEqualTo(-1);
    }

    @Test
    void aCreationStoppedBeforeItsFirstCommitLeavesNoIndexAndDoesNotBlockTheNext() throws IOException {
        Path dir = tmp.resolve("stopped");
        Files.createDirectories(dir.resolve("lucene"));
        Files.write(dir.resolve("descriptor-state.bin"), new byte[] {1, 2});
        assertThat(IndexStore.exists(dir)).isFalse();
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 3);
        }
        assertThat(IndexStore.exists(dir)).isTrue();
        Files.delete(dir.resolve("manifest.json")); // stopped after the commit, before the manifest: the commit is the index
        assertThat(IndexStore.exists(dir)).isTrue();
        try (IndexStore again = IndexStore.open(dir)) {
            assertHoldsExactly(again, 3);
        }
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> IndexStore.create(other, CONFIG)).hasMessageContaining("the folder holds other files");
        assertThat(other.resolve("notes.txt")).exists();
        assertThatThrownBy(() -> IndexStore.create(other.resolve("notes.txt"), CONFIG))
                .hasMessageEndingWith("cannot create an index here: it is a file; an index is a folder, give a new one");
    }

    @Test
    void anUnknownIdThatEndsAStoredPathIsSuggested() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("paths"), CONFIG)) {
            try (StoreWriter w = store.writer()) {
                w.add(PatchMeta.of("forest/forest07", "f"), vector(1));
                w.add(PatchMeta.of("river/river07", "r"), vector(2));
                w.commit();
            }
            assertThat(store.didYouMean("river07")).isEqualTo(" (did you mean 'river/river07'?)");
            assertThat(store.didYouMean("ver07")).isEmpty(); // a whole last segment, not any ending
            assertThatThrownBy(() -> store.requireOrdinal("forest07"))
                    .hasMessage("no patch with id 'forest07' in the index " + store.dir() + " (did you mean 'forest/forest07'?)");
            assertThat(store.requireOrdinal("river/river07")).isEqualTo(1);
            // one date of a place as two products: both are named, and past three the rest are counted as one
            try (StoreWriter w = store.writer()) {
                w.add(PatchMeta.of("s2a/0000200/20200604_T43RCP", "a"), vector(3));
                w.add(PatchMeta.of("s2c/0000200/20200604_T43RCP", "c"), vector(4));
                w.commit();
            }
            assertThat(store.didYouMean("20200604_T43RCP"))
                    .isEqualTo(" (did you mean 's2a/0000200/20200604_T43RCP' or 's2c/0000200/20200604_T43RCP'?)");
            try (StoreWriter w = store.writer()) {
                for (String dir : List.of("a", "b", "c")) {
                    w.add(PatchMeta.of(dir + "/river07", dir), vector(5));
                }
                w.commit();
            }
            // segment by segment (commit by commit), each in term order
            assertThat(store.didYouMean("river07")).isEqualTo(" (did you mean 'river/river07', 'a/river07', 'b/river07' or"
                    + " other ids ending in '/river07'?)");
        }
    }

    @Test
    void aClosedStoreSaysSoInsteadOfLucenesException() throws IOException {
        Path dir = tmp.resolve("closed");
        IndexStore store = IndexStore.create(dir, CONFIG);
        addRange(store, 0, 3);
        store.close();
        store.close(); // twice: nothing more
        assertThatThrownBy(store::writer).isInstanceOf(IllegalStateException.class).hasMessage("index " + dir + " is closed");
        assertThatThrownBy(() -> store.meta(0)).hasMessage("index " + dir + " is closed");
        assertThatThrownBy(() -> store.ordinal("p0")).hasMessage("index " + dir + " is closed");
        assertThat(store.size()).isEqualTo(3); // held in memory
    }

    @Test
    void roundTripKeepsVectorsMetadataConfigAndSearchResults() throws IOException {
        Path dir = tmp.resolve("idx");
        List<Hit> before;
        Filter filter = Filter.parse("labels-any=Pastures|Urban fabric", "exclude-flags=snow", "from=2017-07-01");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            assertThat(store.size()).isZero();
            addRange(store, 0, 300);
            assertHoldsExactly(store, 300);
            before = new SearchEngine(store).query(meta(42).id(), 10, filter);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 300);
            assertThat(store.config()).isEqualTo(CONFIG);
            assertThat(store.config().descriptorState()).containsExactly(7, 0, -1, 42);
            assertThat(store.generation()).isEqualTo(1);
            List<Hit> after = new SearchEngine(store).query(meta(42).id(), 10, filter);
            assertThat(after).isEqualTo(before).hasSize(10);
            for (Hit h : after) {
                assertThat(h.meta().labels()).containsAnyOf("Pastures", "Urban fabric");
                assertThat(h.meta().flags()).doesNotContain("snow");
                assertThat(h.meta().acquired()).isAfterOrEqualTo("2017-07-01T00:00:00Z");
                assertThat(h.id()).isNotEqualTo(meta(42).id());
            }
            // L1 between fixture rows i and j is DIM * 16 * |i - j|
            assertThat(after.get(0).distance()).isEqualTo(DIM * 16f * Math.abs(ordinalOf(after.get(0)) - 42));
            assertThat(after).extracting(Hit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifest).contains("\"format\" : \"deq-index\"", "\"descriptor\" : \"" + SPEC + "\"",
                "\"distance\" : \"L1\"", "\"dimension\" : 8", "\"count\" : 300", "\"crc32\"", "vectors-1.f32");
    }

    private static int ordinalOf(Hit h) {
        return Integer.parseInt(h.id().substring("S2A_MSIL2A_".length()));
    }

    @Test
    void incrementalAddMakesNewGenerationAndOldDataStaysReadableUntilCommit() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 100);
        }
        try (IndexStore store = IndexStore.open(dir); StoreWriter w = store.writer()) {
            for (int i = 100; i < 170; i++) {
                w.add(meta(i), vector(i));
            }
            assertThat(w.pending()).isEqualTo(70);
            try (IndexStore other = IndexStore.open(dir)) {
                assertHoldsExactly(other, 100); // staged patches are invisible to readers
            }
            assertThat(store.size()).isEqualTo(100);
            w.commit();
            assertHoldsExactly(store, 170);
            assertThat(store.generation()).isEqualTo(2);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 170);
            assertThat(Files.exists(dir.resolve("vectors-1.f32"))).isTrue();
            assertThat(Files.exists(dir.resolve("vectors-2.f32"))).isTrue();
        }
    }

    @Test
    void aStoreIsNoLongerCurrentOnceAnotherCommitsToItsFolder() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 10);
        }
        try (IndexStore reader = IndexStore.open(dir); IndexStore writer = IndexStore.open(dir)) {
            assertThat(reader.isCurrent()).isTrue();
            addRange(writer, 10, 12);
            assertThat(writer.isCurrent()).isTrue(); // its own commit is its state
            assertThat(reader.isCurrent()).isFalse();
            assertThat(reader.size()).isEqualTo(10); // still the old state until opened again
        }
        // an index deleted and built again in its place starts its commit counter afresh: the commit's id tells
        try (IndexStore reader = IndexStore.open(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            try (IndexStore rebuilt = IndexStore.create(dir, CONFIG)) {
                addRange(rebuilt, 0, 12);
            }
            assertThat(reader.isCurrent()).isFalse();
        }
    }

    @Test
    void addingReadsNoCommittedVectors() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 40);
        }
        Path first = dir.resolve("vectors-1.f32");
        byte[] good = Files.readAllBytes(first);
        Files.write(first, new byte[good.length]); // damaged: any read of it fails its checksum
        try (IndexStore store = IndexStore.open(dir)) {
            addRange(store, 40, 55); // an ingest only appends a segment
            assertThat(store.size()).isEqualTo(55);
            assertThatThrownBy(store::vectors).cause().hasMessageStartingWith(first + ": checksum mismatch");
        }
        // a missing or cut file is found on open, by its size, so nothing is added to an index that lost data
        Files.write(first, java.util.Arrays.copyOf(good, good.length - 4));
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(first + ": has " + (good.length - 4) + " bytes, expected " + good.length
                        + ": the file is damaged (truncated or overwritten)");
        Files.delete(first);
        assertThatThrownBy(() -> IndexStore.open(dir)).hasMessage(first + ": missing vector file of a committed generation");
        Files.write(first, good);
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 55);
        }
    }

    @Test
    void aSearchTheStoreCannotServeSaysWhatItNeeds() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            assertThatThrownBy(() -> store.checkSearch(SearchMethod.parse("multi-code"))).hasMessage("index " + dir
                    + " has no multi-code model, which search multi-code needs; only an index of a local-hist descriptor"
                    + " (deq index --descriptor local-hist:...) has one, not one of " + SPEC);
            assertThatThrownBy(() -> store.checkSearch(SearchMethod.parse("mih"))).hasMessage("index " + dir
                    + " has no hash codes, which search mih needs; add them with: deq index --out " + dir + " --hash lsh:bits=64");
        }
        StoreConfig regions = new StoreConfig("local-hist:grid=2,bins=2,bands=B02", Distance.L1, DIM, null);
        try (IndexStore store = IndexStore.create(tmp.resolve("regions"), regions)) {
            assertThatThrownBy(() -> store.checkSearch(SearchMethod.parse("multi-code")))
                    .hasMessageEndingWith("train one with: deq index --out " + store.dir()
                            + " --hash lsh:bits=32 --multi-code 8"); // no encoder yet, whose spec the codes take
        }
    }

    @Test
    void aDamagedLuceneFileIsOneLineNotAnotherPatchsId() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 300);
        }
        Path lucene = dir.resolve("lucene");
        Path largest;
        try (Stream<Path> files = Files.list(lucene)) {
            largest = files.filter(f -> !f.getFileName().toString().startsWith("segments"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        byte[] good = Files.readAllBytes(largest);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x5a; // inside the data: only the checksum can tell
        Files.write(largest, bad);
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(largest + ": damaged Lucene index (checksum failed")
                .hasMessageEndingWith("restore the index folder from a backup or index the archive again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.delete(largest);
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(largest + ": damaged Lucene index (missing: the commit names it)");
        Files.write(largest, good);
        Path segments;
        try (Stream<Path> files = Files.list(lucene)) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
        }
        byte[] commit = Files.readAllBytes(segments);
        Files.writeString(segments, "junk\n");
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(lucene + ": damaged Lucene index (");
        Files.write(segments, commit);
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 300);
        }
    }

    @Test
    void aWriteErrorNamesItsFile() {
        Path file = tmp.resolve("vectors-5.f32.tmp");
        // a full disk says only "No space left on device"
        assertThat(Segments.naming(file, new IOException("No space left on device")))
                .hasMessage(file + ": cannot write (No space left on device)");
        IOException named = new IOException(file + ": permission denied");
        assertThat(Segments.naming(file, named)).isSameAs(named);
    }

    @Test
    void anIndexOfEarlierReadersIsToldToBeRebuilt() throws Exception {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 5);
            assertThat(store.outdatedReadersNote()).isNull();
        }
        String current = Files.readString(dir.resolve("manifest.json"));
        assertThat(current).contains("\"readers\" : " + Manifest.READERS);
        // a manifest written before the readers' revision was recorded reads as revision 0
        Manifest old = Manifest.fromJson(current.replaceAll(",\\s*\"readers\" : \\d+", ""));
        assertThat(old.readers()).isZero();
        assertThat(old.plus(old.vectorFiles().get(0), null, "now").readers()).isZero(); // adding keeps the revision
    }

    @Test
    void onlyKindsTheReadersRevisedAskForARebuild() {
        // UC Merced pictures and BigEarthNet Sentinel-2 folders read the same as before: no note for such an index
        for (String same : List.of("/d/Images/harbor/harbor07.png", "/d/a/b.JPG", "/d/x.jpeg",
                "/d/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_26_57", "/d/S2B_MSIL2A_20170705T101031_11_23/")) {
            assertThat(Manifest.revisedKind(same)).as(same).isFalse();
        }
        for (String revised : List.of("/d/pictures/a.tif", "/d/EuroSAT_MS/Forest/Forest_1.tif",
                "/d/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_26_57", "/d/ssl4eo/0000001/20200303T094031_20200303T094405_T33TVG", "",
                "/d/f12/S2A_MSIL2A_20170613T101031_87_48.tif")) { // a 12-band GeoTIFF named like a patch is a GeoTIFF
            assertThat(Manifest.revisedKind(revised)).as(revised).isTrue();
        }
    }

    @Test
    void revisionFourIsToldToRebuildForGreyPicturesAndBaseline04Products() throws Exception {
        Path grey = tmp.resolve("grey.png");
        Path colour = tmp.resolve("colour.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png",
                grey.toFile());
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                colour.toFile());
        Path recent = Files.createDirectories(tmp.resolve("S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU_20230604T134904"));
        Path older = Files.createDirectories(tmp.resolve("S2A_MSIL2A_20170613T101031_N0205_R022_T33UUP"));
        Path forms = Path.of(IndexStoreTest.class.getResource("/tiff-forms/make-forms.sh").toURI()).getParent();
        assertThat(ReaderRevisions.note(4, grey.toString(), new HashSet<>()))
                .contains("revision 4 (now " + Manifest.READERS + ")", "brightened grey PNG and JPEG pictures", grey.toString());
        assertThat(ReaderRevisions.note(4, recent.toString(), new HashSet<>())).contains("baseline 04.00", recent.toString());
        for (Path same : List.of(colour, older, forms.resolve("u16-strip-none.tif"), tmp.resolve("gone.png"))) {
            assertThat(ReaderRevisions.note(4, same.toString(), new HashSet<>())).as(same.toString()).isNull();
        }
        assertThat(ReaderRevisions.note(Manifest.READERS, grey.toString(), new HashSet<>())).isNull();
        // revisions before 3 (manifests without readers count as 0) brightened grey pictures too
        for (int revision = 0; revision < 3; revision++) {
            assertThat(ReaderRevisions.note(revision, grey.toString(), new HashSet<>())).as("revision %d", revision)
                    .contains("revision " + revision + " (now ", "brightened grey PNG and JPEG pictures");
            assertThat(ReaderRevisions.note(revision, recent.toString(), new HashSet<>())).contains("baseline 04.00");
            assertThat(ReaderRevisions.note(revision, colour.toString(), new HashSet<>())).isNull();
        }
    }

    @Test
    void revisionFiveIsToldToRebuildForGeoTiffsDeclaringTheirOwnOffset() throws Exception {
        // deq sharpen's output named after a product of baseline 05.09: revision 5 took the name's offset of 1000
        short[][] bands = new short[12][16];
        List<String> names = new java.util.ArrayList<>();
        for (int b = 0; b < 12; b++) {
            java.util.Arrays.fill(bands[b], (short) 1500);
            names.add("B" + (b + 1));
        }
        byte[] declared = org.deq.raster.GeoTiffWriter.encodeUInt16(4, 4, bands, null, org.deq.raster.GeoTiffWriter.Compression.NONE,
                names, "0", new org.deq.raster.BandScale(1e-4, 0));
        Path sharpened = Files.write(tmp.resolve("S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU.tif"), declared);
        Path plain = Files.write(tmp.resolve("S2B_MSIL2A_20230604T103629_N0509_R008_T32UNV.tif"),
                org.deq.raster.GeoTiffWriter.encodeUInt16(4, 4, bands, null, org.deq.raster.GeoTiffWriter.Compression.NONE, names));
        assertThat(ReaderRevisions.note(5, sharpened.toString(), new HashSet<>()))
                .contains("revision 5 (now " + Manifest.READERS + ")", "their own", sharpened.toString());
        assertThat(ReaderRevisions.note(5, plain.toString(), new HashSet<>())).isNull();
        assertThat(ReaderRevisions.note(4, plain.toString(), new HashSet<>())).contains("baseline 04.00"); // revision 5's reason
        assertThat(ReaderRevisions.note(Manifest.READERS, sharpened.toString(), new HashSet<>())).isNull();
    }

    @Test
    void revisionSevenIsToldToRebuildForMasksNoDataValuesAndNewlyPlacedCoordinateSystems() throws Exception {
        short[][] bands = {new short[16], new short[16]};
        GeoRef utm = new GeoRef(691000, 5335000, 10, 10, 32632);
        Path noData = Files.write(tmp.resolve("nodata.tif"), GeoTiffWriter.encodeUInt16(4, 4, bands, utm,
                GeoTiffWriter.Compression.NONE, null, "65535"));
        assertThat(ReaderRevisions.note(7, noData.toString(), new HashSet<>()))
                .contains("revision 7 (now " + Manifest.READERS + ")", "no-data pixels as values", noData.toString());
        assertThat(ReaderRevisions.note(Manifest.READERS, noData.toString(), new HashSet<>())).isNull();
        // a scene's windows read it as no data before too, and a no-data value of 0 reads as 0 either way
        assertThat(ReaderRevisions.note(7, noData + "#x=0,y=0,size=2", new HashSet<>())).isNull();
        Path zero = Files.write(tmp.resolve("zero.tif"), GeoTiffWriter.encodeUInt16(4, 4, bands, utm,
                GeoTiffWriter.Compression.NONE, null, "0"));
        assertThat(ReaderRevisions.note(7, zero.toString(), new HashSet<>())).isNull();
        // ETRS89 / UTM 32N had no footprint before
        Path etrs = Files.write(Files.createDirectories(tmp.resolve("etrs")).resolve("a.tif"), GeoTiffWriter.encodeUInt16(4, 4, bands,
                new GeoRef(691000, 5335000, 10, 10, 25832), GeoTiffWriter.Compression.NONE, null));
        assertThat(ReaderRevisions.note(7, etrs.toString(), new HashSet<>())).contains("EPSG:25832 no footprint");
        // an alpha sample was read as a band
        org.deq.raster.TinyTiff alpha = new org.deq.raster.TinyTiff(false, 16, 16, 4, 16, false);
        alpha.tag(338, 3, 2); // ExtraSamples: unassociated alpha
        Path rgba = tmp.resolve("alpha/rgba.tif");
        Files.createDirectories(rgba.getParent());
        alpha.write(rgba, 4096);
        assertThat(ReaderRevisions.note(7, rgba.toString(), new HashSet<>())).contains("alpha sample");
    }

    @Test
    void revisionSixIsToldToRebuildForGeoTiffsDeclaringTheirProcessingLevel() throws Exception {
        // deq sharpen's output of a Level-1C patch: ten bands without B10, declared Level-1C since revision 7
        short[][] bands = new short[10][16];
        for (short[] band : bands) {
            java.util.Arrays.fill(band, (short) 1500); // data, not Sentinel-2's no-data 0
        }
        List<String> names = List.of("B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12");
        Path declared = Files.write(tmp.resolve("sharp.tif"), org.deq.raster.GeoTiffWriter.encodeUInt16(4, 4, bands, null,
                org.deq.raster.GeoTiffWriter.Compression.NONE, names, "0",
                java.util.Collections.nCopies(10, new org.deq.raster.BandScale(1e-4, 0)), "Level-1C"));
        Path plain = Files.write(tmp.resolve("plain.tif"), org.deq.raster.GeoTiffWriter.encodeUInt16(4, 4, bands, null,
                org.deq.raster.GeoTiffWriter.Compression.NONE, names, "0", new org.deq.raster.BandScale(1e-4, 0)));
        assertThat(ReaderRevisions.note(6, declared.toString(), new HashSet<>()))
                .contains("revision 6 (now " + Manifest.READERS + ")", "processing level", declared.toString());
        assertThat(ReaderRevisions.note(6, plain.toString(), new HashSet<>())).isNull();
        assertThat(ReaderRevisions.note(Manifest.READERS, declared.toString(), new HashSet<>())).isNull();
        // a declared level that agrees with the bands (Level-2A without B10) was read alike before
        Path agreeing = Files.write(tmp.resolve("l2a.tif"), org.deq.raster.GeoTiffWriter.encodeUInt16(4, 4, bands, null,
                org.deq.raster.GeoTiffWriter.Compression.NONE, names, "0",
                java.util.Collections.nCopies(10, new org.deq.raster.BandScale(1e-4, 0)), "Level-2A"));
        assertThat(ReaderRevisions.note(6, agreeing.toString(), new HashSet<>())).isNull();
    }

    @Test
    void revisionThreeIsToldToRebuildOnlyForBigEndianTiffsWithAPredictor() throws Exception {
        Path forms = Path.of(IndexStoreTest.class.getResource("/tiff-forms/make-forms.sh").toURI()).getParent();
        Path bigEndian = forms.resolve("u16-strip-lzw-p2.be.tif");
        Path folder = Files.createDirectories(tmp.resolve("patch"));
        Files.copy(bigEndian, folder.resolve("B02.tif"));
        Files.copy(forms.resolve("u16-strip-none.tif"), folder.resolve("B03.tif"));
        // read alike by revisions 3 and 4: little-endian, big-endian without predictor, a PNG, a missing file
        for (Path same : List.of(forms.resolve("u16-strip-lzw-p2.tif"), forms.resolve("f32-tile-lzw-p3.big-be-none.tif"),
                tmp.resolve("a.png"), tmp.resolve("gone.tif"))) {
            assertThat(ReaderRevisions.note(3, same.toString(), new HashSet<>())).as(same.toString()).isNull();
        }
        assertThat(ReaderRevisions.note(3, bigEndian.toString(), new HashSet<>()))
                .contains("revision 3 (now " + Manifest.READERS + ")", "big-endian TIFFs with a predictor", bigEndian.toString());
        assertThat(ReaderRevisions.note(3, folder.toString(), new HashSet<>())).contains(folder.toString());
        // a scene's windows name its file; each file is read once
        Set<Path> checked = new HashSet<>();
        assertThat(ReaderRevisions.note(3, bigEndian + "#x=0,y=0,size=16", checked)).contains(bigEndian.toString());
        assertThat(ReaderRevisions.note(3, bigEndian + "#x=16,y=0,size=16", checked)).isNull();
        assertThat(ReaderRevisions.note(Manifest.READERS, bigEndian.toString(), new HashSet<>())).isNull();
        assertThat(ReaderRevisions.note(2, "/d/a.png", new HashSet<>())).isNull();
        assertThat(ReaderRevisions.note(2, "/d/a.tif", new HashSet<>())).contains("revision 2");
    }

    @Test
    void closingWithoutCommitDiscardsStagedPatches() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 20);
            try (StoreWriter w = store.writer()) {
                w.add(meta(20), vector(20));
            }
            addRange(store, 20, 30);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 30);
        }
    }

    @Test
    void duplicateIdsWrongDimensionsAndSecondWriterAreClearErrors() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("idx"), CONFIG)) {
            addRange(store, 0, 5);
            try (StoreWriter w = store.writer()) {
                w.add(meta(5), vector(5));
                assertThatThrownBy(() -> w.add(meta(5), vector(5))).hasMessage("duplicate patch id 'S2A_MSIL2A_5' in this add");
                assertThatThrownBy(() -> w.add(meta(2), vector(2)))
                        .hasMessage("patch id 'S2A_MSIL2A_2' is already in the index " + store.dir());
                assertThatThrownBy(() -> w.add(meta(6), new float[3]))
                        .hasMessage("vector of patch 'S2A_MSIL2A_6' has dimension 3, the index has 8");
                float[] nan = vector(6);
                nan[2] = Float.NaN;
                assertThatThrownBy(() -> w.add(meta(6), nan)).hasMessageContaining("non-finite value at 2");
                assertThatThrownBy(() -> w.add(PatchMeta.of("", "x"), vector(6))).hasMessage("patch '' (x): an empty id");
                assertThatThrownBy(store::writer).hasMessageContaining("a writer is already open");
                try (IndexStore again = IndexStore.open(store.dir())) { // the same folder opened twice in one process
                    assertThatThrownBy(again::writer).hasMessageContaining("being written by another writer");
                }
                w.commit();
            }
            assertHoldsExactly(store, 6);
            QueryByExample qbe = new QueryByExample(store);
            float[] nanQuery = vector(1);
            nanQuery[3] = Float.NaN;
            assertThatThrownBy(() -> qbe.byDescriptors(List.of(nanQuery), 3, Filter.NONE))
                    .hasMessage("example descriptor has a non-finite value at 3: NaN");
            assertThatThrownBy(() -> qbe.byIds(List.of(meta(1).id(), meta(2).id()), -1, Filter.NONE)).hasMessage("k must be >= 0, got -1");
            assertThatThrownBy(() -> new SearchEngine(store).query("nope", 3, Filter.NONE))
                    .hasMessage("no patch with id 'nope' in the index " + store.dir());
        }
    }

    @Test
    void anIdLabelOrFlagTooLongForLuceneIsABadPatchAndTheIndexStillOpens() throws IOException {
        Path dir = tmp.resolve("idx");
        String immense = "x".repeat(40_000);
        // an unpaired surrogate is 3 bytes to Lucene (U+FFFD), 1 to Java's encoder: 11,000 of them are too long too
        String surrogates = "\ud800".repeat(11_000);
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 3);
            try (StoreWriter w = store.writer()) {
                w.add(meta(3), vector(3));
                assertThatThrownBy(() -> w.add(meta(4).withLabels(List.of("Pastures", immense)), vector(4)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("patch 'S2A_MSIL2A_4' (tile-1): its label '" + "x".repeat(40) + "...' (40000 characters) is"
                                + " 40000 bytes of UTF-8, more than the 32766 an index takes");
                assertThatThrownBy(() -> w.add(meta(4).withFlags(Set.of(surrogates)), vector(4)))
                        .hasMessageEndingWith(" (11000 characters) is 33000 bytes of UTF-8, more than the 32766 an index takes")
                        .hasMessageContaining("its flag");
                assertThatThrownBy(() -> w.add(new PatchMeta(immense, "s", null, null, List.of(), Set.of()), vector(4)))
                        .hasMessage("patch '" + "x".repeat(40) + "...' (40000 characters) (s): its id is 40000 bytes of UTF-8,"
                                + " more than the 1024 an id may have (requests to the server name a patch by its id)");
                // 1024 bytes are the most: two ids of a change pair, percent-encoded, fit a request line
                assertThatThrownBy(() -> w.add(new PatchMeta("é".repeat(513), "s", null, null, List.of(), Set.of()), vector(4)))
                        .hasMessageContaining("its id is 1026 bytes of UTF-8");
                w.add(meta(4), vector(4)); // the ordinal the refused patches did not take
                w.add(meta(5), vector(5));
                w.commit();
            }
            assertHoldsExactly(store, 6);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 6);
        }
    }

    @Test
    void aDocumentLuceneRefusesAnywayStopsTheWriterAndTheLastCommitSurvives() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 3);
            try (StoreWriter w = store.writer()) {
                w.add(meta(3), vector(3));
                // what the check before adding would refuse: Lucene takes a doc id for it, then refuses it
                Document refused = PatchDocuments.document(meta(4), 4);
                refused.add(new StringField("label", "x".repeat(40_000), Field.Store.NO));
                assertThatThrownBy(() -> w.add(meta(4), vector(4), refused)).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("Lucene failed to add patch 'S2A_MSIL2A_4' (" + dir.resolve("lucene")
                                + ": Document contains at least one immense term")
                        .hasMessageEndingWith("; the writer adds and commits nothing more")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
                assertThatThrownBy(() -> w.add(meta(5), vector(5))).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("the writer of " + dir + " adds and commits nothing more since Lucene failed"
                                + " to add patch 'S2A_MSIL2A_4'");
                assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class)
                        .hasMessageEndingWith("; the index keeps its last commit");
            }
            assertHoldsExactly(store, 3);
            addRange(store, 3, 6); // a new writer starts from the last commit
            assertHoldsExactly(store, 6);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 6);
        }
    }

    @Test
    void aLuceneIndexWithADeletedDocumentSaysHowManyItHolds() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 3);
        }
        // what a document refused after taking its doc id left, committed by an earlier deq: the commit data stays
        try (FSDirectory lucene = FSDirectory.open(dir.resolve("lucene"));
             IndexWriter w = new IndexWriter(lucene, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            w.deleteDocuments(new Term("id", meta(1).id()));
            w.commit();
        }
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("lucene") + ": holds 3 documents (1 deleted), the manifest says 3 patches; index"
                        + " the archive again into a new folder");
    }

    @Test
    void leftoversOfAnInterruptedCommitAreIgnoredThenCleaned() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 50);
        }
        // a crash after writing the next generation's data, before the Lucene commit
        Files.write(dir.resolve("vectors-2.f32"), new byte[4 * DIM * 3]);
        Files.write(dir.resolve("vectors-3.f32.tmp"), new byte[17]);
        Files.write(dir.resolve("codes-1-3.u64.tmp"), new byte[8]);
        Files.writeString(dir.resolve("manifest.json.tmp"), "{half a manif");
        // not deq's: a user's file, and the temporary file of deq info --json idx/x.json writing meanwhile
        Files.writeString(dir.resolve("notes.tmp"), "mine");
        Files.writeString(dir.resolve(".x.json.5eed.tmp"), "{\"patches\"");
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 50);
            assertThat(store.uncommittedFiles()).containsExactly(dir.resolve("codes-1-3.u64.tmp"),
                    dir.resolve("manifest.json.tmp"), dir.resolve("vectors-2.f32"), dir.resolve("vectors-3.f32.tmp"));
            addRange(store, 50, 60); // the writer removes leftovers and overwrites nothing committed
            assertHoldsExactly(store, 60);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(".x.json.5eed.tmp",
                    "descriptor-state.bin", "lucene", "manifest.json", "notes.tmp", "vectors-1.f32", "vectors-2.f32");
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 60);
        }
    }

    @Test
    void staleOrMissingManifestFileAfterCommitPointIsRepaired() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 30);
        }
        String old = Files.readString(dir.resolve("manifest.json"));
        try (IndexStore store = IndexStore.open(dir)) {
            addRange(store, 30, 45);
        }
        // a crash after the Lucene commit, before manifest.json was replaced
        Files.writeString(dir.resolve("manifest.json"), old);
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 45);
            store.writer().close();
        }
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"count\" : 45");
        // a crash during create, after the first commit, before manifest.json existed
        Files.delete(dir.resolve("manifest.json"));
        try (IndexStore store = IndexStore.open(dir)) {
            assertHoldsExactly(store, 45);
            store.writer().close();
        }
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"count\" : 45");
    }

    @Test
    void aManifestFileThatCannotBeRewrittenAfterTheCommitIsANoteAndTheCommitIsServed() throws IOException {
        Path dir = tmp.resolve("idx");
        Path manifest = dir.resolve("manifest.json");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 30);
            // what a full disk does to the rewrite after the commit point: a folder in its place cannot be replaced
            Files.delete(manifest);
            Files.createDirectories(manifest.resolve("in-the-way"));
            try (StoreWriter w = store.writer()) {
                for (int i = 30; i < 45; i++) {
                    w.add(meta(i), vector(i));
                }
                w.commit(); // durable, so no exception
                assertThat(w.pending()).isZero();
                w.commit(); // nothing staged twice
            }
            assertThat(store.manifestFileNote()).startsWith("the commit is durable, but manifest.json was not rewritten ("
                    + manifest + ": ").endsWith("); the index reads its commit, and the next writer rewrites the file");
            assertThat(store.manifestFileCurrent()).isFalse(); // what deq info --verify notes
            assertHoldsExactly(store, 45); // served from memory and the new Lucene reader alike
            try (IndexStore other = IndexStore.open(dir)) {
                assertHoldsExactly(other, 45);
            }
            Files.delete(manifest.resolve("in-the-way"));
            Files.delete(manifest);
            store.writer().close(); // the next writer rewrites it
            assertThat(store.manifestFileNote()).isNull();
            assertThat(store.manifestFileCurrent()).isTrue();
        }
        assertThat(Files.readString(manifest)).contains("\"count\" : 45");
    }

    @Test
    void killedWriterProcessLeavesLastCommitExactly() throws Exception {
        Path dir = tmp.resolve("idx");
        Random random = new Random(2026);
        for (int round = 0; round < 2; round++) {
            int committedBefore = 0;
            if (Files.exists(dir.resolve("manifest.json"))) {
                try (IndexStore store = IndexStore.open(dir)) {
                    committedBefore = store.size();
                }
            }
            // C1 only: the child starts faster, which is all this test needs of it
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), StoreCrashChild.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            // kill it while it is committing batches: wait for a few commits, then a random extra moment
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (committedCount(dir) < committedBefore + 3 * StoreCrashChild.BATCH && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(40));
            assertThat(child.isAlive()).as("child still writing; log: %s", tmp.resolve("child.log")).isTrue();
            child.destroyForcibly().waitFor();
            try (IndexStore store = IndexStore.open(dir)) {
                int n = store.size();
                assertThat(n % StoreCrashChild.BATCH).isZero();
                assertThat(n).isGreaterThan(committedBefore);
                assertHoldsExactly(store, n);
            }
        }
    }

    /** Count in manifest.json, 0 while it cannot be read (it is only ever replaced atomically, so that is rare). */
    private static int committedCount(Path dir) {
        try {
            String json = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
            int at = json.indexOf("\"count\" : ");
            return at < 0 ? 0 : Integer.parseInt(json.substring(at + 10, json.indexOf(',', at)).trim());
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void notAnIndexCorruptManifestAndDamagedDataAreOneLineErrorsNamingTheFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("photos"));
        assertThatThrownBy(() -> IndexStore.open(empty)).isInstanceOf(BadInputException.class)
                .hasMessage(empty.resolve("manifest.json") + ": missing: " + empty + " is not a deq index");

        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 10);
        }
        // without the Lucene commit, a manifest.json is all there is: what is wrong with it is the error
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Path manifest = bare.resolve("manifest.json");
        String good = Files.readString(dir.resolve("manifest.json"));
        Files.writeString(manifest, good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> IndexStore.open(bare)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(manifest + ": not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.write(manifest, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x81});
        assertThatThrownBy(() -> IndexStore.open(bare)).hasMessage(manifest + ": not UTF-8 text: not a deq index manifest");
        Files.writeString(manifest, good.replace("\"vectorFiles\"", "\"vectorFilez\""));
        assertThatThrownBy(() -> IndexStore.open(bare)).hasMessage(manifest + ": no vectorFiles list: not a complete deq index manifest");
        Files.writeString(manifest, good.replace("\"deq-index\"", "\"something-else\""));
        assertThatThrownBy(() -> IndexStore.open(bare)).hasMessageStartingWith(manifest + ": not a deq index manifest");

        Path vectors = dir.resolve("vectors-1.f32");
        byte[] bytes = Files.readAllBytes(vectors);
        bytes[13] ^= 1;
        Files.write(vectors, bytes);
        try (IndexStore store = IndexStore.open(dir)) { // vectors are read on first use
            assertThatThrownBy(store::vectors).isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(BadInputException.class).hasMessageStartingWith(vectors + ": checksum mismatch");
            assertThatThrownBy(() -> new SearchEngine(store)).cause().hasMessageStartingWith(vectors + ": checksum mismatch");
        }

        assertThatThrownBy(() -> IndexStore.create(dir, CONFIG)).isInstanceOf(BadInputException.class)
                .hasMessage(dir + ": cannot create an index here: the folder holds an index already (made by another"
                        + " process meanwhile, if it was new); add to it instead (deq index: the same command again)");
    }

    @Test
    void aCommitCountingMorePatchesThanItsVectorFilesHoldIsRefusedNotReadAsZeros() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 10);
            addRange(store, 10, 15);
        }
        // the commit's manifest without the second generation's vector file, its count unchanged
        editCommit(dir, manifest -> ((ArrayNode) manifest.get("vectorFiles")).remove(1));
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("lucene") + ": vector files hold 10 vectors for 15 patches");
        // manifest.json, read when the folder has no Lucene index, says so alike
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Files.writeString(bare.resolve("manifest.json"), Files.readString(dir.resolve("manifest.json"))
                .replace("\"count\" : 15", "\"count\" : 16"));
        assertThatThrownBy(() -> IndexStore.open(bare)).isInstanceOf(BadInputException.class)
                .hasMessage(bare.resolve("manifest.json") + ": vector files hold 15 vectors for 16 patches");
    }

    /** Rewrites the last commit's manifest with {@code edit}, as a newer or older deq would have written it. */
    private static void editCommit(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        try (FSDirectory lucene = FSDirectory.open(dir.resolve("lucene"));
             IndexWriter w = new IndexWriter(lucene, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode manifest = (ObjectNode) json.readTree(w.getLiveCommitData().iterator().next().getValue());
            edit.accept(manifest);
            w.setLiveCommitData(Map.of(IndexStore.COMMIT_KEY, json.writeValueAsString(manifest)).entrySet());
            w.commit();
        }
    }

    @Test
    void anIndexOfANewerDeqIsReadButNeverAddedTo() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 5);
        }
        editCommit(dir, m -> m.put("readers", Manifest.READERS + 1).put("shardLayout", "v2"));
        try (IndexStore store = IndexStore.open(dir)) {
            assertThat(store.size()).isEqualTo(5);
            assertThat(store.readersRevision()).isEqualTo(Manifest.READERS + 1);
            assertThat(store.outdatedReadersNote()).contains("written by a newer deq (archive readers of revision "
                    + (Manifest.READERS + 1), "shardLayout", "use that deq");
            // a commit of this deq would drop shardLayout and mix two readers' patches: refused, nothing changed
            String refusal = dir + ": written by a newer deq (archive readers of revision " + (Manifest.READERS + 1)
                    + ", this deq's are " + Manifest.READERS + "; fields this deq does not know: shardLayout); write to it"
                    + " with that deq, or index into a new --out";
            assertThatThrownBy(store::checkWritable).isInstanceOf(BadInputException.class).hasMessage(refusal); // before work
            assertThatThrownBy(store::writer).isInstanceOf(BadInputException.class).hasMessage(refusal);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertThat(store.size()).isEqualTo(5);
        }
        editCommit(dir, m -> m.put("formatVersion", 2).remove("vectorFiles"));
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("lucene") + ": format version 2, written by a newer deq (this one reads 1): open it"
                        + " with that deq, or index the archive again");
    }

    @Test
    void aMissingLuceneFolderIsNamedAndNeverCreated() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 5);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("lucene"))) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("lucene") + ": missing, though manifest.json describes 5 patches: the index's Lucene"
                        + " folder was removed or not copied; restore the index folder from a backup or index the archive again");
        assertThat(dir.resolve("lucene")).doesNotExist();
    }

    @Test
    void patchesPastTheLongestVectorArrayAreRefusedWithTheLimitNotAnArrayError() {
        int dim = 1 << 20; // (2^31 - 9) / 2^20: 2047 patches
        assertThat(IndexStore.maxPatches(dim)).isEqualTo(2047);
        IndexStore.checkRoom(tmp, dim, 2000, 47);
        assertThatThrownBy(() -> IndexStore.checkRoom(tmp, dim, 2000, 48)).isInstanceOf(IllegalStateException.class)
                .hasMessage(tmp + ": the index holds at most 2047 patches of dimension 1048576 (2^31 values in memory);"
                        + " 2000 are committed and 48 more were to be");
    }

    @Test
    void aDamagedManifestFileIsReadPastFromTheCommitAndRewrittenByTheNextWriter() throws IOException {
        Path dir = tmp.resolve("damaged");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            addRange(store, 0, 10);
        }
        Path manifest = dir.resolve("manifest.json");
        String good = Files.readString(manifest);
        // a half-written copy, an old fixed-name temp file and a hidden one of AtomicFiles, as crashes leave them
        Files.writeString(manifest, good.substring(0, good.length() / 2));
        Files.writeString(dir.resolve("manifest.json.tmp"), "{");
        Files.writeString(dir.resolve(".manifest.json.1f2e3d.tmp"), "{");
        try (IndexStore store = IndexStore.open(dir)) {
            assertThat(store.size()).isEqualTo(10);
            assertThat(store.manifestFileCurrent()).isFalse(); // what info --verify notes
            assertThat(store.uncommittedFiles()).containsExactly(dir.resolve(".manifest.json.1f2e3d.tmp"),
                    dir.resolve("manifest.json.tmp"));
            assertHoldsExactly(store, 10);
            store.writer().close();
            assertThat(store.manifestFileCurrent()).isTrue();
            assertThat(store.uncommittedFiles()).isEmpty();
        }
        assertThat(Files.readString(manifest)).isEqualTo(good);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aCreationUnderWayElsewhereIsNeitherJoinedNorTakenForAnAbandonedOne() throws Exception {
        // what another process's create() holds before its first commit: the writer's lock, the state file, no commit
        Path dir = tmp.resolve("racing");
        Files.createDirectories(dir.resolve("lucene"));
        Files.write(dir.resolve("descriptor-state.bin"), new byte[] {1, 2});
        try (FSDirectory lucene = FSDirectory.open(dir.resolve("lucene"));
             Lock held = lucene.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            assertThatThrownBy(() -> IndexStore.create(dir, CONFIG)).isInstanceOf(BadInputException.class)
                    .hasMessage(dir + ": another process is creating or writing an index here; let it finish, then add to"
                            + " it, or give another folder");
            assertThat(dir.resolve("descriptor-state.bin")).exists(); // not cleared away as an abandoned creation's
        }
        try (IndexStore store = IndexStore.create(dir, CONFIG)) { // abandoned once nobody holds it
            assertThat(store.size()).isZero();
        }
    }
}
