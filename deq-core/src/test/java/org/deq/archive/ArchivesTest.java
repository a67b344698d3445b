package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

    @Test
    void recognisesEveryRealLayout() throws Exception {
        assertThat(Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0"))).isInstanceOf(BigEarthNetV1.class);
        assertThat(Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0"))).isInstanceOf(BigEarthNetV1.class);
        assertThat(Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2"))).isInstanceOf(BigEarthNetV2.class);
        assertThat(Archives.open(TestData.require("eurosat-sample/EuroSAT_MS"))).isInstanceOf(GeoTiffFolder.class);
        assertThat(Archives.open(TestData.require("eurosat-sample/EuroSAT_RGB"))).isInstanceOf(ImageFolder.class);
        assertThat(Archives.open(TestData.require("uc-merced-landuse/Images"))).isInstanceOf(ImageFolder.class);
        // RGB 8-bit TIFFs are pictures, not multispectral data
        assertThat(Archives.open(TestData.require("uc-merced-landuse/originals-tif"))).isInstanceOf(ImageFolder.class);
    }

    @Test
    void theGridOfAPatchIsItsTenMetreBandsOrItsFiles() throws Exception {
        Path s2 = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170617T113321_4_55");
        org.deq.raster.GeoRef ten = org.deq.raster.GeoTiffReader.read(s2.resolve(s2.getFileName() + "_B02.tif")).geo();
        assertThat(Archives.gridOf(s2)).isNotNull().isEqualTo(ten);
        Patch patch = Archives.readPatch(s2);
        assertThat(Archives.gridOf(s2).footprint(patch.width(), patch.height())).isEqualTo(patch.meta().footprint());
        Path s1 = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39");
        assertThat(Archives.gridOf(s1)).isEqualTo(org.deq.raster.GeoTiffReader.read(s1.resolve(s1.getFileName() + "_VV.tif")).geo());
        Path ssl4eo = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP");
        assertThat(Archives.gridOf(ssl4eo)).isEqualTo(org.deq.raster.GeoTiffReader.read(ssl4eo.resolve("B2.tif")).geo());
        assertThat(Archives.gridOf(TestData.require("uc-merced-landuse/Images/forest/forest00.jpg"))).isNull();
    }

    @Test
    void everyRealLayoutKnowsItsSizeBeforeReadingAPatch() throws Exception {
        for (String layout : new String[] {"bigearthnet-sample/BigEarthNet-S2-v1.0", "bigearthnet-sample/BigEarthNet-S1-v1.0",
                "bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2", "eurosat-sample/EuroSAT_MS", "eurosat-sample/EuroSAT_RGB",
                "uc-merced-landuse/Images"}) {
            Archive archive = Archives.open(TestData.require(layout));
            long listed = 0;
            for (PatchSource ignored : archive) {
                listed++;
            }
            // the progress bars show a percentage and an estimate only with this count
            assertThat(archive.sizeHint()).as(layout).isEqualTo(listed).isPositive();
        }
    }

    @Test
    void ucMercedIdsAreUniqueAndMultiLabelsReplaceTheClass() throws Exception {
        Path images = TestData.require("uc-merced-landuse/Images");
        Archive plain = Archives.open(images);
        Set<String> ids = new HashSet<>();
        for (PatchSource src : plain) {
            assertThat(ids.add(src.id())).as(src.id()).isTrue();
        }
        assertThat(ids).hasSize(2100).contains("airplane/airplane07", "agricultural/agricultural00");
        Iterator<PatchSource> it = plain.iterator();
        Patch first = it.next().read();
        assertThat(first.meta().id()).isEqualTo("agricultural/agricultural00");
        assertThat(first.meta().labels()).containsExactly("agricultural");
        Archive relabelled = Archives.withLabels(plain, TestData.require("uc-merced-landuse/multilabels/LandUse_Multilabeled.txt"));
        Patch again = relabelled.iterator().next().read();
        assertThat(again.meta().id()).isEqualTo("agricultural/agricultural00");
        assertThat(again.meta().labels()).containsExactly("field", "trees");
        assertThat(again.bands()[0]).isEqualTo(first.bands()[0]);
    }

    @Test
    void labelRowsNamingNoImageOfTheArchiveAreNoted(@TempDir Path tmp) throws Exception {
        Path labels = TestData.require("uc-merced-landuse/multilabels/LandUse_Multilabeled.txt");
        Archive two = Archives.withLabels(Archives.open(TestData.ucMercedScenes(tmp, 2, "forest")), labels);
        assertThat(BigEarthNetV2Test.listedNotes(two)).containsExactly("2098 rows of " + labels + " name no image of the"
                + " archive, so their labels are not used: agricultural00, agricultural01, agricultural02, ...");
        assertThat(BigEarthNetV2Test.listedNotes(Archives.withLabels(Archives.open(TestData.require("uc-merced-landuse/Images")),
                labels))).isEmpty();
    }

    @Test
    void picturesInTheFolderItselfAreUnlabelledBesideClassFolders(@TempDir Path tmp) throws Exception {
        Path jpeg = TestData.require("uc-merced-landuse/Images/forest/forest00.jpg");
        Path root = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(jpeg, root.resolve("b-loose.jpg"));
        Files.copy(jpeg, root.resolve("a-loose.jpg"));
        Files.copy(jpeg, Files.createDirectories(root.resolve("forest")).resolve("forest00.jpg"));
        Archive archive = Archives.open(root);
        assertThat(archive).isInstanceOf(ImageFolder.class);
        assertThat(archive.sizeHint()).isEqualTo(3);
        List<PatchSource> sources = new ArrayList<>();
        archive.forEach(sources::add);
        assertThat(sources).extracting(PatchSource::id).containsExactly("a-loose", "b-loose", "forest/forest00");
        assertThat(sources.get(0).read().meta().labels()).isEmpty();
        assertThat(sources.get(2).read().meta().labels()).containsExactly("forest");
        assertThat(archive.labelled()).isTrue();
        // pictures only in the root: no labels, which a supervised --hash is refused for before the ingest
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.copy(jpeg, flat.resolve("forest00.jpg"));
        assertThat(Archives.open(flat).labelled()).isFalse();
        assertThat(Archives.withLabels(Archives.open(flat), TestData.require(
                "uc-merced-landuse/multilabels/LandUse_Multilabeled.txt")).labelled()).isTrue();
    }

    @Test
    void aFolderMixingPicturesAndMultispectralGeoTiffsReportsTheOtherKindAsBad(@TempDir Path tmp) throws Exception {
        Path tiff = TestData.require("eurosat-sample/EuroSAT_MS/Pasture/Pasture_300.tif");
        Path jpeg = TestData.require("uc-merced-landuse/Images/forest/forest00.jpg");
        // the first file decides the layout; a file of the other kind is a bad patch, never left out or misread
        Path tiffFirst = tmp.resolve("tiff-first");
        Files.copy(tiff, Files.createDirectories(tiffFirst.resolve("aa")).resolve("Pasture_300.tif"));
        Files.copy(jpeg, Files.createDirectories(tiffFirst.resolve("bb")).resolve("forest00.jpg"));
        Archive geoTiffs = Archives.open(tiffFirst);
        assertThat(geoTiffs).isInstanceOf(GeoTiffFolder.class);
        assertThat(geoTiffs.sizeHint()).isEqualTo(2);
        List<PatchSource> sources = new ArrayList<>();
        geoTiffs.forEach(sources::add);
        assertThat(sources).extracting(PatchSource::id).containsExactly("aa/Pasture_300", "bb/forest00");
        Patch eurosat = sources.get(0).read();
        assertThat(eurosat.bandCount()).isEqualTo(13);
        assertThat(eurosat.meta().flags()).containsExactly(S2BandFiles.LEVEL_1C); // B10 (cirrus) is in Level-1C only
        assertThatThrownBy(() -> sources.get(1).read()).isInstanceOf(BadInputException.class).hasMessage(
                tiffFirst.resolve("bb/forest00.jpg") + ": a picture among multispectral GeoTIFFs: index pictures as an archive of their own");

        Path jpegFirst = tmp.resolve("jpeg-first");
        Files.copy(jpeg, Files.createDirectories(jpegFirst.resolve("aa")).resolve("forest00.jpg"));
        Files.copy(tiff, Files.createDirectories(jpegFirst.resolve("bb")).resolve("Pasture_300.tif"));
        Archive pictures = Archives.open(jpegFirst);
        assertThat(pictures).isInstanceOf(ImageFolder.class);
        List<PatchSource> both = new ArrayList<>();
        pictures.forEach(both::add);
        assertThat(both.get(0).read().bandNames()).containsExactly("R", "G", "B");
        assertThatThrownBy(() -> both.get(1).read()).isInstanceOf(BadInputException.class).hasMessage(jpegFirst.resolve(
                "bb/Pasture_300.tif") + ": a multispectral GeoTIFF (13 bands of uint16), not an RGB picture: index it as an archive of its own");
    }

    @Test
    void emptyFolderAndUnknownLayoutAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> Archives.open(empty)).isInstanceOf(BadInputException.class)
                .hasMessage(empty + ": empty folder: no patches to read");
        Path notes = Files.createDirectory(tmp.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "hello");
        assertThatThrownBy(() -> Archives.open(notes)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(notes + ": unknown archive layout");
        assertThatThrownBy(() -> Archives.open(tmp.resolve("absent"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such folder");
    }
}
