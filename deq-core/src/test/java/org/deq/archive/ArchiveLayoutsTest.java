package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Folders one level above or below an archive's root, as a user may give them: a BigEarthNet v2.0 download folder, a v2
 * tile folder, a single patch folder, a folder of archives; and a label file that names none of the archive's images.
 */
class ArchiveLayoutsTest {

    private static final String P75 = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_75_43";
    private static final String P89 = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_89_18";

    @Test
    void aBigEarthNetV2DownloadFolderIsRefusedNamingItsSentinel2AndSentinel1Archives() {
        Path v2 = TestData.require("bigearthnet-sample/BigEarthNet-v2.0");
        assertThatThrownBy(() -> Archives.open(v2)).isInstanceOf(BadInputException.class)
                .hasMessage(v2 + ": a BigEarthNet v2.0 folder holding 2 archives, not patches: give " + v2.resolve("BigEarthNet-S2")
                        + " (Sentinel-2) or " + v2.resolve("BigEarthNet-S1") + " (Sentinel-1) as the archive");
    }

    @Test
    void aFolderOfV1ArchivesIsRefusedNamingThem() {
        Path sample = TestData.require("bigearthnet-sample");
        assertThatThrownBy(() -> Archives.open(sample)).isInstanceOf(BadInputException.class)
                .hasMessage(sample + ": a folder of archives, not of patches: BigEarthNet-S1-v1.0 holds BigEarthNet v1.0 patch "
                        + "folders; give " + sample.resolve("BigEarthNet-S1-v1.0") + " or " + sample.resolve("BigEarthNet-S2-v1.0")
                        + " or " + sample.resolve("BigEarthNet-v2.0/BigEarthNet-S1") + " or " + sample.resolve("BigEarthNet-v2.0/BigEarthNet-S2")
                        + " or " + sample.resolve("BigEarthNet-v2.0/BigEarthNet-S2-prerelease-tiff") + " as the archive");
    }

