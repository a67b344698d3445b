package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoTiffWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"1,NONE", "1,DEFLATE", "3,NONE", "13,DEFLATE"})
    void valuesAndGeoreferencingSurviveARoundTripThroughNga(int bandCount, GeoTiffWriter.Compression compression)
            throws Exception {
        int w = 60;
        int h = 45;
        SplittableRandom random = new SplittableRandom(7);
        short[][] bands = new short[bandCount][w * h];
        for (short[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = (short) random.nextInt(65536); // covers values above 32767
            }
        }
        Path file = dir.resolve("b.tif");
        UtmZone zone = new UtmZone(33, true);
        GeoTiffWriter.writeUInt16(file, w, h, bands, zone, 404400, 5342400, 20, compression);

        FileDirectory fd = TiffReader.readTiff(file.toFile()).getFileDirectory();
        assertThat(fd.getImageWidth().intValue()).isEqualTo(w);
        assertThat(fd.getImageHeight().intValue()).isEqualTo(h);
        assertThat(fd.getSamplesPerPixel()).isEqualTo(bandCount);
        Rasters r = fd.readRasters();
        for (int b = 0; b < bandCount; b++) {
            for (int y = 0; y < h; y += 7) {
                for (int x = 0; x < w; x += 5) {
                    assertThat(r.getPixelSample(b, x, y).intValue()).isEqualTo(bands[b][y * w + x] & 0xFFFF);
                }
            }
        }
        assertThat(fd.getModelPixelScale()).containsExactly(20.0, 20.0, 0.0);
        assertThat(fd.getModelTiepoint()).containsExactly(0.0, 0.0, 0.0, 404400.0, 5342400.0, 0.0);
        @SuppressWarnings("unchecked")
        List<Integer> keys = (List<Integer>) fd.get(FieldTagType.GeoKeyDirectory).getValues();
        assertThat(keys).hasSize(4 + 4 * 7);
        assertThat(keyValue(keys, 1024)).isEqualTo(1); // projected
        assertThat(keyValue(keys, 3072)).isEqualTo(32633);
        assertThat(keyValue(keys, 3076)).isEqualTo(9001);
    }

    @Test
    void aLongitudeLatitudeGridIsWrittenAsGeographicAndReadBack() throws Exception {
        Path file = dir.resolve("geo.tif");
        GeoRef geo = new GeoRef(73.2925443, 30.4755733, 0.000101411, 0.000087972, GeoRef.WGS84);
        GeoTiffWriter.writeUInt16(file, 8, 6, new short[][] {new short[48], new short[48]}, geo, GeoTiffWriter.Compression.DEFLATE,
                List.of("red <R>", "Forêt"));
        FileDirectory fd = TiffReader.readTiff(file.toFile()).getFileDirectory();
        assertThat(fd.get(FieldTagType.GDAL_METADATA).getValues().toString()).contains(
                "<Item name=\"DESCRIPTION\" sample=\"0\" role=\"description\">red &lt;R&gt;</Item>", "sample=\"1\"", "For&#234;t");
        @SuppressWarnings("unchecked")
        List<Integer> keys = (List<Integer>) fd.get(FieldTagType.GeoKeyDirectory).getValues();
        assertThat(keyValue(keys, 1024)).isEqualTo(2); // geographic
        assertThat(keyValue(keys, 2048)).isEqualTo(4326);
        GeoRaster back = GeoTiffReader.read(file);
        assertThat(back.geo()).isEqualTo(geo);
        assertThat(back.bandCount()).isEqualTo(2);
        assertThat(back.descriptions()).as("GDAL's band names, read back").containsExactly("red <R>", "Forêt");
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4]}, new GeoRef(0, 0, 1, 1, 2154),
                GeoTiffWriter.Compression.NONE, null)).hasMessageContaining("EPSG:2154");
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(8, 6, new short[][] {new short[48]}, geo,
                GeoTiffWriter.Compression.NONE, List.of("a", "b"))).hasMessageContaining("1 bands but 2 band names");
    }

    @Test
    void gridsInEtrs89LambertEuropeAndWebMercatorAreWrittenByTheirEpsgCodesAndReadBackPlaced() throws Exception {
        for (GeoRef geo : List.of(new GeoRef(3962199.45, 3000318.85, 10, 10, 3035), new GeoRef(691000, 5335000, 10, 10, 25832),
                new GeoRef(1113194.91, 6446275.84, 10, 10, 3857), new GeoRef(10, 51, 0.001, 0.001, 4258))) {
            Path file = dir.resolve("grid-" + geo.epsg() + ".tif");
            Files.write(file, GeoTiffWriter.encodeUInt16(8, 6, new short[][] {new short[48]}, geo, GeoTiffWriter.Compression.NONE, null));
            @SuppressWarnings("unchecked")
            List<Integer> keys = (List<Integer>) TiffReader.readTiff(file.toFile()).getFileDirectory()
                    .get(FieldTagType.GeoKeyDirectory).getValues();
            assertThat(keyValue(keys, geo.epsg() == 4258 ? 2048 : 3072)).as("EPSG:" + geo.epsg()).isEqualTo(geo.epsg());
            GeoRaster back = GeoTiffReader.read(file);
            assertThat(back.geo()).isEqualTo(geo);
            assertThat(back.geo().footprint(8, 6)).isEqualTo(geo.footprint(8, 6)).isNotNull();
        }
    }

    @Test
    void aBandScaleAndOffsetAreWrittenAsGdalDoesAndReadBackOnlyWhenEveryBandDeclaresThem() throws Exception {
        Path file = dir.resolve("scaled.tif");
        GeoRef geo = new GeoRef(404400, 5342400, 10, 10, 32633);
        java.nio.file.Files.write(file, GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4], new short[4]}, geo,
                GeoTiffWriter.Compression.NONE, List.of("B02", "B03"), "0", new BandScale(1e-4, 0)));
        assertThat(GeoTiffReader.read(file).scale()).isEqualTo(new BandScale(1e-4, 0));
        assertThat(GeoTiffReader.scene(file).window(0, 0, 1, 1).scale()).as("a scene's window").isEqualTo(new BandScale(1e-4, 0));
        assertThat(GeoTiffReader.scene(file).noData()).isEqualTo(0f);
        // as gdal_translate -a_scale 0.0001 -a_offset -0.1 writes them; the offset defaults to 0
        String gdal = "<GDALMetadata>\n  <Item name=\"OFFSET\" sample=\"0\" role=\"offset\">-0.1</Item>\n  <Item name=\"SCALE\""
                + " sample=\"0\" role=\"scale\">0.000100000000000000005</Item>\n</GDALMetadata>";
        assertThat(new GeoTiffTags(null, gdal, null, false).scale(1)).isEqualTo(new BandScale(1e-4, -0.1));
        assertThat(new GeoTiffTags(null, gdal.replaceAll("<Item name=\"OFFSET\"[^\n]*", ""), null, false).scale(1))
                .isEqualTo(new BandScale(1e-4, 0));
        assertThat(new GeoTiffTags(null, gdal, null, false).scale(2)).as("the second band declares none").isNull();
        assertThat(new GeoTiffTags(null, gdal.replace("-0.1", "x"), null, false).scale(1)).isNull();
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4]}, geo, GeoTiffWriter.Compression.NONE,
                null, null, new BandScale(1, 0))).hasMessageContaining("band scale");
    }

    @Test
    void unitsAreWrittenAsGdalsUnitTypesOnePerBand() throws Exception {
        byte[] tiff = GeoTiffWriter.encodeFloat32(2, 2, new float[2][4], null, GeoTiffWriter.Compression.NONE,
                List.of("LAI (m2/m2)", "FAPAR (fraction)"), List.of("m2/m2", "fraction"));
        String text = new String(tiff, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).contains("<Item name=\"UNITTYPE\" sample=\"0\" role=\"unittype\">m2/m2</Item>",
                "<Item name=\"UNITTYPE\" sample=\"1\" role=\"unittype\">fraction</Item>");
        Path file = dir.resolve("units.tif");
        java.nio.file.Files.write(file, tiff);
        assertThat(GeoTiffReader.read(file).bandCount()).isEqualTo(2);
        assertThatThrownBy(() -> GeoTiffWriter.encodeFloat32(2, 2, new float[2][4], null, GeoTiffWriter.Compression.NONE,
                null, List.of("m", "m"))).hasMessageContaining("with the bands' names");
    }

    @Test
    void aScaleForOneBandIsDeclaredForItAloneAndReadAsNoneForTheFile() throws Exception {
        Path file = dir.resolve("change.tif");
        byte[] tiff = GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4], new short[4]}, null,
                GeoTiffWriter.Compression.NONE, List.of("changed", "magnitude"), "65535",
                java.util.Arrays.asList(null, new BandScale(1e-4, 0)), null);
        java.nio.file.Files.write(file, tiff);
        String text = new String(tiff, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).contains("<Item name=\"SCALE\" sample=\"1\" role=\"scale\">1.0E-4</Item>")
                .doesNotContain("sample=\"0\" role=\"scale\"");
        assertThat(GeoTiffReader.read(file).scale()).as("not every band alike: no scale for the file").isNull();
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4]}, null,
                GeoTiffWriter.Compression.NONE, List.of("b"), null, List.of(), null)).hasMessageContaining("1 bands but 0 band scales");
    }

    @Test
    void aProcessingLevelIsWrittenAsAFileItemAndReadBack() throws Exception {
        Path file = dir.resolve("level.tif");
        java.nio.file.Files.write(file, GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4]}, null,
                GeoTiffWriter.Compression.NONE, List.of("B02"), "0", null, GeoRaster.LEVEL_1C));
        assertThat(GeoTiffReader.read(file).processingLevel()).isEqualTo("Level-1C");
        assertThat(GeoTiffReader.read(file).declaredLevel1C()).isTrue();
        assertThat(GeoTiffReader.scene(file).window(0, 0, 1, 1).processingLevel()).as("a scene's window").isEqualTo("Level-1C");
        assertThat(GeoTiffReader.declaredProcessingLevel(file)).isEqualTo("Level-1C");
        // as gdal_translate copies a Sentinel-2 product's metadata; an item of one band is not the file's level
        String gdal = "<GDALMetadata>\n  <Item name=\"PROCESSING_LEVEL\">Level-2A</Item>\n</GDALMetadata>";
        assertThat(new GeoTiffTags(null, gdal, null, false).processingLevel()).isEqualTo("Level-2A");
        assertThat(new GeoTiffTags(null, gdal.replace("\">", "\" sample=\"0\">"), null, false).processingLevel()).isNull();
        assertThat(new GeoTiffTags(null, null, null, false).processingLevel()).isNull();
        java.nio.file.Files.write(file, GeoTiffWriter.encodeUInt16(2, 2, new short[][] {new short[4]}, null,
                GeoTiffWriter.Compression.NONE, List.of("B02")));
        assertThat(GeoTiffReader.read(file).processingLevel()).isNull();
    }

    @Test
    void float32BandsKeepTheirValuesAndDeclareNaNAsNoData() throws Exception {
        Path file = dir.resolve("float.tif");
        GeoRef geo = new GeoRef(404400, 5342400, 20, 20, 32633);
        float[] values = {0.5f, Float.NaN, -2.25f, 1e6f};
        java.nio.file.Files.write(file, GeoTiffWriter.encodeFloat32(2, 2, new float[][] {values}, geo,
                GeoTiffWriter.Compression.DEFLATE, List.of("LAI")));
        FileDirectory fd = TiffReader.readTiff(file.toFile()).getFileDirectory();
        assertThat(fd.get(FieldTagType.GDAL_NODATA).getValues().toString()).contains("nan");
        GeoRaster back = GeoTiffReader.readWithNoData(file).raster();
        assertThat(back.geo()).isEqualTo(geo);
        assertThat(back.bands()[0]).containsExactly(values);
    }

    @Test
    void singleBandFileHasTheTagsOfARealBigEarthNetBandFile() throws Exception {
        Path file = dir.resolve("one.tif");
        GeoTiffWriter.writeUInt16(file, 120, 120, new short[1][120 * 120], new UtmZone(29, true), 0, 0, 10,
                GeoTiffWriter.Compression.NONE);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("II");
        FileDirectory fd = TiffReader.readTiff(file.toFile()).getFileDirectory();
        assertThat(fd.getRowsPerStrip().intValue()).isEqualTo(34); // as BigEarthNet's GDAL-written files
        assertThat(fd.getStringEntryValue(FieldTagType.GeoAsciiParams)).startsWith("WGS 84 / UTM zone 29N|WGS 84|");
    }

    @Test
    void rejectsBandOfWrongLength() {
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(4, 4, new short[][] {new short[15]}, new UtmZone(33, true),
                0, 0, 10, GeoTiffWriter.Compression.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15 values, expected 16");
    }

    @Test
    void aGeoTiffOverTheLimitIsRefusedBeforeItsIntSizesOverflow() {
        // 40000 x 30000 x 2 bytes overflows an int; the bands need not exist: the size is checked first
        assertThatThrownBy(() -> GeoTiffWriter.encodeUInt16(40_000, 30_000, new short[1][0], null,
                GeoTiffWriter.Compression.DEFLATE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a GeoTIFF of 40000x30000 pixels and 1 band of 2 bytes holds 2.40 GB; deq writes at most 2.13 GB"
                        + " (one classic TIFF built in memory)");
        assertThatThrownBy(() -> GeoTiffWriter.encodeFloat32(20_000, 20_000, new float[2][0], null,
                GeoTiffWriter.Compression.DEFLATE, null)).hasMessageContaining("holds 3.20 GB");
        GeoTiffWriter.checkSize(20_000, 20_000, 2, Short.BYTES); // 1.6 GB fits
    }

    private static int keyValue(List<Integer> keys, int keyId) {
        for (int i = 4; i < keys.size(); i += 4) {
            if (keys.get(i) == keyId) {
                return keys.get(i + 3);
            }
        }
        throw new AssertionError("GeoKey " + keyId + " absent");
    }
}
