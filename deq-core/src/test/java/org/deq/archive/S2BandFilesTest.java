package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.deq.SpecialFiles;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.BandScale;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.S2Band;
import org.deq.raster.UtmZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times in Sentinel-2 names (BigEarthNet v1 and v2 products, SSL4EO-S12 folders; none where there is no valid one) and
 * the band named when the bands of a folder do not cover the same ground.
 */
class S2BandFilesTest {

    @Test
    void theTimeInASentinel2NameIsFoundOrNull() {
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20170613T101031_87_48")).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_75_43"))
                .isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(S2BandFiles.sensingTime("20200604T054639_20200604T054831_T43RCP")).isEqualTo(Instant.parse("2020-06-04T05:46:39Z"));
        assertThat(S2BandFiles.sensingTime("S1A_IW_GRDH_1SDV_20170613T165043_33UUP_89_36"))
                .isEqualTo(Instant.parse("2017-06-13T16:50:43Z"));
        // BigEarthNet v1 drops the leading zero of early hours: its metadata file holds the time instead
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20180510T94033_19_86")).isNull();
        assertThat(S2BandFiles.sensingTime("x_20231345T000000")).as("month 13").isNull();
        assertThat(S2BandFiles.sensingTime("my-patch")).isNull();
        assertThat(S2BandFiles.sensingTime("T43RCP_20200813T054639.tif")).as("a file name").isEqualTo(Instant.parse("2020-08-13T05:46:39Z"));
        assertThat(S2BandFiles.sensingTime("id20170613T101031")).as("not a name part of its own").isNull();
    }

    @Test
    void aBandNamedByAFifoIsRefusedAsOneNotAsAMissingBand(@TempDir Path tmp) throws Exception {
        Path date = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP");
        Path copy = Files.createDirectories(tmp.resolve("date"));
        Files.copy(date.resolve("B2.tif"), copy.resolve("B2.tif"));
        Path fifo = SpecialFiles.fifo(copy, "B3.tif");
        assertThatThrownBy(() -> S2BandFiles.read(copy, S2Band.B02, S2Band.B03)).isInstanceOf(BadInputException.class)
                .hasMessage(fifo + ": not a regular file but a FIFO (named pipe), which deq does not read");
    }

    @Test
    void processingBaseline04AndLaterLosesItsOffsetOfAThousand(@TempDir Path tmp) throws Exception {
        // ESA's BOA_ADD_OFFSET: from baseline 04.00 every band holds 10000 x reflectance + 1000, water read 0.1 too bright
        Path date = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP");
        float[] dn = GeoTiffReader.read(date.resolve("B2.tif")).bands()[0];
        float[] asShipped = S2BandFiles.read(date, S2Band.B02).get(S2Band.B02).bands()[0]; // baseline 02.14: DN / 10000
        assertThat(asShipped[5]).isEqualTo(dn[5] / S2Band.SCALE);
        String metadata = Files.readString(date.resolve(GranuleMetadata.FILE));
        for (String[] c : new String[][] {{"04.00", "COPERNICUS/S2_SR", "-1000"}, {"05.09", "COPERNICUS/S2_SR_HARMONIZED", "0"},
                {"02.14", "COPERNICUS/S2_SR", "0"}}) {
            Path copy = Files.createDirectories(tmp.resolve(c[0] + c[1].replace('/', '-')));
            Files.copy(date.resolve("B2.tif"), copy.resolve("B2.tif"));
            Files.writeString(copy.resolve(GranuleMetadata.FILE), metadata.replace("\"PROCESSING_BASELINE\": \"02.14\"",
                    "\"PROCESSING_BASELINE\": \"" + c[0] + "\"").replace("COPERNICUS/S2_SR/", c[1] + "/"));
            float[] read = S2BandFiles.read(copy, S2Band.B02).get(S2Band.B02).bands()[0];
            assertThat(read[5]).as(String.join(" ", c)).isEqualTo((dn[5] + Integer.parseInt(c[2])) / S2Band.SCALE);
        }
        // a product name says it too, and no data (0) stays 0
        assertThat(S2Reflectance.offset("S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU_20230604T134904", null)).isEqualTo(-1000);
        assertThat(S2Reflectance.offset("S2A_MSIL2A_20170613T101031_N0205_R022_T33UUP", null)).isZero();
        assertThat(S2Reflectance.offset("S2A_MSIL2A_20170613T101031_87_48", null)).isZero();
        assertThat(S2Reflectance.offset("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP", null)).as("reBEN's own processing").isZero();
        assertThat(S2Reflectance.offset("s2_N4512_E00734.tif", null)).as("grid coordinates, no product").isZero();
        // a file declaring Sentinel-2's scale states its offset itself (deq sharpen's output: 0), whatever its name
        String newer = "S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU_20230604T134904.tif";
        assertThat(S2Reflectance.fileOffset(newer, new BandScale(1e-4, 0))).isZero();
        assertThat(S2Reflectance.fileOffset("stack.tif", new BandScale(1e-4, -0.1))).isEqualTo(-1000);
        assertThat(S2Reflectance.fileOffset(newer, new BandScale(1, 0))).as("another scale: the name says").isEqualTo(-1000);
        assertThat(S2Reflectance.fileOffset(newer, null)).isEqualTo(-1000);
        float[] values = {0f, 1200f, 6000f};
        S2Reflectance.toReflectance(values, S2Reflectance.BASELINE_04_OFFSET);
        assertThat(values).containsExactly(0f, 200f / S2Band.SCALE, 5000f / S2Band.SCALE);
    }

    @Test
    void aRenamedBigEarthNetFolderIsToldItsFilesPrefix(@TempDir Path tmp) throws Exception {
        Path patch = BigEarthNetV1Test.copyFirstPatch(tmp);
        String name = patch.getFileName().toString();
        Path renamed = Files.move(patch, tmp.resolve("after date"));
        assertThatThrownBy(() -> S2BandFiles.read(renamed, S2Band.B02)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing Sentinel-2 band B02")
                .hasMessageEndingWith("; its band files are named " + name + "_B02.tif: a BigEarthNet folder is named as its"
                        + " files' prefix, so give it the name " + name + " again");
    }

    @Test
    void aShrunkFirstBandIsNamedNotTheGoodBandsAfterIt(@TempDir Path tmp) throws Exception {
        Path patch = BigEarthNetV1Test.copyFirstPatch(tmp);
        Path b02 = S2BandFiles.find(patch, S2Band.B02);
        GeoTiffWriter.writeUInt16(b02, 60, 60, new short[1][60 * 60], GeoTiffReader.read(b02).geo(),
                GeoTiffWriter.Compression.NONE, null);
        assertThatThrownBy(() -> S2BandFiles.read(patch, S2Band.values())).isInstanceOf(BadInputException.class).hasMessage(b02
                + ": B02 (10 m) is 60x60 (600x600 m), where 11 of the 12 bands cover 1200x1200 m: the bands do not cover the same ground");
    }

    @Test
    void aBandResampledToAnotherResolutionIsSaidToBe(@TempDir Path tmp) throws Exception {
        Path patch = BigEarthNetV1Test.copyFirstPatch(tmp);
        Path b04 = S2BandFiles.find(patch, S2Band.B04);
        org.deq.raster.GeoRef ten = GeoTiffReader.read(b04).geo();
        // the same 1200 m square in 20 m pixels, as gdal_translate -outsize 50% 50% leaves it
        GeoTiffWriter.writeUInt16(b04, 60, 60, new short[1][60 * 60], new org.deq.raster.GeoRef(ten.originX(), ten.originY(),
                20, 20, ten.epsg()), GeoTiffWriter.Compression.NONE, null);
        assertThatThrownBy(() -> S2BandFiles.read(patch, S2Band.values())).isInstanceOf(BadInputException.class).hasMessage(b04
                + ": B04 has pixels of 20.0 m where Sentinel-2's B04 has 10 m: give the band at its own resolution");
    }

    @Test
    void twoBandsThatDisagreeWithNoMajorityAreBothNamed(@TempDir Path tmp) throws Exception {
        UtmZone utm = new UtmZone(33, true);
        GeoTiffWriter.writeUInt16(tmp.resolve("B02.tif"), 8, 8, new short[1][64], utm, 400000, 5000000, 10, GeoTiffWriter.Compression.NONE);
        GeoTiffWriter.writeUInt16(tmp.resolve("B05.tif"), 3, 3, new short[1][9], utm, 400000, 5000000, 20, GeoTiffWriter.Compression.NONE);
        assertThatThrownBy(() -> S2BandFiles.read(tmp, S2Band.B02, S2Band.B05)).hasMessage(tmp.resolve("B05.tif")
                + ": B05 (20 m) is 3x3 (60x60 m), where B02 (10 m) is 8x8 (80x80 m) in " + tmp.resolve("B02.tif")
                + ": the bands do not cover the same ground");
    }

    @Test
    void aSentinel1FolderOrAGeoTiffFileIsNamedForWhatItIs() throws Exception {
        for (String s1 : new String[] {"bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39",
                "ssl4eo-s12-sample/s1/0000200/S1A_IW_GRDH_1SDV_20200607T010800_20200607T010825_032904_03CFBA_D457"}) {
            Path folder = org.deq.TestData.require(s1);
            assertThatThrownBy(() -> S2BandFiles.read(folder, S2Band.B02)).isInstanceOf(BadInputException.class)
                    .hasMessage(folder + ": a Sentinel-1 patch (VV and VH backscatter), not Sentinel-2; give a Sentinel-2 patch folder");
        }
        Path file = org.deq.TestData.require("eurosat-sample/EuroSAT_MS/AnnualCrop/AnnualCrop_1.tif");
        assertThatThrownBy(() -> S2BandFiles.read(file, S2Band.B02)).hasMessageStartingWith(file + ": not a folder; give a"
                + " Sentinel-2 patch folder of band files");
    }
}
