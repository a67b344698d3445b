package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoTiffSceneTest {

    @TempDir
    Path tmp;

    @Test
    void aSceneRewrittenSinceItsLayoutWasReadIsRefusedNotMisread() throws Exception {
        Path file = tmp.resolve("scene.tif");
        float[][] before = {new float[64 * 300]};
        Files.write(file, GeoTiffWriter.encodeFloat32(64, 300, before, null, GeoTiffWriter.Compression.DEFLATE, null));
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.window(0, 0, 16, 16).bands()[0][0]).isZero();
        // another picture in its place, as a re-run of a processing chain leaves it: other blocks at other offsets
        float[][] after = {new float[64 * 300]};
        java.util.Arrays.fill(after[0], 7f);
        Files.write(file, GeoTiffWriter.encodeFloat32(64, 300, after, null, GeoTiffWriter.Compression.NONE, null));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 5_000));
        // the row band kept from before still holds the old picture, consistently; a band not decoded yet is refused
        assertThat(scene.window(0, 0, 16, 16).bands()[0][0]).isZero();
        assertThatThrownBy(() -> scene.window(0, 200, 16, 16)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": changed on disk since deq read its layout").hasMessageEndingWith("read it again");
        assertThatThrownBy(() -> scene.windowAlone(0, 0, 16, 16)).hasMessageStartingWith(file + ": changed on disk");
        assertThat(GeoTiffReader.scene(file).window(0, 200, 16, 16).bands()[0][0]).isEqualTo(7f);
    }

    @Test
    void windowsAcrossRowBandsAndFromSeveralThreadsHoldTheWholeReadingsPixels() throws Exception {
        int w = 173;
        int h = 301; // a row a strip: decoded in bands of 128 rows, which windows straddle
        Random random = new Random(3);
        float[][] bands = new float[3][w * h];
        for (float[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = random.nextFloat();
            }
        }
        GeoRef grid = new GeoRef(10.0, 50.0, 0.001, 0.001, GeoRef.WGS84);
        Path file = tmp.resolve("scene.tif");
        Files.write(file, GeoTiffWriter.encodeFloat32(w, h, bands, grid, GeoTiffWriter.Compression.DEFLATE, null));
        assertThat(GeoTiffReader.imageSize(file)).isEqualTo(new GeoTiffReader.ImageSize(w, h, 3));
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.width()).isEqualTo(w);
        assertThat(scene.bandCount()).isEqualTo(3);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                int x = random.nextInt(w - 40);
                int y = random.nextInt(h - 90);
                int ww = 1 + random.nextInt(40);
                int wh = 1 + random.nextInt(90);
                checks.add(pool.submit(() -> {
                    GeoRaster r = scene.window(x, y, ww, wh);
                    for (int b = 0; b < 3; b++) {
                        for (int row = 0; row < wh; row++) {
                            for (int col = 0; col < ww; col++) {
                                assertThat(r.bands()[b][row * ww + col]).isEqualTo(bands[b][(y + row) * w + x + col]);
                            }
                        }
                    }
                    assertThat(r.geo()).isEqualTo(grid.window(x, y));
                    GeoRaster alone = scene.windowAlone(x, y, ww, wh);
                    for (int b = 0; b < 3; b++) {
                        assertThat(alone.bands()[b]).containsExactly(r.bands()[b]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : checks) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThatThrownBy(() -> scene.window(170, 0, 10, 10)).hasMessageContaining("not inside the 173x301 scene");
    }

    @Test
    void aSceneInOneStripTooTallToDecodeARowOfPatchesIsRefused() throws Exception {
        byte[] tiff = GeoTiffWriter.encodeUInt16(1, 1, new short[12][1], null, GeoTiffWriter.Compression.NONE, null);
        GeoTiffReaderTest.setTag(tiff, 256, 5000); // ImageWidth
        GeoTiffReaderTest.setTag(tiff, 257, 5000); // ImageLength
        GeoTiffReaderTest.setTag(tiff, 278, 5000); // RowsPerStrip: the whole scene one strip
        Path strip = Files.write(tmp.resolve("strip.tif"), tiff);
        assertThatThrownBy(() -> GeoTiffReader.scene(strip)).hasMessage(strip + ": stored in strips or tiles of 5000 rows,"
                + " too tall to decode a row of patches at a time (300 M values); rewrite it tiled (gdal_translate -co TILED=YES)");
    }

    @Test
    void zeroIsNoDataOnlyInEveryBandOfSeveralAndADeclaredValueReplacesIt() throws Exception {
        Path one = tmp.resolve("one.tif");
        Files.write(one, GeoTiffWriter.encodeUInt16(4, 4, new short[1][16], null, GeoTiffWriter.Compression.NONE, null));
        GeoTiffScene single = GeoTiffReader.scene(one);
        assertThat(single.noDataPixels(single.window(0, 0, 4, 4)).isEmpty()).isTrue(); // a DEM at sea level is data
        Path two = tmp.resolve("two.tif");
        Files.write(two, GeoTiffWriter.encodeUInt16(4, 4, new short[2][16], null, GeoTiffWriter.Compression.NONE, null));
        GeoTiffScene pair = GeoTiffReader.scene(two);
        assertThat(pair.noDataPixels(pair.window(0, 0, 4, 4)).cardinality()).isEqualTo(16);
        Path declared = tmp.resolve("declared.tif"); // Float32 files declare NaN: zeros are values there
        Files.write(declared, GeoTiffWriter.encodeFloat32(4, 4, new float[2][16], null, GeoTiffWriter.Compression.NONE, null));
        GeoTiffScene nan = GeoTiffReader.scene(declared);
        assertThat(nan.noDataPixels(nan.window(0, 0, 4, 4)).isEmpty()).isTrue();
    }

    @Test
    void windowsSideBySideShareTheirFootprintsEdgesToTheBit() {
        // a real scene's grid (SSL4EO-S12 upsampled, WGS84): a window's own grid rounded neighbours' edges 3e-15 apart
        GeoRef grid = new GeoRef(73.292290774148924, 30.475793193080310, 0.000012676410561, 0.000010996500858, GeoRef.WGS84);
        for (int i = 0; i < 17; i++) {
            GeoBox here = grid.footprint(i * 120, i * 120, 120, 120);
            GeoBox right = grid.footprint((i + 1) * 120, i * 120, 120, 120);
            GeoBox below = grid.footprint(i * 120, (i + 1) * 120, 120, 120);
            assertThat(right.minLon()).isEqualTo(here.maxLon());
            assertThat(below.maxLat()).isEqualTo(here.minLat());
            assertThat(here.intersects(right) || here.intersects(below)).isFalse();
        }
        assertThat(grid.footprint(0, 0, 2136, 2136)).isEqualTo(grid.footprint(2136, 2136));
    }

    @Test
    void theHeaderAloneGivesTheSizeAndAnythingElseIsOneLine() throws Exception {
        Path text = Files.writeString(tmp.resolve("a.tif"), "hello, not a tiff");
        assertThatThrownBy(() -> GeoTiffReader.imageSize(text)).hasMessageContaining("a.tif: not a TIFF");
        assertThatThrownBy(() -> GeoTiffReader.imageSize(tmp.resolve("gone.tif"))).hasMessageContaining("no such file");
        Path cut = tmp.resolve("cut.tif");
        Files.write(cut, new byte[] {'I', 'I', 42, 0, 100, 0, 0, 0});
        assertThatThrownBy(() -> GeoTiffReader.imageSize(cut)).hasMessage(cut
                + ": truncated: the file ends at byte 8, before its image directory (bytes 100 to 102)");
        Files.write(cut, new byte[] {'M', 'M', 0, 42, 0});
        assertThatThrownBy(() -> GeoTiffReader.imageSize(cut)).hasMessage(cut
                + ": truncated: the file ends at byte 5, inside its header (bytes 0 to 8)");
    }

    @ParameterizedTest
    @CsvSource({"false,2147487744,false", "true,4294971392,true"}) // tiles past 2^31 (unsigned offsets); past 4 GB
    void aSceneOfOver2GbIsReadFromTheBlocksUnderAWindow(boolean big, long dataAt, boolean deflate) throws Exception {
        Path file = tmp.resolve(big ? "big.tif" : "classic.tif");
        try {
            new TinyTiff(big, 300, 200, 3, 64, deflate).write(file, dataAt);
        } catch (IOException e) {
            Assumptions.abort("the file system refuses a sparse file of " + (dataAt >> 20) + " MB (" + e + ")");
        }
        assertThat(Files.size(file)).isGreaterThan(1L << 31);
        assertThat(GeoTiffReader.imageSize(file)).isEqualTo(new GeoTiffReader.ImageSize(300, 200, 3));
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.geo()).isEqualTo(TinyTiff.grid());
        for (int[] win : List.of(new int[] {0, 0, 300, 200}, new int[] {50, 60, 100, 90}, new int[] {299, 199, 1, 1},
                new int[] {63, 0, 2, 200})) {
            for (GeoRaster r : List.of(scene.window(win[0], win[1], win[2], win[3]), scene.windowAlone(win[0], win[1], win[2], win[3]))) {
                assertThat(r.sampleType()).isEqualTo(SampleType.UINT16);
                for (int b = 0; b < 3; b++) {
                    for (int i = 0; i < win[2] * win[3]; i++) {
                        assertThat(r.bands()[b][i]).isEqualTo(TinyTiff.value(win[0] + i % win[2], win[1] + i / win[2], b));
                    }
                }
            }
        }
        // read whole too: from the blocks, never the file's bytes at once
        assertThat(GeoTiffReader.read(file).bands()).isDeepEqualTo(scene.windowAlone(0, 0, 300, 200).bands());
    }

    @Test
    void theHeaderRefusesOnceWhatNoWindowCouldDecode() throws Exception {
        Path zstd = tmp.resolve("zstd.tif");
        new TinyTiff(true, 20, 20, 2, 16, false).tag(259, 3, 50000).write(zstd, 4096);
        assertThatThrownBy(() -> GeoTiffReader.imageSize(zstd)).hasMessage(zstd
                + ": ZSTD compression, which deq cannot read; use DEFLATE or LZW (gdal_translate -co COMPRESS=DEFLATE)");
        Path twelve = tmp.resolve("twelve.tif");
        new TinyTiff(true, 20, 20, 2, 16, false).tag(258, 3, 12, 12).write(twelve, 4096);
        assertThatThrownBy(() -> GeoTiffReader.scene(twelve)).hasMessage(twelve + ": 12-bit samples, which deq cannot read;"
                + " write 8, 16 or 32-bit integers or 32 or 64-bit floats (gdal_translate -ot)");
        Path mixed = tmp.resolve("mixed.tif");
        new TinyTiff(false, 20, 20, 2, 16, false).tag(339, 3, 1, 3).write(mixed, 4096);
        assertThatThrownBy(() -> GeoTiffReader.imageSize(mixed)).hasMessage(mixed
                + ": bands of different sample formats, which deq cannot read");
        Path few = tmp.resolve("few.tif");
        new TinyTiff(false, 20, 20, 2, 16, false).tag(256, 4, 40).write(few, 4096); // 3 x 2 tiles, 4 listed
        assertThatThrownBy(() -> GeoTiffReader.imageSize(few)).hasMessage(few
                + ": not a readable TIFF (the directory lists 4 of the 6 tiles of the image)");
    }
}
