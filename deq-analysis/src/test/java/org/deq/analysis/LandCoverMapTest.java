package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.deq.archive.PatchWindows;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Land-cover maps: where the windows lie, a mosaic of known tiles mapped right, the written GeoTIFF and legend. */
class LandCoverMapTest {

    static final List<String> NAMES = List.of("red", "green", "blue");
    static final Descriptor DESCRIPTOR = DescriptorSpecs.parse(DescriptorSpecs.BEST_UNFITTED);

    /** A noisy picture of {@code size} pixels dominated by colour {@code c} (0 red, 1 green, 2 blue). */
    static float[][] picture(int c, int size, SplittableRandom random) {
        float[][] bands = new float[3][size * size];
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < size * size; i++) {
                bands[b][i] = (float) ((b == c ? 0.6 : 0.15) + random.nextDouble(0, 0.2));
            }
        }
        return bands;
    }

    static Patch patch(String id, int w, int h, float[][] bands) {
        return new Patch(PatchMeta.of(id, "test"), w, h, ImageFiles.RGB, bands);
    }

    /** The map of {@code image} as deq land-cover makes it: the first window described, then the map from it. */
    static LandCoverMap map(PatchWindows image, int window, int stride, int k, int threads, java.util.function.LongConsumer progress)
            throws IOException {
        LabelPrediction prediction = index();
        LandCoverMap.FirstWindow first = LandCoverMap.describeFirst(image,
                LandCoverMap.Windows.over(image.width(), image.height(), window, stride), DESCRIPTOR, prediction);
        return LandCoverMap.of(image, first, DESCRIPTOR, prediction, k, null, threads, progress);
    }

    /** Five pictures of each colour, described: the labelled "index". */
    static LabelPrediction index() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 15;
        float[] vectors = new float[n * DESCRIPTOR.dimension()];
        int[][] labels = new int[n][];
        for (int i = 0; i < n; i++) {
            float[] v = DESCRIPTOR.describe(patch("p" + i, 32, 32, picture(i % 3, 32, random)));
            System.arraycopy(v, 0, vectors, i * v.length, v.length);
            labels[i] = new int[] {i % 3};
        }
        return LabelPrediction.over(vectors, DESCRIPTOR.dimension(), Distance.L1, NAMES, labels);
    }

    @Test
    void aMapTooLargeToWriteIsRefusedFromTheImageSizeAlone() {
        assertThatThrownBy(() -> LandCoverMap.checkWritable(40_000, 30_000, 10, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40000x30000 pixels and 1 band of 2 bytes")
                .hasMessageContaining("at most 2.13 GB");
        LandCoverMap.checkWritable(20_000, 20_000, 10, false); // 0.8 GB: one class band fits
        assertThatThrownBy(() -> LandCoverMap.checkWritable(20_000, 20_000, 10, true)) // 11 bands with --scores do not
                .hasMessageContaining("and 11 bands of 2 bytes holds 8.80 GB");
    }

    @Test
    void windowsCoverTheWholeImageUpToTheFarEdge() {
        LandCoverMap.Windows w = LandCoverMap.Windows.over(300, 200, 100, 50);
        assertThat(w.xs()).containsExactly(0, 50, 100, 150, 200);
        assertThat(w.ys()).containsExactly(0, 50, 100);
        LandCoverMap.Windows odd = LandCoverMap.Windows.over(205, 100, 100, 30);
        assertThat(odd.xs()).containsExactly(0, 30, 60, 90, 105); // the last one flush with the far edge
        assertThat(LandCoverMap.Windows.edges(odd.xs(), 100)).containsExactly(0, 30, 60, 90, 100, 105, 130, 160, 190, 205);
        LandCoverMap.Windows big = LandCoverMap.Windows.over(700, 700, 256, 128);
        assertThat(big.xs()).containsExactly(0, 128, 256, 384, 444);
        assertThatThrownBy(() -> LandCoverMap.Windows.over(120, 120, 256, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window 256 does not fit the image of 120x120 pixels");
        assertThatThrownBy(() -> LandCoverMap.Windows.over(300, 300, 100, 150)).hasMessageContaining("stride must be in 1..100");
    }

    @Test
    void pixelsWithoutDataGetNoClassTheMapsNoDataValueAndNoShare(@TempDir java.nio.file.Path tmp) throws IOException {
        int size = 64;
        PatchWindows picture = PatchWindows.of(patch("green", size, size, picture(1, size, new SplittableRandom(3))));
        java.util.BitSet corner = new java.util.BitSet();
        for (int y = 0; y < 16; y++) {
            corner.set(y * size, y * size + 16); // the upper-left 16 x 16 pixels: outside the swath
        }
        PatchWindows withEdge = new PatchWindows() {
            public int width() { return size; }
            public int height() { return size; }
            public PatchMeta meta() { return picture.meta(); }
            public org.deq.raster.GeoRef grid() { return null; }
            public Patch window(int x, int y, int s) throws org.deq.raster.BadInputException { return picture.window(x, y, s); }
            public java.util.BitSet noData() { return corner; }
        };
        LandCoverMap map = map(withEdge, 32, 16, 3, 1, n -> { });
        int[] classes = map.classes();
        assertThat(classes[0]).isEqualTo(LandCoverMap.NO_CLASS);
        assertThat(classes[16 * size + 16]).isEqualTo(1);
        assertThat(map.legend().get(1).fraction()).isEqualTo(1.0); // green is every pixel with data
        java.nio.file.Path tif = java.nio.file.Files.write(tmp.resolve("map.tif"), map.geoTiff(null, true));
        org.deq.raster.GeoRaster read = org.deq.raster.GeoTiffReader.read(tif);
        assertThat(read.bands()[0][0]).isZero();
        assertThat(read.bands()[2][0]).isEqualTo((float) LandCoverMap.NO_SCORE); // no score: not 0, a real score
        assertThat(read.bands()[0][size * size - 1]).isEqualTo(2f);
        String bytes = new String(java.nio.file.Files.readAllBytes(tif), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("0\0");
        // score bands declare their 1/10000 scale as GDAL reads it (GIS tools show 0..1); the class band declares none
        assertThat(bytes).contains("<Item name=\"SCALE\" sample=\"1\" role=\"scale\">")
                .doesNotContain("<Item name=\"SCALE\" sample=\"0\" role=\"scale\">");
    }

    @Test
    void mapsAMosaicOfKnownTiles(@TempDir java.nio.file.Path tmp) throws IOException {
        // tiles of 32 px: red green blue / blue red green, each a fresh picture the index has not seen
        int[] tiles = {0, 1, 2, 2, 0, 1};
        int tile = 32;
        int w = 3 * tile;
        int h = 2 * tile;
        float[][] bands = new float[3][w * h];
        SplittableRandom random = new SplittableRandom(99);
        for (int t = 0; t < tiles.length; t++) {
            float[][] pic = picture(tiles[t], tile, random);
            for (int b = 0; b < 3; b++) {
                for (int y = 0; y < tile; y++) {
                    System.arraycopy(pic[b], y * tile, bands[b], (t / 3 * tile + y) * w + t % 3 * tile, tile);
                }
            }
        }
        long[] done = new long[1];
        LandCoverMap map = map(PatchWindows.of(patch("mosaic", w, h, bands)), tile, tile / 2, 3, 2, n -> done[0] = n);
        assertThat(done[0]).isEqualTo(5 * 3).isEqualTo(map.windows());
        int[] classes = map.classes();
        int right = 0;
        int[][] votes = new int[tiles.length][3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = y / tile * 3 + x / tile;
                votes[t][classes[y * w + x]]++;
                right += classes[y * w + x] == tiles[t] ? 1 : 0;
            }
        }
        for (int t = 0; t < tiles.length; t++) {
            // most of every tile gets its class; windows straddling three colours may vote for the third near corners
            assertThat(votes[t][tiles[t]]).as("tile %d", t).isGreaterThan(tile * tile / 2);
        }
        assertThat(right).isEqualTo(w * h);
        assertThat(map.score(1, 40, 10)).isGreaterThan(0.5f);

        GeoRef geo = new GeoRef(500000, 4000000, 10, 10, 32633);
        java.nio.file.Path file = tmp.resolve("map.tif");
        java.nio.file.Files.write(file, map.geoTiff(geo, true));
        GeoRaster written = GeoTiffReader.read(file);
        assertThat(written.bandCount()).isEqualTo(4);
        assertThat(written.geo()).isEqualTo(geo);
        assertThat(written.bands()[0][10 * w + 40]).isEqualTo(2f); // green: label id 1, value 2
        java.nio.file.Files.write(file, map.geoTiff(null, false));
        assertThat(GeoTiffReader.read(file).geo()).isNull();
        assertThat(map.legend()).extracting(LandCoverMap.LegendEntry::fraction).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
        assertThat(map.legend().get(0).colour()).matches("#[0-9a-f]{6}").isNotEqualTo(map.legend().get(1).colour());
        assertThat(map.png()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void aMarginNarrowerThanTheStrideIsMappedFromItsOwnWindow() throws IOException {
        // three red tiles of 32 px, then a blue margin of 24 px: the regular windows (stride 32) stop at 96
        int tile = 32;
        int w = 3 * tile + 24;
        float[][] bands = new float[3][w * tile];
        SplittableRandom random = new SplittableRandom(5);
        float[][] red = picture(0, w, random);
        float[][] blue = picture(2, w, random);
        for (int b = 0; b < 3; b++) {
            for (int y = 0; y < tile; y++) {
                for (int x = 0; x < w; x++) {
                    bands[b][y * w + x] = (x < 3 * tile ? red : blue)[b][y * w + x];
                }
            }
        }
        LandCoverMap map = map(PatchWindows.of(patch("margin", w, tile, bands)), tile, tile, 3, 1, n -> { });
        assertThat(map.windows()).isEqualTo(4); // 0, 32, 64 and one flush with the far edge at 88
        int[] classes = map.classes();
        for (int x : new int[] {10, 50, 90}) {
            assertThat(classes[5 * w + x]).as("x=%d", x).isEqualTo(0);
        }
        for (int x : new int[] {100, w - 1}) {
            assertThat(classes[5 * w + x]).as("x=%d", x).isEqualTo(2);
        }
        assertThat(map.score(2, w - 1, 0)).isGreaterThan(0.5f);
    }

    @Test
    void scoreBandsKeepZeroAsAScoreAndDeclareTheirOwnNoData(@TempDir java.nio.file.Path tmp) throws IOException {
        java.util.BitSet empty = new java.util.BitSet();
        empty.set(1);
        // two pixels in one cell: label a scores 0, b 1; the second pixel has no data
        LandCoverMap map = new LandCoverMap(2, 1, List.of("a", "b"), new int[] {0, 2}, new int[] {0, 1}, new float[] {0f, 1f},
                1, 0, empty);
        java.nio.file.Path file = tmp.resolve("scores.tif");
        java.nio.file.Files.write(file, map.geoTiff(new GeoRef(600_000, 5_300_000, 10, 10, 32632), true));
        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.bands()[0]).containsExactly(2f, 0f);
        assertThat(r.bands()[1]).containsExactly(0f, 65535f); // a's real score of 0, then no data
        assertThat(r.bands()[2]).containsExactly(10000f, 65535f);
        assertThat(GeoTiffReader.scene(file).noData()).isEqualTo(0f); // the class band's
        assertThat(map.gdalAuxXml(true)).contains("<PAMRasterBand band=\"2\">\n    <NoDataValue>65535</NoDataValue>",
                "<PAMRasterBand band=\"3\">\n    <NoDataValue>65535</NoDataValue>");
        assertThat(map.gdalAuxXml(false)).doesNotContain("NoDataValue");
    }
}
