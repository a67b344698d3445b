package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigEarthNetV2Test {

    private static final String P75 = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_75_43";
    private static final String P89 = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_89_18";
    private static final String S1 = "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_70_48";

    @Test
    void readsTheSentinel2PatchesWithParquetLabelsAndFlags(@TempDir Path tmp) throws Exception {
        Path root = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2");
        Path parquet = tmp.resolve("metadata.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES"
                    + " ('" + P75 + "', ['Arable land', 'Pastures'], 'train', 'Austria', '" + S1 + "', NULL, true, false),"
                    + " ('" + P89 + "', ['Coniferous forest'], 'test', 'Austria', NULL, NULL, false, true))"
                    + " t(patch_id, labels, split, country, s1_name, s2v1_name, contains_seasonal_snow, contains_cloud_or_shadow))"
                    + " TO '" + parquet + "' (FORMAT parquet)");
        }
        Map<String, Patch> read = readAll(new BigEarthNetV2(root, parquet));
        assertThat(read.keySet()).containsExactly(P75, P89);
        assertThat(read.get(P75).meta().labels()).containsExactly("Arable land", "Pastures");
        assertThat(read.get(P75).meta().flags()).containsExactly(BigEarthNetV2.SNOW);
        assertThat(read.get(P89).meta().labels()).containsExactly("Coniferous forest");
        assertThat(read.get(P89).meta().flags()).containsExactly(BigEarthNetV2.CLOUD);
        for (Patch p : read.values()) {
            assertS2(p);
            assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        }
        // S1 patches find the labels of their S2 partner through s1_name
        Path s1root = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S1");
        Map<String, Patch> s1 = readAll(new BigEarthNetV2(s1root, parquet));
        assertThat(s1).hasSize(3);
        assertThat(s1.get(S1).meta().labels()).containsExactly("Arable land", "Pastures");
        assertThat(s1.get(S1).bandNames()).containsExactly("VV", "VH");
        assertThat(s1.get(S1).meta().acquired()).isEqualTo(Instant.parse("2017-06-13T16:50:43Z"));
        // the header counts the table's rows, not its patch_id and s1_name keys; the S1 patches it lacks are noted
        assertThat(new BigEarthNetV2(s1root, parquet).name()).endsWith(" (2 labelled)");
        assertThat(listedNotes(new BigEarthNetV2(root, parquet))).isEmpty();
        assertThat(listedNotes(new BigEarthNetV2(s1root, parquet))).containsExactly("2 patch folders are not in metadata.parquet,"
                + " so without labels or flags: S1A_IW_GRDH_1SDV_20170613T165043_33UUP_83_83, S1A_IW_GRDH_1SDV_20170613T165043_33UUP_89_36");
        assertThat(listedNotes(new BigEarthNetV2(s1root, null))).isEmpty(); // unlabelled: nothing missing from a table
    }

    /** The notes of an archive fed its whole listing, as an ingest feeds them. */
    static java.util.List<String> listedNotes(Archive archive) {
        IngestNotes notes = archive.notes();
        for (PatchSource src : archive) {
            notes.listed(src.id());
        }
        return notes.lines();
    }

    @Test
    void aPatchFolderReadsOnItsOwnAsTheArchiveReadsIt() throws Exception {
        Path root = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2");
        Map<String, Patch> all = readAll(new BigEarthNetV2(root, null));
        Patch inArchive = all.get(P75);
        Patch alone = Archives.readPatch(Path.of(inArchive.meta().source()));
        assertThat(alone.meta()).isEqualTo(inArchive.meta());
        assertThat(alone.bandNames()).isEqualTo(inArchive.bandNames());
        assertThat(alone.band("B04")).isEqualTo(inArchive.band("B04"));
        assertThatThrownBy(() -> Archives.readPatch(root)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a patch folder");
    }

    @Test
    void readsThePreReleaseTiffPatchWithoutLabels(@TempDir Path tmp) throws Exception {
        Path prerelease = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2-prerelease-tiff");
        // the fixture has no tile level: copy it under one
        Path tile = tmp.resolve("S2A_MSIL2A_20180526T100031_N9999_R122_T34WFU");
        try (Stream<Path> files = Files.walk(prerelease)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, tile.resolve(prerelease.relativize(f).toString()));
            }
        }
        Map<String, Patch> read = readAll(new BigEarthNetV2(tmp, null));
        Patch p = read.get("S2A_MSIL2A_20180526T100031_N9999_R122_T34WFU_14_23");
        assertS2(p);
        assertThat(p.meta().labels()).isEmpty();
        assertThat(p.meta().flags()).isEmpty();
        assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2018-05-26T10:00:31Z"));
        // MGRS tile 34WFU: UTM zone 34 (18-24 E), latitude band W (64-72 N)
        assertThat(p.meta().footprint().centerLat()).isBetween(64.0, 72.0);
        assertThat(p.meta().footprint().centerLon()).isBetween(18.0, 24.0);
    }

    @Test
    void badParquetNamesTheFile(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("metadata.parquet");
        Files.writeString(bad, "not parquet");
        Path root = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2");
        assertThatThrownBy(() -> new BigEarthNetV2(root, bad)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bad + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static void assertS2(Patch p) {
        assertThat(p.bandCount()).isEqualTo(12);
        assertThat(p.width()).isEqualTo(120);
        assertThat(p.height()).isEqualTo(120);
        for (float[] band : p.bands()) {
            assertThat(BigEarthNetV1Test.min(band)).isGreaterThanOrEqualTo(0f);
            assertThat(BigEarthNetV1Test.mean(band)).isBetween(0.0, 1.0);
        }
        BigEarthNetV1Test.assertInsideEurope(p.meta().footprint());
        assertThat(p.meta().footprint().maxLat() - p.meta().footprint().minLat()).isBetween(0.009, 0.013);
        assertThat(Set.copyOf(p.bandNames())).contains("B02", "B03", "B04", "B08", "B8A");
    }

    private static Map<String, Patch> readAll(Archive archive) throws BadInputException {
        Map<String, Patch> out = new LinkedHashMap<>();
        for (PatchSource src : archive) {
            out.put(src.id(), src.read());
        }
        return out;
    }
}
