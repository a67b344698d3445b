package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigEarthNetV1Test {

    private static final GeoBox EUROPE = new GeoBox(-25, 34, 45, 72);

    /** sensor,version,patch_name,n_files,"label;label" rows of the sample's manifest.csv. */
    static Map<String, List<String>> manifestLabels() throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        List<String> lines = Files.readAllLines(TestData.require("bigearthnet-sample/manifest.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] head = line.split(",", 5);
            String labels = head[4].substring(1, head[4].length() - 1);
            out.put(head[2], labels.isEmpty() ? List.of() : List.of(labels.split(";")));
        }
        return out;
    }

    @Test
    void readsEverySentinel2PatchWithManifestLabels() throws Exception {
        Path root = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Map<String, List<String>> manifest = manifestLabels();
        int n = 0;
        for (PatchSource src : new BigEarthNetV1(root)) {
            Patch p = src.read();
            n++;
            assertThat(p.meta().id()).isEqualTo(src.id());
            assertThat(p.meta().labels()).isEqualTo(manifest.get(src.id()));
            assertThat(p.bandNames()).containsExactly("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12");
            assertThat(p.width()).isEqualTo(120);
            assertThat(p.height()).isEqualTo(120);
            for (float[] band : p.bands()) {
                assertThat(band).hasSize(120 * 120);
                double mean = mean(band);
                // surface reflectance: non-negative, mostly below 1 (bright snow/cloud pixels may exceed it)
                assertThat(min(band)).isGreaterThanOrEqualTo(0f);
                assertThat(mean).isBetween(0.0, 1.0);
            }
            // vegetated or not, NIR (B08) is above blue (B02) on average in every sample patch
            assertThat(mean(p.band("B08"))).isGreaterThan(mean(p.band("B02")));
            assertInsideEurope(p.meta().footprint());
            assertThat(p.meta().footprint().maxLat() - p.meta().footprint().minLat()).isBetween(0.009, 0.013);
            assertThat(p.meta().acquired()).isBetween(Instant.parse("2017-06-01T00:00:00Z"), Instant.parse("2018-06-01T00:00:00Z"));
        }
        assertThat(n).isEqualTo(14);
    }

    @Test
    void firstPatchHasTheJsonTimeAndFootprint() throws Exception {
        Path folder = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        Patch p = BigEarthNetV1.readPatch(folder);
        assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        // UTM 33N 405000 E, 5341800 N is near 13.73 E, 48.22 N (Upper Austria)
        assertThat(p.meta().footprint().centerLon()).isBetween(13.6, 13.9);
        assertThat(p.meta().footprint().centerLat()).isBetween(48.1, 48.3);
    }

    @Test
    void readsEverySentinel1Patch() throws Exception {
        Path root = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0");
        Map<String, List<String>> manifest = manifestLabels();
        int n = 0;
        for (PatchSource src : new BigEarthNetV1(root)) {
            Patch p = src.read();
            n++;
            assertThat(p.bandNames()).containsExactly("VV", "VH");
            assertThat(p.meta().labels()).isEqualTo(manifest.get(src.id()));
            // dB backscatter: VV brighter than VH over land
            assertThat(mean(p.band("VV"))).isBetween(-25.0, 0.0).isGreaterThan(mean(p.band("VH")));
            assertInsideEurope(p.meta().footprint());
        }
        assertThat(n).isEqualTo(10);
    }

    @Test
    void theDatasetsSnowAndCloudListsFlagTheirPatches(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        String name = patch.getFileName().toString();
        PatchSource plain = new BigEarthNetV1(patch.getParent()).iterator().next();
        assertThat(plain.read().meta().flags()).isEmpty();
        // the lists beside the archive folder, as they are unpacked next to it; a header line names no patch
        // a spreadsheet's byte-order mark before the first name hides nothing
        Files.writeString(tmp.resolve(BigEarthNetV1.SNOW_LIST), "\uFEFF" + name + "\nS2A_MSIL2A_20170613T101031_0_48\n");
        Files.writeString(tmp.resolve(BigEarthNetV1.CLOUD_LIST), "patch_name\n" + name + ",extra\n");
        PatchSource listed = new BigEarthNetV1(patch.getParent()).iterator().next();
        assertThat(listed.read().meta().flags()).containsExactlyInAnyOrder("snow", "cloud");
        // in the archive folder itself, a list is found first
        Files.writeString(patch.getParent().resolve(BigEarthNetV1.CLOUD_LIST), "S2A_MSIL2A_20170613T101031_0_48\n");
        assertThat(new BigEarthNetV1(patch.getParent()).iterator().next().read().meta().flags()).containsExactly("snow");
    }

    @Test
    void missingBandNamesTheFile(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path b05 = patch.resolve(patch.getFileName() + "_B05.tif");
        Files.delete(b05);
        assertBad(patch, b05.toString(), "missing band B05");
    }

    @Test
    void wrongRasterSizeNamesTheFile(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        String name = patch.getFileName().toString();
        Path b02 = patch.resolve(name + "_B02.tif");
        Files.copy(patch.resolve(name + "_B05.tif"), b02, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertBad(patch, b02.toString(), "60x60");
    }

    @Test
    void truncatedBandNamesTheFile(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path b11 = patch.resolve(patch.getFileName() + "_B11.tif");
        byte[] bytes = Files.readAllBytes(b11);
        Files.write(b11, Arrays.copyOf(bytes, bytes.length / 2));
        assertBad(patch, b11.toString(), "truncated: the file ends at byte " + bytes.length / 2 + ", inside strip 0");
    }

    @Test
    void noDataPixelsOfAFloatBandNameTheFile(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path b08 = patch.resolve(patch.getFileName() + "_B08.tif");
        GeoRaster r = GeoTiffReader.read(b08);
        float[] values = r.bands()[0];
        for (int i = 0; i < values.length; i++) { // a 30x30 square of GDAL's no data, NaN
            values[i] = i % 120 >= 45 && i % 120 < 75 && i / 120 >= 45 && i / 120 < 75 ? Float.NaN : values[i];
        }
        Files.write(b08, GeoTiffWriter.encodeFloat32(120, 120, new float[][] {values}, r.geo(), GeoTiffWriter.Compression.NONE, null));
        assertBad(patch, b08.toString(), "900 of 14400 pixels of band 1 are NaN or infinite (no data)");
    }

    @Test
    void malformedJsonNamesTheFile(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path json = patch.resolve(patch.getFileName() + BigEarthNetV1.JSON_SUFFIX);
        String text = Files.readString(json);
        Files.writeString(json, "{\"labels\": [\"Pastures\",");
        assertBad(patch, json.toString(), "malformed JSON at line 1, column 24: Unexpected end-of-input");
        assertThatThrownBy(() -> BigEarthNetV1.readPatch(patch)).message().doesNotContain("Source", "start marker", "StreamReadFeature");
        Files.writeString(json, text.substring(0, text.length() / 2));
        assertBad(patch, json.toString(), "malformed JSON at line ");
        Files.writeString(json, text.replace("\"labels\": [", "\"labels\": 7, \"x\": ["));
        assertBad(patch, json.toString(), "labels");
    }

    @Test
    void aLabelThatIsNoClcClassIsStoredAndNoted(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path json = patch.resolve(patch.getFileName() + BigEarthNetV1.JSON_SUFFIX);
        Files.writeString(json, Files.readString(json).replaceFirst("\"labels\": \\[", "\"labels\": [\"Pasture\", "));
        BigEarthNetV1 archive = new BigEarthNetV1(patch.getParent());
        IngestNotes notes = archive.notes();
        Patch p = BigEarthNetV1.readPatch(patch);
        assertThat(p.meta().labels()).contains("Pasture");
        notes.read(p.meta());
        assertThat(notes.lines()).containsExactly("1 patch has labels that are not BigEarthNet's CORINE Land Cover classes,"
                + " stored as given: 'Pasture' of " + patch.getFileName());
        IngestNotes clean = archive.notes();
        clean.read(BigEarthNetV1.readPatch(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48")).meta());
        assertThat(clean.lines()).isEmpty();
    }

    @Test
    void anEmptySubFolderIsReportedAsAnEmptyFolder(@TempDir Path tmp) throws Exception {
        Path patch = copyFirstPatch(tmp);
        Path empty = Files.createDirectory(patch.resolveSibling("emptydir"));
        PatchSource src = java.util.stream.StreamSupport.stream(new BigEarthNetV1(patch.getParent()).spliterator(), false)
                .filter(s -> s.id().equals("emptydir")).findFirst().orElseThrow();
        assertThatThrownBy(src::read).hasMessage(empty + ": empty folder: no label, metadata or band files");
    }

    private static void assertBad(Path patch, String file, String reason) {
        PatchSource src = new BigEarthNetV1(patch.getParent()).iterator().next();
        assertThatThrownBy(src::read)
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** A copy of the first real Sentinel-2 patch, in {@code tmp/archive}, to spoil. */
    static Path copyFirstPatch(Path tmp) throws IOException {
        Path src = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        Path dst = tmp.resolve("archive").resolve(src.getFileName().toString());
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dst.resolve(f.getFileName().toString()));
            }
        }
        return dst;
    }

    /** Every corner of the footprint lies inside the box of Europe (Azores to the Urals, Crete to the North Cape). */
    static void assertInsideEurope(GeoBox box) {
        assertThat(box.minLon()).isGreaterThanOrEqualTo(EUROPE.minLon());
        assertThat(box.maxLon()).isLessThanOrEqualTo(EUROPE.maxLon());
        assertThat(box.minLat()).isGreaterThanOrEqualTo(EUROPE.minLat());
        assertThat(box.maxLat()).isLessThanOrEqualTo(EUROPE.maxLat());
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
