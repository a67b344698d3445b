package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deq.TestData;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSL4EO-S12 date folders (per-band GeoTIFFs at 10/20/60 m) read as patches, and their location and modality folders as archives. */
class Ssl4eoS12Test {

    private static final String JUNE = "20200604T054639_20200604T054831_T43RCP";
    private static final String AUGUST = "20200813T054639_20200813T054952_T43RCP";

    @Test
    void bandFilesWithAnExtensionInAnotherCaseAreFound(@TempDir Path tmp) throws Exception {
        Path date = TestData.require("ssl4eo-s12-sample/s2a/0000200/" + JUNE);
        Path upper = Files.createDirectories(tmp.resolve("s2a/0000200/" + JUNE));
        try (var files = Files.list(date)) {
            for (Path f : files.toList()) { // B4.TIF, B8A.Tif ... as GeoTIFF folders take .TIF
                String name = f.getFileName().toString();
                Files.copy(f, upper.resolve(name.replace(".tif", name.length() % 2 == 0 ? ".TIF" : ".Tif")));
            }
        }
        Patch original = Archives.readPatch(date);
        Patch read = Archives.readPatch(upper);
        assertThat(read.bandNames()).isEqualTo(original.bandNames());
        assertThat(read.bands()).isDeepEqualTo(original.bands());
        assertThat(Archives.open(upper.getParent()).iterator().next().read().bands()).isDeepEqualTo(original.bands());
    }

    @Test
    void aDateFolderReadsAsAPatchOnIts10mGridWithBigEarthNetsBands() throws Exception {
        Path date = TestData.require("ssl4eo-s12-sample/s2a/0000200/" + JUNE);
        Patch p = Archives.readPatch(date);
        assertThat(p.meta().id()).isEqualTo("s2a/0000200/" + JUNE);
        assertThat(p.width()).isEqualTo(264);
        assertThat(p.height()).isEqualTo(264);
        // the band names and scale of a BigEarthNet patch, so a query by it compares like with like
        Patch bigEarthNet = Archives.readPatch(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48"));
        assertThat(p.bandNames()).isEqualTo(bigEarthNet.bandNames());
        // a 20 m band keeps its mean (bilinear onto the 10 m grid); raw values are reflectance x 10000
        float[] raw = GeoTiffReader.read(date.resolve("B5.tif")).bands()[0];
        assertThat(BigEarthNetV1Test.mean(p.band("B05"))).isCloseTo(BigEarthNetV1Test.mean(raw) / S2Band.SCALE,
                org.assertj.core.data.Offset.offset(0.003));
        float[] b04 = GeoTiffReader.read(date.resolve("B4.tif")).bands()[0];
        float[] scaled = new float[b04.length];
        for (int i = 0; i < b04.length; i++) {
            scaled[i] = b04[i] / S2Band.SCALE;
        }
        assertThat(p.band("B04")).as("10 m bands as they are").isEqualTo(scaled);
        // metadata.json's system:time_start, 14 minutes after the datatake start in the name
        assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2020-06-04T06:00:41.044Z"));
        // tile T43RCP: Punjab, 2.64 km across
        assertThat(p.meta().footprint().centerLat()).isBetween(29.0, 31.0);
        assertThat(p.meta().footprint().centerLon()).isBetween(72.0, 75.0);
        assertThat(p.meta().footprint().maxLat() - p.meta().footprint().minLat()).isBetween(0.02, 0.03);
        assertThat(p.meta().labels()).isEmpty();
        assertThat(p.meta().flags()).isEmpty();
    }

    @Test
    void theModalityALocationOrADateFolderIsAnArchiveOfDatesWithTheSameIds() throws Exception {
        Path s2a = TestData.require("ssl4eo-s12-sample/s2a");
        List<String> both = List.of("s2a/0000200/" + JUNE, "s2a/0000200/" + AUGUST);
        for (Path root : new Path[] {s2a, s2a.resolve("0000200")}) {
            Archive archive = Archives.open(root);
            assertThat(archive).as(root.toString()).isInstanceOf(Ssl4eoS12.class);
            assertThat(ids(archive)).as(root.toString()).isEqualTo(both);
            assertThat(archive.sizeHint()).isEqualTo(2);
        }
        Archive one = Archives.open(s2a.resolve("0000200").resolve(AUGUST));
        assertThat(ids(one)).containsExactly("s2a/0000200/" + AUGUST);
        Patch august = one.iterator().next().read();
        assertThat(august.band("B12")).isEqualTo(Archives.readPatch(s2a.resolve("0000200").resolve(AUGUST)).band("B12"));
        assertThat(Arrays.stream(august.bands()).allMatch(b -> b.length == 264 * 264)).isTrue();
    }

    @Test
    void level1CDatesReadTheTwelveBandsWithoutB10() throws Exception {
        Path s2c = TestData.require("ssl4eo-s12-sample/s2c/0000200");
        Archive archive = Archives.open(s2c);
        for (PatchSource s : archive) {
            Patch p = s.read();
            assertThat(p.bandCount()).isEqualTo(12);
            assertThat(p.hasBand("B10")).isFalse();
            // top-of-atmosphere dates are flagged: change pairs join dates of one level, exclude-flags=level-1c drops them
            assertThat(p.meta().flags()).containsExactly(S2BandFiles.LEVEL_1C);
        }
    }

    @Test
    void sentinel1DateFoldersReadAsVvAndVhInDbAndTheS1FolderIsAnArchive() throws Exception {
        Path s1 = TestData.require("ssl4eo-s12-sample/s1");
        String june = "S1A_IW_GRDH_1SDV_20200607T010800_20200607T010825_032904_03CFBA_D457";
        String september = "S1A_IW_GRDH_1SDV_20200903T131212_20200903T131237_034195_03F8F5_AC1C";
        Archive archive = Archives.open(s1);
        assertThat(archive).isInstanceOf(Ssl4eoS12.class);
        assertThat(archive.name()).isEqualTo("SSL4EO-S12 Sentinel-1 at " + s1);
        assertThat(ids(archive)).containsExactly("s1/0000200/" + june, "s1/0000200/" + september);
        assertThat(archive.labelled()).isFalse();
        Path date = s1.resolve("0000200").resolve(june);
        Patch p = Archives.readPatch(date);
        assertThat(p.bandNames()).containsExactly("VV", "VH");
        assertThat(p.width()).isEqualTo(264);
        assertThat(p.band("VV")).isEqualTo(GeoTiffReader.read(date.resolve("VV.tif")).bands()[0]);
        assertThat(BigEarthNetV1Test.mean(p.band("VH"))).as("dB, VH the weaker").isBetween(-25.0, BigEarthNetV1Test.mean(p.band("VV")));
        // metadata.json's system:time_start
        assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2020-06-07T01:08:00Z"));
        assertThat(p.meta().footprint().centerLat()).isBetween(29.0, 31.0);
        assertThat(Archives.open(date).name()).startsWith("SSL4EO-S12 Sentinel-1 date folder");
    }

    private static List<String> ids(Archive archive) {
        List<String> ids = new ArrayList<>();
        archive.forEach(s -> ids.add(s.id()));
        return ids;
    }
}
