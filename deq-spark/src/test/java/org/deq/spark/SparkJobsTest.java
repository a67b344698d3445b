package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.deq.TestData;
import org.deq.archive.PatchSource;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.search.BatchQuery;
import org.deq.search.BatchQuery.Answer;
import org.deq.search.Filter;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark ingest and batch queries on real scenes: the same index and the same answers as on local threads. Each
 * subclass runs every test on one kind of master.
 */
abstract class SparkJobsTest {

    /** The context of the subclass's master, started before its tests. */
    static JavaSparkContext spark;

    @TempDir
    Path tmp;

    @Test
    void sparkIngestBuildsTheLocalIndexOrdinalForOrdinalAndReportsABadFile() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        Files.writeString(archive.resolve("forest/forest99.jpg"), "not a JPEG");
        // a fitted descriptor, so the codebook must travel to the workers
        Descriptor fitted = Ingest.fit(DescriptorSpecs.parse("hsv-hist+sift-bovw:k=16,step=16"), ArchiveRef.of(archive, null).open(), 20, 7);

        IndexStore local = IndexStore.create(tmp.resolve("local"), config(fitted));
        Ingest.Report onThreads = new Ingest(2, 1000).run(ArchiveRef.of(archive, null).open(), fitted, local, n -> { });
        IndexStore distributed = IndexStore.create(tmp.resolve("spark"), config(fitted));
        Ingest.Report onSpark;
        ArchiveRef ref = ArchiveRef.of(archive, null);
        try (var describer = new SparkDescriber(spark, ref, distributed.config())) {
            onSpark = new Ingest(1000).run(ref.open(), describer, distributed, n -> { });
        }

        assertThat(onSpark.indexed()).isEqualTo(onThreads.indexed()).isEqualTo(30);
        assertThat(onSpark.bad()).hasSize(1).isEqualTo(onThreads.bad());
        assertThat(onSpark.bad().get(0).error()).contains("forest99.jpg");
        assertThat(distributed.size()).isEqualTo(local.size());
        for (int i = 0; i < local.size(); i++) {
            assertThat(distributed.meta(i)).isEqualTo(local.meta(i));
            assertThat(distributed.vector(i)).containsExactly(local.vector(i));
        }

