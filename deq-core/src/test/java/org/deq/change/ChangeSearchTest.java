package org.deq.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.archive.S2BandFiles;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;
import org.deq.synth.ChangeType;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticArchiveWriter;
import org.deq.synth.SyntheticPatchGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSearchTest {

    private static final int SINGLES = 20;
    private static final int PAIRS = 60;
    private static final SyntheticArchiveSpec SPEC = new SyntheticArchiveSpec(5, SINGLES, PAIRS, false);

    @TempDir
    static Path dir;
    static Path archiveDir;
    static IndexStore store;
    static ChangeSearch search;

    @BeforeAll
    static void indexSyntheticPairs() throws IOException {
        archiveDir = dir.resolve("archive");
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(SPEC, archiveDir, n -> { });
        Archive archive = Archives.open(archiveDir);
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=16,bands=s2,power=0.5+stats:bands=s2+lbp:power=0.5");
        store = IndexStore.create(dir.resolve("index"), d, Distance.L1);
        new Ingest(2, 1000).run(archive, d, store, n -> { });
        search = new ChangeSearch(store, 2);
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    @Test
    void findsExactlyTheWrittenPairsInDateOrder() throws IOException {
        ChangePairs pairs = search.index().pairs();
        assertThat(pairs.size()).isEqualTo(PAIRS);
        SyntheticPatchGenerator gen = SPEC.generator();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < PAIRS; i++) {
            expected.add(gen.pairName(i, 0) + ">" + gen.pairName(i, 1));
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            PatchMeta b = store.meta(pairs.before()[i]);
            PatchMeta a = store.meta(pairs.after()[i]);
            assertThat(b.acquired()).isBefore(a.acquired());
            found.add(b.id() + ">" + a.id());
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void sameKindsOfChangeRankFirst() throws IOException {
        String[] truth = ChangeRecords.types(store, search.index().pairs());
        assertThat(truth).doesNotContainNull().hasSize(PAIRS);
        ChangeEvaluation eval = ChangeEvaluation.of(search.index(), truth, 5);
        assertThat(eval.queries()).isEqualTo(PAIRS);
        assertThat(eval.precisionByType()).hasSize(ChangeType.values().length);
        // five types in equal numbers: a random ranking scores 0.2
        assertThat(eval.precision()).as("precision@5 %s", eval).isGreaterThan(0.6);
        // the change vector, not the look of the place, finds the same change
        ChangeEvaluation afterOnly = ChangeEvaluation.of(ChangeIndex.ofAfterImages(store, 2), truth, 5);
        assertThat(eval.precision()).isGreaterThan(afterOnly.precision() + 0.2);
        // a k far past the pairs ranks them all (it allocated k result slots per query: gigabytes for 10^8)
        ChangeEvaluation all = ChangeEvaluation.of(search.index(), truth, 400_000_000);
        assertThat(all.queries()).isEqualTo(PAIRS);
    }

    @Test
    void queryByIdsLeavesTheQueryPairOutAndQueryByPatchesAgrees() throws IOException {
        ChangePairs pairs = search.index().pairs();
        String before = store.meta(pairs.before()[3]).id();
        String after = store.meta(pairs.after()[3]).id();
        List<ChangeHit> byIds = search.byIds(before, after, 5, Filter.NONE);
        assertThat(byIds).hasSize(5).noneMatch(h -> h.before().id().equals(before) && h.after().id().equals(after));
        // the two patches the other way round (a change backwards in time) are still the query's own pair
        int all = pairs.size();
        assertThat(search.byIds(after, before, all, Filter.NONE)).hasSize(all - 1)
                .noneMatch(h -> h.before().id().equals(before) && h.after().id().equals(after));
        for (int i = 1; i < byIds.size(); i++) {
            assertThat(byIds.get(i).distance()).isGreaterThanOrEqualTo(byIds.get(i - 1).distance());
        }
        List<ChangeHit> byPatches = search.search(ChangeExample.of(Archives.readPatch(archiveDir.resolve(before))),
                ChangeExample.of(Archives.readPatch(archiveDir.resolve(after))), 6, Filter.NONE);
        assertThat(byPatches.get(0).after().id()).isEqualTo(after);
        assertThat(byPatches.get(0).distance()).isEqualTo(0f);
        assertThat(byPatches.subList(1, 6)).extracting(h -> h.after().id())
                .containsExactlyElementsOf(byIds.stream().map(h -> h.after().id()).toList());
    }

    @Test
    void aStoredIdAndAnExampleMakeOneQuery() throws IOException {
        ChangePairs pairs = search.index().pairs();
        String before = store.meta(pairs.before()[3]).id();
        String after = store.meta(pairs.after()[3]).id();
        List<ChangeHit> byIds = search.byIds(before, after, 5, Filter.NONE);
        List<ChangeHit> mixed = search.search(ChangeExample.stored(before),
                ChangeExample.of(Archives.readPatch(archiveDir.resolve(after))), 5, Filter.NONE);
        // the example is the stored after patch read again: the query's own pair is left out, as by ids
        assertThat(mixed).extracting(h -> h.after().id()).containsExactlyElementsOf(byIds.stream().map(h -> h.after().id()).toList());
        assertThat(search.meta(ChangeExample.stored(before)).id()).isEqualTo(before);
        assertThatThrownBy(() -> search.search(ChangeExample.stored(after),
                ChangeExample.of(Archives.readPatch(archiveDir.resolve(after))), 5, Filter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are the same (" + after + ")");
    }

    @Test
    void filtersApplyToTheLaterPatch() throws IOException {
        ChangePairs pairs = search.index().pairs();
        String label = store.meta(pairs.after()[0]).labels().get(0);
        List<ChangeHit> hits = search.byIds(store.meta(pairs.before()[1]).id(), store.meta(pairs.after()[1]).id(), 50,
                Filter.parse("labels-any=" + label));
        assertThat(hits).isNotEmpty().allMatch(h -> h.after().labels().contains(label));
    }

    @Test
    void aFilterThatNoPairsLaterPatchPassesSaysWhenThePairsAre() throws IOException {
        ChangePairs pairs = search.index().pairs();
        Set<Integer> paired = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            paired.add(pairs.before()[i]);
            paired.add(pairs.after()[i]);
        }
        int single = 0;
        while (paired.contains(single)) {
            single++;
        }
        // a box around a patch of no pair: patches pass it, no pair does
        GeoBox box = store.meta(single).footprint();
        double lon = (box.minLon() + box.maxLon()) / 2;
        double lat = (box.minLat() + box.maxLat()) / 2;
        Filter filter = Filter.parse(String.format(Locale.ROOT, "bbox=%.7f,%.7f,%.7f,%.7f", lon - 1e-6, lat - 1e-6,
                lon + 1e-6, lat + 1e-6));
        ChangeExample before = ChangeExample.stored(store.meta(pairs.before()[0]).id());
        ChangeExample after = ChangeExample.stored(store.meta(pairs.after()[0]).id());
        List<ChangeHit> hits = search.search(before, after, 10, filter);
        assertThat(hits).isEmpty();
        assertThat(search.notes(before, after, hits, filter)).anyMatch(n -> n.startsWith("no pair's later patch passes the"
                + " filters: the " + PAIRS + " pairs' later dates run from "));
        assertThat(search.notes(before, after, search.search(before, after, 10, Filter.NONE), Filter.NONE))
                .noneMatch(n -> n.startsWith("no pair's"));
    }

    @Test
    void twoFilesOfTheSamePixelsUnderTwoNamesAreNoChange() throws IOException {
        String id = store.meta(search.index().pairs().after()[0]).id();
        Path copy = Files.createDirectories(dir.resolve("copies")).resolve("same-pixels");
        try (Stream<Path> files = Files.walk(archiveDir.resolve(id))) {
            for (Path f : files.toList()) {
                // a BigEarthNet folder's files are named after it
                Files.copy(f, copy.resolve(archiveDir.resolve(id).relativize(f).toString().replace(id, "same-pixels")));
            }
        }
        assertThatThrownBy(() -> search.search(ChangeExample.stored(id), ChangeExample.of(Archives.readPatch(copy)), 5,
                Filter.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessage("the before and after images, " + id
                + " and same-pixels, have the same descriptor (the same pixels): there is no change to search for; give two"
                + " dates that differ");
    }

    @Test
    void unknownIdsAreNamed() {
        assertThatThrownBy(() -> search.byIds("nope", store.meta(0).id(), 5, Filter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before").hasMessageContaining("'nope'");
        assertThatThrownBy(() -> search.byIds(store.meta(0).id(), store.meta(0).id(), 5, Filter.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same patch");
    }

    @Test
    void pairsAreConsecutiveDatesOfOneFootprint() {
        GeoBox place = new GeoBox(10, 50, 10.01, 50.01);
        GeoBox other = new GeoBox(11, 50, 11.01, 50.01);
        MetaColumns columns = MetaColumns.of(List.of(meta("c", place, "2018-03-01"), meta("a", place, "2017-06-01"),
                meta("x", other, "2017-06-01"), meta("b", place, "2017-08-01"),
                new PatchMeta("nobox", "", Instant.parse("2017-09-01T00:00:00Z"), null, List.of(), Set.of()),
                meta("same-day", other, "2017-06-01")));
        ChangePairs pairs = ChangePairs.of(columns);
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(Map.of(pairs.before()[0], pairs.after()[0], pairs.before()[1], pairs.after()[1]))
                .isEqualTo(Map.of(1, 3, 3, 0));
        assertThat(pairs.indexOf(3, 0)).isGreaterThanOrEqualTo(0);
        assertThat(pairs.indexOf(0, 3)).isEqualTo(-1);
    }

    @Test
    void footprintsOfOneGridPairThroughRoundingButAPixelApartDoNot() {
        // a GDAL stack of a patch folder rounds its footprint in the last digits; another grid is a pixel (~1e-4°) off
        GeoBox place = new GeoBox(73.6, 30.452348653251292, 73.63, 30.48);
        GeoBox rounded = new GeoBox(73.6, 30.4523486532513, 73.63, 30.48);
        GeoBox shifted = new GeoBox(73.6001, 30.452348653251292, 73.6301, 30.48);
        // two values a few bits apart on either side of a rounding boundary of the steps the places are kept by
        GeoBox onEdge = new GeoBox(10, 30.45234865, 10.03, 30.48);
        GeoBox belowEdge = new GeoBox(10, Math.nextDown(Math.nextDown(30.45234865)), 10.03, 30.48);
        MetaColumns columns = MetaColumns.of(List.of(meta("june", place, "2020-06-04"), meta("august", rounded, "2020-08-13"),
                meta("shifted", shifted, "2020-09-01"), meta("edge-june", onEdge, "2020-06-04"),
                meta("edge-august", belowEdge, "2020-08-13")));
        ChangePairs pairs = ChangePairs.of(columns);
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(Map.of(pairs.before()[0], pairs.after()[0], pairs.before()[1], pairs.after()[1])).isEqualTo(Map.of(0, 1, 3, 4));
    }

    @Test
    void pairsComeInOrderOfTheirOrdinalsWhateverTheOrderOfTheRows() {
        // 40 places of 1 to 5 dates (ties too), Level-1C and Level-2A of one footprint apart, rows shuffled
        List<PatchMeta> metas = new ArrayList<>();
        Random random = new Random(7);
        for (int p = 0; p < 40; p++) {
            GeoBox box = new GeoBox(10 + p * 0.01, 50, 10.01 + p * 0.01, 50.01);
            int dates = 1 + random.nextInt(5);
            for (int d = 0; d < dates; d++) {
                String day = "2017-0" + (1 + random.nextInt(4)) + "-01";
                Set<String> flags = p % 7 == 0 && d % 2 == 1 ? Set.of(S2BandFiles.LEVEL_1C) : Set.of();
                metas.add(new PatchMeta("p" + p + "d" + d, "", Instant.parse(day + "T10:00:00Z"), box, List.of("x"), flags));
            }
        }
        Collections.shuffle(metas, random);
        MetaColumns columns = MetaColumns.of(metas);
        ChangePairs pairs = ChangePairs.of(columns);
        long[] expected = referencePairs(metas);
        assertThat(pairs.size()).isEqualTo(expected.length).isGreaterThan(20);
        for (int i = 0; i < expected.length; i++) {
            assertThat(new int[] {pairs.before()[i], pairs.after()[i]}).as("pair %d", i)
                    .containsExactly((int) (expected[i] >>> 32), (int) expected[i]);
        }
    }

    /** The pairs as grouped and sorted with collections: per place and level, rows by (time, row), then by ordinals. */
    private static long[] referencePairs(List<PatchMeta> metas) {
        Map<String, List<Integer>> byPlace = new HashMap<>();
        for (int row = 0; row < metas.size(); row++) {
            PatchMeta m = metas.get(row);
            byPlace.computeIfAbsent(m.footprint() + "|" + m.flags(), k -> new ArrayList<>()).add(row);
        }
        List<Long> pairs = new ArrayList<>();
        for (List<Integer> rows : byPlace.values()) {
            rows.sort(Comparator.comparing((Integer r) -> metas.get(r).acquired()).thenComparingInt(r -> r));
            for (int i = 1; i < rows.size(); i++) {
                if (metas.get(rows.get(i)).acquired().isAfter(metas.get(rows.get(i - 1)).acquired())) {
                    pairs.add((long) rows.get(i - 1) << 32 | rows.get(i));
                }
            }
        }
        return pairs.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static PatchMeta meta(String id, GeoBox box, String day) {
        return new PatchMeta(id, "", Instant.parse(day + "T10:00:00Z"), box, List.of("x"), Set.of());
    }
}
