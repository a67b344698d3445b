package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import org.deq.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoTiffReaderTest {

    private static final String S2_PATCH = "bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48/S2A_MSIL2A_20170613T101031_87_48_";

    @Test
    void readsUInt16BandWithGeoreferencingOfTheJson() throws Exception {
        Path file = TestData.require(S2_PATCH + "B02.tif");
        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.width()).isEqualTo(120);
        assertThat(r.height()).isEqualTo(120);
        assertThat(r.bandCount()).isEqualTo(1);
        assertThat(r.sampleType()).isEqualTo(SampleType.UINT16);
        // the patch JSON says ulx 404400, uly 5342400, EPSG:32633
        assertThat(r.geo().originX()).isEqualTo(404400);
        assertThat(r.geo().originY()).isEqualTo(5342400);
        assertThat(r.geo().pixelWidth()).isEqualTo(10);
        assertThat(r.geo().epsg()).isEqualTo(32633);
        // the packed decoding agrees with NGA's own per-pixel accessor
        Rasters nga = TiffReader.readTiff(file.toFile()).getFileDirectory().readRasters();
        for (int i = 0; i < 120 * 120; i += 37) {
            assertThat(r.bands()[0][i]).isEqualTo(nga.getPixelSample(0, i % 120, i / 120).floatValue());
        }
    }

    @Test
    void readsFloat32SentinelOneBand() throws Exception {
        Path file = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39_VV.tif");
        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.sampleType()).isEqualTo(SampleType.FLOAT32);
        double mean = 0;
        for (float v : r.bands()[0]) {
            mean += v;
        }
        mean /= r.bands()[0].length;
        // VV backscatter of land in dB
        assertThat(mean).isBetween(-30.0, 5.0);
    }

    @Test
    void readsDeflatePredictorReferenceMapAsCorineCodes() throws Exception {
        Path dir = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/Reference_Maps/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57");
        GeoRaster r = GeoTiffReader.read(dir.resolve("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57_reference_map.tif"));
        assertThat(r.width()).isEqualTo(120);
        assertThat(r.geo().epsg()).isEqualTo(32633);
        java.util.Set<Float> codes = new java.util.TreeSet<>();
        for (float v : r.bands()[0]) {
            codes.add(v);
        }
        // a wrong predictor or inflate would scatter values; the map holds a few 3-digit CORINE codes (111..523)
        assertThat(codes).hasSizeBetween(2, 10).allSatisfy(c -> assertThat(c).isBetween(111f, 523f));
        assertThat(codes).contains(211f);
    }

    @Test
    void truncatedFileSaysWhereItEnds(@TempDir Path tmp) throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.require(S2_PATCH + "B02.tif"));
        Path cut = tmp.resolve("cut_B02.tif");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3)); // 4 strips of 34 rows from byte 392 on
        assertThatThrownBy(() -> GeoTiffReader.read(cut))
                .isInstanceOf(BadInputException.class)
                .hasMessage(cut + ": truncated: the file ends at byte 9730, inside strip 1 (bytes 8552 to 16712)");
        Files.write(cut, Arrays.copyOf(bytes, 200));
        assertThatThrownBy(() -> GeoTiffReader.read(cut)).hasMessage(cut
                + ": truncated: the file ends at byte 200, before the values of tag 273 (bytes 210 to 226)");
    }

    @Test
    void anEmptyFileOrAnotherFormatIsNamedInWordsNeverByItsBytes(@TempDir Path tmp) throws Exception {
        Path empty = Files.write(tmp.resolve("empty_B02.tif"), new byte[0]);
        assertThatThrownBy(() -> GeoTiffReader.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessage(empty + ": empty file (0 bytes)");
        assertThatThrownBy(() -> GeoTiffReader.imageSize(empty)).hasMessage(empty + ": empty file (0 bytes)");
        // a picture renamed .tif: ImageIO writes real ones
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (String format : List.of("jpeg", "png", "gif")) {
            Path file = tmp.resolve(format + "_B03.tif");
            javax.imageio.ImageIO.write(picture, format, file.toFile());
            assertThatThrownBy(() -> GeoTiffReader.read(file)).isInstanceOf(BadInputException.class)
                    .hasMessage(file + ": a " + format.toUpperCase(java.util.Locale.ROOT) + " file, not a TIFF");
        }
        Path page = Files.writeString(tmp.resolve("page_B04.tif"), "<!DOCTYPE html>\n<html><body>404 Not Found</body></html>");
        assertThatThrownBy(() -> GeoTiffReader.read(page)).hasMessage(page + ": an HTML page, not a TIFF");
        Path pointer = Files.writeString(tmp.resolve("lfs_B05.tif"), "version https://git-lfs.github.com/spec/v1\noid sha256:"
                + "4d7a2146\nsize 29192\n");
        assertThatThrownBy(() -> GeoTiffReader.read(pointer)).hasMessage(pointer + ": a Git LFS pointer, not a TIFF");
        Path binary = Files.write(tmp.resolve("binary_B06.tif"), new byte[] {(byte) 0xC3, 0, 1, (byte) 0xFE, 0x1B, 7, 8, 9});
        assertThatThrownBy(() -> GeoTiffReader.read(binary)).hasMessage(binary + ": not a TIFF (no TIFF header)");
    }

    @Test
    void garbageWithTifNameNamesTheFile(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("junk.tif");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        assertThatThrownBy(() -> GeoTiffReader.read(junk))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(junk.toString());
        assertThatThrownBy(() -> GeoTiffReader.read(tmp.resolve("absent.tif")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("absent.tif");
    }

    @Test
    void floatRasterWithNoDataIsRefusedNamingTheBandUnlessAskedToKeepIt(@TempDir Path tmp) throws Exception {
        GeoRef geo = new GeoRef(404400, 5342400, 10, 10, 32633);
        float[] square = new float[120 * 120]; // a 30x30 NaN square, as GDAL writes no data
        float[] oneInfinite = new float[120 * 120];
        for (int i = 0; i < square.length; i++) {
            square[i] = i % 120 < 30 && i / 120 < 30 ? Float.NaN : 0.25f;
            oneInfinite[i] = i == 7000 ? Float.POSITIVE_INFINITY : 0.5f;
        }
        Path nan = tmp.resolve("nan_B08.tif");
        Files.write(nan, GeoTiffWriter.encodeFloat32(120, 120, new float[][] {square}, geo, GeoTiffWriter.Compression.NONE, null));
        assertThatThrownBy(() -> GeoTiffReader.read(nan)).isInstanceOf(BadInputException.class).hasMessage(nan
                + ": 900 of 14400 pixels of band 1 are NaN or infinite (no data); deq needs complete rasters");
        Path second = tmp.resolve("second.tif");
        Files.write(second, GeoTiffWriter.encodeFloat32(120, 120, new float[][] {new float[120 * 120], oneInfinite}, geo,
                GeoTiffWriter.Compression.DEFLATE, null));
        assertThatThrownBy(() -> GeoTiffReader.read(second)).hasMessageContaining(": 1 of 14400 pixels of band 2 are NaN or infinite");
        // deq's own biophysical maps mark pixels without an estimate NaN, and are read back as they are
        assertThat(GeoTiffReader.readWithNoData(nan).raster().bands()[0]).containsExactly(square);
        assertThat(GeoTiffReader.readWithNoData(second).raster().bands()[1]).containsExactly(oneInfinite);
    }

    @Test
    void aRasterOfTooManyValuesStatesTheLimit(@TempDir Path tmp) throws Exception {
        byte[] tiff = GeoTiffWriter.encodeUInt16(1, 1, new short[12][1], null, GeoTiffWriter.Compression.NONE, null);
        setTag(tiff, 256, 5000); // ImageWidth
        setTag(tiff, 257, 5000); // ImageLength: the header is all that is read before the refusal
        setTag(tiff, 278, 5000); // RowsPerStrip: the one strip the file lists holds the whole raster
        Path big = Files.write(tmp.resolve("mosaic.tif"), tiff);
        assertThatThrownBy(() -> GeoTiffReader.read(big)).isInstanceOf(BadInputException.class).hasMessage(big + ": 5000x5000 pixels"
                + " x 12 bands = 300 M values, more than the 268 M (2^28) deq reads at once; cut the image into tiles (gdal_translate -srcwin),"
                + " or index it as patches with deq index --tile SIZE");

        Path huge = tmp.resolve("huge.tif"); // a BigTIFF of 22 GB of tiles, sparse: no disk is written
        try {
            new TinyTiff(true, 60000, 60000, 3, 4096, false).writeHeader(huge);
        } catch (IOException e) {
            Assumptions.abort("the file system refuses a sparse file of 22 GB (" + e + ")");
        }
        assertThat(Files.size(huge)).isGreaterThan(20_000_000_000L);
        assertThatThrownBy(() -> GeoTiffReader.read(huge)).hasMessage(huge + ": 60000x60000 pixels x 3 bands = 10800 M values,"
                + " more than the 268 M (2^28) deq reads at once; cut the image into tiles (gdal_translate -srcwin),"
                + " or index it as patches with deq index --tile SIZE");
    }

    @Test
    void theHeaderAloneRefusesACompressionOnceForAWholeScene(@TempDir Path tmp) throws Exception {
        byte[] tiff = GeoTiffWriter.encodeUInt16(64, 64, new short[4][64 * 64], null, GeoTiffWriter.Compression.NONE, null);
        setTag(tiff, 259, 50000); // Compression: ZSTD
        Path zstd = Files.write(tmp.resolve("zstd.tif"), tiff);
        assertThatThrownBy(() -> GeoTiffReader.imageSize(zstd)).hasMessage(zstd
                + ": ZSTD compression, which deq cannot read; use DEFLATE or LZW (gdal_translate -co COMPRESS=DEFLATE)");
    }

    @ParameterizedTest
    @CsvSource({"50000,ZSTD compression", "7,JPEG compression", "34925,LZMA compression", "50001,WEBP compression",
            "34712,JPEG 2000 compression", "34887,LERC compression", "4,CCITT Group 4 fax compression",
            "12345,compression method 12345"})
    void anUnreadableCompressionIsNamedWithTheWayOut(int code, String name, @TempDir Path tmp) throws Exception {
        byte[] tiff = GeoTiffWriter.encodeUInt16(4, 4, new short[1][16], null, GeoTiffWriter.Compression.NONE, null);
        setTag(tiff, 259, code); // Compression: refused before any strip is decoded
        Path file = Files.write(tmp.resolve("packed.tif"), tiff);
        assertThatThrownBy(() -> GeoTiffReader.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": " + name + ", which deq cannot read; use DEFLATE or LZW (gdal_translate -co COMPRESS=DEFLATE)");
    }

    /** Sets a SHORT or LONG tag of the first directory of a little-endian classic TIFF, in place. */
    static void setTag(byte[] tiff, int tag, int value) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        for (int i = 0; i < (b.getShort(ifd) & 0xFFFF); i++) {
            int entry = ifd + 2 + 12 * i;
            if ((b.getShort(entry) & 0xFFFF) == tag) {
                if (b.getShort(entry + 2) == 3) { // SHORT
                    b.putShort(entry + 8, (short) value);
                } else {
                    b.putInt(entry + 8, value);
                }
                return;
            }
        }
        throw new IllegalArgumentException("no tag " + tag);
    }
}