        try (var describer = new SparkDescriber(spark, ref, distributed.config())) {
            Ingest.Report again = new Ingest(1000).run(ref.open(), describer, distributed, n -> { });
            assertThat(again.indexed()).isZero();
            assertThat(again.skippedExisting()).isEqualTo(30);
        }
        local.close();
        distributed.close();
    }

    @Test
    void sparkCutsScenesIntoTheSamePatchesAsLocalThreads() throws IOException {
        short[][] bands = new short[12][160 * 96];
        java.util.Random random = new java.util.Random(4);
        for (short[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = (short) (400 + random.nextInt(2000));
            }
        }
        Path scene = tmp.resolve("scenes/area_20200604.tif");
        Files.createDirectories(scene.getParent());
        org.deq.raster.GeoTiffWriter.writeUInt16(scene, 160, 96, bands, new org.deq.raster.GeoRef(600_000, 5_300_000, 10, 10, 32632),
                org.deq.raster.GeoTiffWriter.Compression.DEFLATE, null);
        ArchiveRef ref = ArchiveRef.tiled(tmp.resolve("scenes"), 32);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        IndexStore local = IndexStore.create(tmp.resolve("local-scenes"), config(d));
        new Ingest(2, 1000).run(ref.open(), d, local, n -> { });
        IndexStore distributed = IndexStore.create(tmp.resolve("spark-scenes"), config(d));
        try (var describer = new SparkDescriber(spark, ref, distributed.config())) {
            assertThat(new Ingest(1000).run(ref.open(), describer, distributed, n -> { }).indexed()).isEqualTo(15);
        }
        assertThat(distributed.size()).isEqualTo(local.size()).isEqualTo(15);
        for (int i = 0; i < local.size(); i++) {
            assertThat(distributed.meta(i)).isEqualTo(local.meta(i));
            assertThat(distributed.vector(i)).containsExactly(local.vector(i));
        }
        assertThat(local.meta(14).id()).isEqualTo("area_20200604/x128_y64");
        local.close();
        distributed.close();
    }

    @Test
    void sparkIngestsRealSentinel2Patches() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        ArchiveRef ref = ArchiveRef.of(ben, null);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=16,bands=s2+stats:bands=s2");
        try (IndexStore store = IndexStore.create(tmp.resolve("ben"), config(d));
             var describer = new SparkDescriber(spark, ref, store.config())) {
            Ingest.Report r = new Ingest(1000).run(ref.open(), describer, store, n -> { });
            assertThat(r.indexed()).isEqualTo(14);
            assertThat(r.bad()).isEmpty();
            assertThat(store.meta(0).labels()).isNotEmpty();
            assertThat(store.meta(0).footprint()).isNotNull();
        }
    }

    @Test
    void sparkBatchQueryAnswersAsLocalThreadsDo() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        Path queries = tmp.resolve("queries");
        Files.createDirectories(queries.resolve("q"));
        Files.copy(archive.resolve("beach/beach03.jpg"), queries.resolve("q/beach03.jpg"));
        Files.copy(archive.resolve("runway/runway07.jpg"), queries.resolve("q/runway07.jpg"));
        Files.writeString(queries.resolve("q/broken.png"), "not a PNG");
        Descriptor d = DescriptorSpecs.parse("hsv-hist");
        Path dir = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(dir, config(d))) {
            new Ingest(2, 1000).run(ArchiveRef.of(archive, null).open(), d, store, n -> { });
        }
        List<Answer> local;
        try (IndexStore store = IndexStore.open(dir)) {
            local = BatchQuery.run(new QueryByExample(store), ArchiveRef.of(queries, null).open(), 5, Filter.NONE, false, 2, n -> { });
        }
        List<Answer> distributed = SparkBatchQuery.run(spark, ArchiveRef.of(queries, null), dir, 1, "flat", 5, Filter.NONE, false, n -> { });

        assertThat(distributed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(distributed.get(i).queryId()).isEqualTo(local.get(i).queryId());
            assertThat(distributed.get(i).ids()).containsExactly(local.get(i).ids());
            assertThat(distributed.get(i).distances()).containsExactly(local.get(i).distances());
            assertThat(distributed.get(i).error()).isEqualTo(local.get(i).error());
        }
        assertThat(distributed.get(0).ids()[0]).isEqualTo("beach/beach03");
        assertThat(distributed.get(0).distances()[0]).isZero();
        assertThat(distributed.get(1).error()).contains("broken.png");
        assertThat(distributed.get(2).ids()[0]).isEqualTo("runway/runway07");

        List<Answer> filtered = SparkBatchQuery.run(spark, ArchiveRef.of(queries, null), dir, 1, "flat", 5,
                Filter.parse("labels-any=forest"), false, n -> { });
        assertThat(filtered.get(0).ids()).hasSize(5).allMatch(id -> id.startsWith("forest/"));
    }

    @Test
    void twoFilesOfOneIdAreReadOnSparkAsOnLocalThreads() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        // a beach picture as forest/forest03.png: ImageIO reads it by its content, and its id is forest03.jpg's
        Files.copy(archive.resolve("beach/beach03.jpg"), archive.resolve("forest/forest03.png"));
        Descriptor d = DescriptorSpecs.parse("hsv-hist");
        ArchiveRef ref = ArchiveRef.of(archive, null);
        try (IndexStore local = IndexStore.create(tmp.resolve("local"), config(d));
             IndexStore distributed = IndexStore.create(tmp.resolve("spark"), config(d))) {
            Ingest.Report onThreads = new Ingest(2, 1000).run(ref.open(), d, local, n -> { });
            Ingest.Report onSpark;
            try (var describer = new SparkDescriber(spark, ref, distributed.config())) {
                onSpark = new Ingest(1000).run(ref.open(), describer, distributed, n -> { });
            }
            // the .jpg, listed first, is stored; the .png is reported as a second patch of its id, on both paths
            assertThat(onThreads.bad()).extracting(Ingest.BadPatch::id).containsExactly("forest/forest03");
            assertThat(onSpark.bad()).isEqualTo(onThreads.bad());
            int ordinal = local.requireOrdinal("forest/forest03");
            assertThat(local.meta(ordinal).source()).endsWith("forest03.jpg");
            assertThat(distributed.meta(ordinal)).isEqualTo(local.meta(ordinal));
            assertThat(distributed.vector(ordinal)).containsExactly(local.vector(ordinal));
        }

        Path queries = tmp.resolve("queries");
        Files.createDirectories(queries.resolve("forest"));
        Files.copy(archive.resolve("forest/forest03.jpg"), queries.resolve("forest/dup.jpg"));
        Files.copy(archive.resolve("beach/beach03.jpg"), queries.resolve("forest/dup.png"));
        List<Answer> local;
        long generation;
        try (IndexStore store = IndexStore.open(tmp.resolve("local"))) {
            local = BatchQuery.run(new QueryByExample(store), ArchiveRef.of(queries, null).open(), 3, Filter.NONE, false, 2, n -> { });
            generation = store.generation();
        }
        List<Answer> distributed = SparkBatchQuery.run(spark, ArchiveRef.of(queries, null), tmp.resolve("local"), generation, "flat", 3,
                Filter.NONE, false, n -> { });
        assertThat(local).extracting(a -> a.ids()[0]).containsExactly("forest/forest03", "beach/beach03");
        assertThat(distributed).extracting(Answer::queryId).containsExactly("forest/dup", "forest/dup");
        for (int i = 0; i < 2; i++) {
            assertThat(distributed.get(i).ids()).containsExactly(local.get(i).ids());
            assertThat(distributed.get(i).distances()).containsExactly(local.get(i).distances());
        }
    }

    @Test
    void manySmallBatchesAndAnIncrementalAddGiveTheLocalIndex() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        Path later = tmp.resolve("later");
        Files.createDirectories(later);
        // beach and runway first; forest, listed between them, comes with the second ingest
        Files.move(archive.resolve("forest"), later.resolve("forest"));
        Descriptor d = DescriptorSpecs.parse("hsv-hist");
        ArchiveRef ref = ArchiveRef.of(archive, null);
        try (IndexStore local = IndexStore.create(tmp.resolve("local"), config(d));
             IndexStore distributed = IndexStore.create(tmp.resolve("spark"), config(d))) {
            for (int step = 0; step < 2; step++) {
                if (step == 1) {
                    Files.move(later.resolve("forest"), archive.resolve("forest"));
                }
                Ingest.Report onThreads = new Ingest(2, 7).run(ref.open(), d, local, n -> { });
                Ingest.Report onSpark;
                // 3 patches a task: batches of 12, so 20 and 10 new patches take several overlapping batches
                try (var describer = new SparkDescriber(spark, ref, distributed.config(), 3)) {
                    onSpark = new Ingest(7).run(ref.open(), describer, distributed, n -> { });
                }
                assertThat(onSpark.indexed()).isEqualTo(onThreads.indexed()).isEqualTo(step == 0 ? 20 : 10);
                assertThat(onSpark.skippedExisting()).isEqualTo(step == 0 ? 0 : 20);
            }
            assertThat(distributed.size()).isEqualTo(30);
            for (int i = 0; i < 30; i++) {
                assertThat(distributed.meta(i).id()).isEqualTo(local.meta(i).id());
                assertThat(distributed.vector(i)).containsExactly(local.vector(i));
            }
            assertThat(distributed.meta(20).id()).startsWith("forest/");
        }
    }

    @Test
    void aSliceFindsItsPatchesByIdAndLocationAndNamesTheMissingOnes() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        Map<Slice.Key, PatchSource> listing = new HashMap<>();
        ArchiveRef.of(archive, null).open().forEach(s -> listing.put(Slice.Key.of(s), s));
        List<PatchSource> batch = List.of(listed("beach/beach00", archive), listed("beach/beach01", archive),
                listed("beach/elsewhere", archive), PatchSource.of("forest/forest03", archive.resolve("forest/forest03.png"), null),
                listed("runway/runway09", archive));
        List<Slice> slices = Slice.split(batch, 2);
        assertThat(slices).extracting(Slice::size).containsExactly(2, 3);
        assertThat(slices.get(0).source(listing, 1).id()).isEqualTo("beach/beach01");
        assertThat(slices.get(1).source(listing, 0)).isNull();
        assertThat(slices.get(1).missing(0)).startsWith("beach/elsewhere (" + archive.resolve("beach/elsewhere.jpg")
                + "): not in the archive");
        assertThat(slices.get(1).source(listing, 1)).as("a listed id at another location").isNull();
        assertThat(slices.get(1).source(listing, 2).location()).isEqualTo(archive.resolve("runway/runway09.jpg"));
    }

    /** A source of the JPEG of {@code id} in {@code archive}, as the image folder lists it. */
    private static PatchSource listed(String id, Path archive) {
        return PatchSource.of(id, archive.resolve(id + ".jpg"), null);
    }

    @Test
    void aFailedJobIsOneLineNamingItsCause() throws IOException {
        Path archive = ucMercedScenes(tmp.resolve("scenes"));
        Descriptor d = DescriptorSpecs.parse("hsv-hist");
        ArchiveRef gone = ArchiveRef.of(tmp.resolve("not-there"), null);
        try (IndexStore store = IndexStore.create(tmp.resolve("index"), config(d));
             var describer = new SparkDescriber(spark, gone, store.config())) {
            var e = catchThrowable(() -> new Ingest(100).run(ArchiveRef.of(archive, null).open(), describer, store, n -> { }));
            assertThat(e).isInstanceOf(IOException.class).hasMessageStartingWith("describing patches failed on Spark:")
                    .hasMessageContaining("not-there");
            assertThat(e.getMessage()).doesNotContain("\n");
            assertThat(store.size()).isZero();
        }
    }

    private static StoreConfig config(Descriptor d) {
        return StoreConfig.of(d, Distance.L1);
    }

    /** Ten real UC Merced scenes of each of three classes, copied into {@code dir}. */
    private static Path ucMercedScenes(Path dir) throws IOException {
        return TestData.ucMercedScenes(dir, 10, "beach", "forest", "runway");
    }
}
