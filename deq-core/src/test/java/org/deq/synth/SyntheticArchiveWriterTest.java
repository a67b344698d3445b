package org.deq.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import org.deq.TestData;
import org.deq.archive.PatchSource;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;
import org.deq.raster.UtmZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticArchiveWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SyntheticArchiveSpec SPEC = new SyntheticArchiveSpec(7, 12, 5, false);

    @TempDir
    static Path dir;
    static Path root;
    static List<Long> progress = new ArrayList<>();

    @BeforeAll
    static void writeOnce() throws IOException {
        root = dir.resolve("two-threads");
        long written = new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(SPEC, root, progress::add);
        assertThat(written).isEqualTo(SPEC.size());
    }

    @Test
    void sameSpecWritesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path again = dir.resolve("one-thread");
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 1).write(SPEC, again, n -> { });
        List<Path> files = listFiles(root);
        assertThat(relative(again, listFiles(again))).isEqualTo(relative(root, files));
        for (Path f : files) {
            assertThat(Files.readAllBytes(again.resolve(root.relativize(f)))).as(f.toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void progressCountsEveryPatchInOrder() {
        assertThat(progress).isSortedAccordingTo(Long::compare);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(SPEC.size());
    }

    @Test
    void layoutIsBigEarthNetV1AndMatchesTheInMemoryArchive() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(SPEC);
        Set<String> ids = new TreeSet<>();
        for (PatchSource source : archive) {
            ids.add(source.id());
            assertThat(source.location()).isEqualTo(Path.of("synthetic-7", source.id()));
        }
        assertThat(ids).hasSize((int) SPEC.size());
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertThat(folders).isEqualTo(ids);
        for (String id : ids) {
            Set<String> names = new HashSet<>();
            try (Stream<Path> s = Files.list(root.resolve(id))) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            }
            Set<String> expected = new HashSet<>();
            for (S2Band b : S2Band.values()) {
                expected.add(id + "_" + b.name() + ".tif");
            }
            expected.add(id + "_labels_metadata.json");
            assertThat(names).isEqualTo(expected);
        }
    }

    @Test
    void bandFilesHaveNativeSizesValuesAndGeoreferencing() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(SPEC);
        for (long i : new long[] {0, 11, 12, 13}) {
            SyntheticScene scene = archive.scene(i);
            JsonNode json = MAPPER.readTree(root.resolve(scene.name()).resolve(scene.name() + "_labels_metadata.json")
                    .toFile());
            for (S2Band b : S2Band.values()) {
                Path file = root.resolve(scene.name()).resolve(scene.name() + "_" + b.name() + ".tif");
                FileDirectory fd = TiffReader.readTiff(file.toFile()).getFileDirectory();
                int side = SyntheticScene.side(b);
                assertThat(fd.getImageWidth().intValue()).as(file.toString()).isEqualTo(side);
                assertThat(fd.getImageHeight().intValue()).isEqualTo(side);
                assertThat(fd.getModelPixelScale()).containsExactly((double) b.metres, (double) b.metres, 0.0);
                assertThat(fd.getModelTiepoint()).containsExactly(0.0, 0.0, 0.0,
                        json.get("coordinates").get("ulx").asDouble(), json.get("coordinates").get("uly").asDouble(), 0.0);
                @SuppressWarnings("unchecked")
                List<Integer> keys = (List<Integer>) fd.get(FieldTagType.GeoKeyDirectory).getValues();
                assertThat(keys.get(keys.size() - 5)).isEqualTo(scene.zone().epsg()); // ProjectedCSTypeGeoKey
                Rasters r = fd.readRasters();
                short[] expected = scene.band(b);
                for (int p = 0; p < expected.length; p += 7) {
                    assertThat(r.getPixelSample(0, p % side, p / side).intValue()).isEqualTo(expected[p] & 0xFFFF);
                }
            }
        }
    }

    @Test
    void inMemoryArchiveReadsPatchesWithTheWrittenLabels() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(SPEC);
        assertThat(archive.sizeHint()).isEqualTo(SPEC.size());
        assertThat(archive.name()).contains("seed=7");
        for (PatchSource source : archive) {
            Patch patch = source.read();
            assertThat(patch.meta().id()).isEqualTo(source.id());
            assertThat(patch.bandCount()).isEqualTo(12);
            JsonNode json = MAPPER.readTree(root.resolve(source.id()).resolve(source.id() + "_labels_metadata.json")
                    .toFile());
            List<String> labels = new ArrayList<>();
            json.get("labels").forEach(l -> labels.add(l.asText()));
            assertThat(patch.meta().labels()).isEqualTo(labels);
        }
    }

    @Test
    void geoKeysEqualThoseOfARealBigEarthNetBandFile() throws IOException {
        Path real = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48/"
                + "S2A_MSIL2A_20170613T101031_87_48_B02.tif");
        FileDirectory realFd = TiffReader.readTiff(real.toFile()).getFileDirectory();
        Path ours = dir.resolve("zone33.tif");
        GeoTiffWriter.writeUInt16(ours, 120, 120, new short[1][120 * 120], new UtmZone(33, true), 404400, 5342400, 10,
                GeoTiffWriter.Compression.NONE);
        FileDirectory fd = TiffReader.readTiff(ours.toFile()).getFileDirectory();
        assertThat(fd.get(FieldTagType.GeoKeyDirectory).getValues())
                .isEqualTo(realFd.get(FieldTagType.GeoKeyDirectory).getValues());
        assertThat(fd.getStringEntryValue(FieldTagType.GeoAsciiParams))
                .isEqualTo(realFd.getStringEntryValue(FieldTagType.GeoAsciiParams));
        assertThat(fd.getModelTiepoint()).isEqualTo(realFd.getModelTiepoint());
        assertThat(fd.getModelPixelScale()).isEqualTo(realFd.getModelPixelScale());
        assertThat(fd.getRowsPerStrip()).isEqualTo(realFd.getRowsPerStrip());
    }

    @Test
    void labelsJsonHasTheShapeOfTheRealFiles() throws IOException {
        Path sample = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        List<Path> realJsons;
        try (Stream<Path> s = Files.walk(sample)) {
            realJsons = s.filter(p -> p.toString().endsWith("_labels_metadata.json")).sorted().toList();
        }
        assertThat(realJsons).isNotEmpty();
        JsonNode real = MAPPER.readTree(realJsons.get(0).toFile());
        SyntheticArchive archive = new SyntheticArchive(SPEC);
        for (long i = 0; i < SPEC.size(); i++) {
            SyntheticScene scene = archive.scene(i);
            String text = Files.readString(root.resolve(scene.name()).resolve(scene.name() + "_labels_metadata.json"));
            JsonNode ours = MAPPER.readTree(text);
            List<String> keys = fieldNames(ours);
            if (scene.change() == null) {
                assertThat(keys).isEqualTo(fieldNames(real));
            } else {
                assertThat(keys).isEqualTo(concat(fieldNames(real), "deq_change"));
                assertThat(fieldNames(ours.get("deq_change"))).containsExactly("pair", "type");
                String partner = ours.get("deq_change").get("pair").asText();
                assertThat(root.resolve(partner)).isDirectory();
                assertThat(ours.get("deq_change").get("type").asText()).isEqualTo(scene.change().type().jsonName());
            }
            assertThat(fieldNames(ours.get("coordinates"))).isEqualTo(fieldNames(real.get("coordinates")));
            assertThat(ours.get("coordinates").get("ulx").isIntegralNumber()).isTrue();
            assertThat(ours.get("acquisition_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(ours.get("tile_source").asText()).matches("S2[AB]_MSIL1C_\\d{8}T\\d{6}_N020[56]_R\\d{3}_T\\w{5}_\\d{8}T\\d{6}\\.SAFE");
            assertThat(text).startsWith("{\"labels\": [\"");
            for (JsonNode label : ours.get("labels")) {
                assertThat(LandCoverTest.BIGEARTHNET_43).contains(label.asText());
            }
        }
        // the projection WKT is the real one, character for character, for every zone in the sample
        for (Path p : realJsons) {
            JsonNode r = MAPPER.readTree(p.toFile());
            String wkt = r.get("projection").asText();
            int epsg = Integer.parseInt(wkt.substring(wkt.lastIndexOf("\"326") + 1, wkt.lastIndexOf("\"326") + 6));
            assertThat(UtmZone.ofEpsg(epsg).wkt()).isEqualTo(wkt);
        }
    }

    @Test
    void specBeyondCapacityIsAClearError() {
        assertThatThrownBy(() -> new SyntheticArchiveSpec(1, SyntheticPatchGenerator.MAX_PATCHES + 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> new SyntheticArchiveSpec(1, -1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }

    private static List<Path> listFiles(Path base) throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Path> relative(Path base, List<Path> files) {
        return files.stream().map(base::relativize).toList();
    }
}