    @Test
    void theDataFolderOfSeveralDatasetsNamesArchivesThatOpen() throws Exception {
        Path data = TestData.require("bigearthnet-sample").getParent();
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> Archives.open(data)).getMessage();
        assertThat(message).startsWith(data + ": a folder of archives, not of patches: ").contains(" more below " + data + ")");
        // every archive it names opens: none is itself a folder of archives, a download folder or reference maps
        String give = message.substring(message.indexOf("; give ") + 7, message.indexOf(" (or one of"));
        for (String archive : give.split(" or ")) {
            assertThat(Archives.open(Path.of(archive)).name()).contains(archive);
        }
        assertThat(give).contains("BigEarthNet-v2.0/BigEarthNet-S2").doesNotContain("Reference_Maps");
    }

    @Test
    void referenceMapsAreRefusedNamingTheSentinel2ArchiveBesideThem() {
        Path v2 = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/Reference_Maps").getParent();
        Path maps = v2.resolve("Reference_Maps");
        for (Path given : new Path[] {maps, maps.resolve("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP")}) {
            assertThatThrownBy(() -> Archives.open(given)).isInstanceOf(BadInputException.class)
                    .hasMessage(given + ": BigEarthNet v2.0 reference maps (a CORINE label raster per patch), not images: give "
                            + v2.resolve("BigEarthNet-S2") + " as the archive (its metadata.parquet labels the patches)");
        }
    }

    @Test
    void theSsl4eoRootIsRefusedNamingItsThreeArchives() {
        Path root = TestData.require("ssl4eo-s12-sample");
        assertThatThrownBy(() -> Archives.open(root)).isInstanceOf(BadInputException.class)
                .hasMessage(root + ": a folder of archives, not of patches: s1 holds patch folders two levels down; give "
                        + root.resolve("s1") + " or " + root.resolve("s2a") + " or " + root.resolve("s2c") + " as the archive");
    }

    @Test
    void theEuroSatRootIsRefusedNamingItsTwoArchives() {
        Path root = TestData.require("eurosat-sample");
        assertThatThrownBy(() -> Archives.open(root)).isInstanceOf(BadInputException.class)
                .hasMessage(root + ": a folder of archives, not of patches: EuroSAT_MS holds an archive of its own; give "
                        + root.resolve("EuroSAT_MS") + " or " + root.resolve("EuroSAT_RGB") + " as the archive");
    }

    @Test
    void aV2TileFolderIsAnArchiveOfItsPatchesAsTheWholeArchiveReadsThem() throws Exception {
        Path s2 = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2");
        Path tile = s2.resolve("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP");
        Archive archive = Archives.open(tile);
        assertThat(archive).isInstanceOf(BigEarthNetV2.class);
        assertThat(archive.name()).startsWith("BigEarthNet v2.0 tile folder " + tile);
        assertThat(ids(archive)).containsExactly(P75, P89);
        assertThat(archive.sizeHint()).isEqualTo(2);
        Patch fromTile = archive.iterator().next().read();
        Patch fromRoot = Archives.open(s2).iterator().next().read();
        assertThat(fromTile.meta()).isEqualTo(fromRoot.meta());
        assertThat(fromTile.band("B8A")).isEqualTo(fromRoot.band("B8A"));
        // the pre-release fixture is a folder of patch folders too, without a tile level
        Archive prerelease = Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2-prerelease-tiff"));
        assertThat(prerelease).isInstanceOf(BigEarthNetV2.class);
        assertThat(ids(prerelease)).containsExactly("S2A_MSIL2A_20180526T100031_N9999_R122_T34WFU_14_23");
        assertThat(prerelease.iterator().next().read().bandCount()).isEqualTo(12);
    }

    @Test
    void aSinglePatchFolderIsAnArchiveOfThatPatch() throws Exception {
        Path v1 = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        Archive one = Archives.open(v1);
        assertThat(one.name()).isEqualTo("BigEarthNet v1.0 patch folder " + v1);
        assertThat(ids(one)).containsExactly("S2A_MSIL2A_20170613T101031_87_48");
        assertThat(one.sizeHint()).isEqualTo(1);
        Patch p = one.iterator().next().read();
        Patch inArchive = BigEarthNetV1.readPatch(v1);
        assertThat(p.meta()).isEqualTo(inArchive.meta());
        assertThat(p.meta().labels()).isNotEmpty();
        assertThat(p.band("B02")).isEqualTo(inArchive.band("B02"));

        Path v2 = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP/" + P89);
        Archive v2one = Archives.open(v2);
        assertThat(v2one).isInstanceOf(BigEarthNetV2.class);
        assertThat(ids(v2one)).containsExactly(P89);
        assertThat(v2one.iterator().next().read().meta()).isEqualTo(Archives.readPatch(v2).meta());

        Path s1 = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_87_48");
        assertThat(one(Archives.open(s1)).bandNames()).containsExactly("VV", "VH");
    }

    @Test
    void aLabelFileNamingNoImageOfTheArchiveIsRefusedWithAnExampleOfEach() throws Exception {
        Path eurosat = TestData.require("eurosat-sample/EuroSAT_RGB");
        Path labels = TestData.require("uc-merced-landuse/multilabels/LandUse_Multilabeled.txt");
        Archive archive = Archives.open(eurosat);
        assertThatThrownBy(() -> Archives.withLabels(archive, labels)).isInstanceOf(BadInputException.class)
                .hasMessage(labels + ": no image name of image folder " + eurosat + " appears in this label file (the archive's 3 "
                        + "images are named like AnnualCrop_1, the file's like agricultural00)");
    }

    private static Patch one(Archive archive) throws BadInputException {
        List<PatchSource> all = new ArrayList<>();
        archive.forEach(all::add);
        assertThat(all).hasSize(1);
        return all.get(0).read();
    }

    private static List<String> ids(Archive archive) {
        List<String> ids = new ArrayList<>();
        archive.forEach(s -> ids.add(s.id()));
        return ids;
    }

    @Test
    void anIteratorAbandonedAfterItsFirstPatchHoldsNoDirectoryHandle() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux) to count open files");
        List<Archive> archives = List.of(Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2")),
                Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0")),
                Archives.open(TestData.require("ssl4eo-s12-sample/s2a")),
                Archives.open(TestData.require("eurosat-sample/EuroSAT_MS")),
                Archives.open(TestData.require("eurosat-sample/EuroSAT_RGB")));
        long before = openFiles(fds);
        for (int round = 0; round < 20; round++) {
            for (Archive archive : archives) {
                assertThat(archive.iterator().next().id()).isNotEmpty(); // a first look, as a pre-check takes it
            }
        }
        assertThat(openFiles(fds) - before).isLessThan(10); // leaking listings would hold 100
    }

    private static long openFiles(Path fds) throws IOException {
        try (Stream<Path> open = Files.list(fds)) {
            return open.count();
        }
    }
}
