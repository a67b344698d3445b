package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneTilesTest {

    private static final int W = 250;
    private static final int H = 130;
    private static final GeoRef GRID = new GeoRef(600_000, 5_300_000, 10, 10, 32632);

    @TempDir
    Path tmp;

    /** A 12-band Sentinel-2 scene in digital numbers whose upper-left 64 x 64 pixels are outside the swath (0). */
    private Path scene(Path file, GeoTiffWriter.Compression compression) throws Exception {
        Random random = new Random(7);
        short[][] bands = new short[S2Band.values().length][W * H];
        for (short[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                boolean swath = i % W >= 64 || i / W >= 64;
                band[i] = swath ? (short) (200 + random.nextInt(3000)) : 0;
            }
        }
        Files.createDirectories(file.getParent());
        GeoTiffWriter.writeUInt16(file, W, H, bands, GRID, compression, null);
        return file;
    }

    private static Map<String, Object> read(SceneTiles tiles) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PatchSource s : tiles) {
            try {
                out.put(s.id(), s.read());
            } catch (BadInputException e) {
                out.put(s.id(), e.getMessage());
            }
        }
        return out;
    }

    @Test
    void cutsASceneIntoPatchesOfItsPixelsWithFootprintsAndTheDateOfItsName() throws Exception {
        Path file = scene(tmp.resolve("S2B_MSIL2A_20200604T103031_T32UNU.tif"), GeoTiffWriter.Compression.DEFLATE);
        SceneTiles tiles = new SceneTiles(file, 64);
        assertThat(tiles.sizeHint()).isEqualTo(6); // 3 columns x 2 rows; the 58- and 2-pixel remainders are left out
        Map<String, Object> read = read(tiles);
        String stem = "S2B_MSIL2A_20200604T103031_T32UNU";
        assertThat(read.keySet()).containsExactly(stem + "/x0_y0", stem + "/x64_y0", stem + "/x128_y0", stem + "/x0_y64",
                stem + "/x64_y64", stem + "/x128_y64");
        assertThat((String) read.get(stem + "/x0_y0")).contains("patch at pixel 0,0: 4096 of 4096 pixels are no data");

        float[][] whole = GeoTiffReader.read(file).bands();
        Patch p = (Patch) read.get(stem + "/x128_y64");
        assertThat(p.width()).isEqualTo(64);
        assertThat(p.bandNames()).hasSize(12).startsWith("B01", "B02");
        for (int b = 0; b < 12; b++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    assertThat(p.bands()[b][y * 64 + x]).isEqualTo(whole[b][(64 + y) * W + 128 + x] / S2Band.SCALE);
                }
            }
        }
        assertThat(p.meta().acquired()).isEqualTo(Instant.parse("2020-06-04T10:30:31Z"));
        GeoBox expected = GRID.footprint(128, 64, 64, 64);
        assertThat(p.meta().footprint()).isEqualTo(expected);

        assertThat(p.meta().labels()).isEmpty();

        // the index entry's source reads the same patch again
        Patch again = Archives.readSource(p.meta().source());
        assertThat(again.bands()[3]).containsExactly(p.bands()[3]);
        assertThat(Archives.sourcePath(p.meta().source())).isEqualTo(file);
        assertThat(SceneTiles.windowSize(p.meta().source())).isEqualTo(64);
        assertThat(SceneTiles.windowSize(file.toString())).isEqualTo(-1);
    }

    @Test
    void aReadInterruptedOnOneThreadDoesNotMakeTheSceneBadForTheNext() throws Exception {
        // a Spark task killed mid-read, or a server request cancelled: the scene's other patches read on other threads
        Path file = scene(tmp.resolve("interrupted/T32UNU_20200604T103031.tif"), GeoTiffWriter.Compression.DEFLATE);
        Object[] first = new Object[1];
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                first[0] = SceneCache.scene(file);
            } catch (BadInputException e) {
                first[0] = e.getMessage();
            }
        });
        interrupted.start();
        interrupted.join();
        assertThat(first[0]).asString().contains("interrupted").doesNotContain("not a readable TIFF");
        assertThat(SceneCache.scene(file).width()).isEqualTo(W);
    }

    @Test
    void aFolderOfScenesReportsBadAndTooSmallFilesAsOnePatchEach() throws Exception {
        Path root = tmp.resolve("scenes");
        scene(root.resolve("2021-07-01/area.tif"), GeoTiffWriter.Compression.NONE);
        GeoTiffWriter.writeUInt16(root.resolve("small.tif"), 20, 20, new short[][] {new short[400]}, GRID,
                GeoTiffWriter.Compression.NONE, null);
        Files.writeString(root.resolve("broken.tif"), "not a tiff");
        SceneTiles tiles = new SceneTiles(root, 100);
        Map<String, Object> read = read(tiles);
        assertThat(read.keySet()).containsExactly("2021-07-01/area/x0_y0", "2021-07-01/area/x100_y0", "broken", "small");
        assertThat(tiles.sizeHint()).isEqualTo(4);
        assertThat((String) read.get("broken")).contains("broken.tif").contains("TIFF");
        assertThat((String) read.get("small")).contains("20x20 pixels, smaller than one 100x100 patch");
        // 4096 of the first patch's 100 x 100 pixels are outside the swath: under half, so it is read
        Patch first = (Patch) read.get("2021-07-01/area/x0_y0");
        assertThat(first.meta().acquired()).isEqualTo(Instant.parse("2021-07-01T00:00:00Z"));
    }

    @Test
    void aSceneWhoseBandsEveryPatchRefusesIsOneBadPatch() throws Exception {
        // one Sentinel-1 band: its four patches would each say so; the file is said once
        Path root = Files.createDirectories(tmp.resolve("once"));
        GeoTiffWriter.writeUInt16(root.resolve("T32UNU_20200604_VV.tif"), 200, 200, new short[][] {new short[200 * 200]}, GRID,
                GeoTiffWriter.Compression.NONE, null);
        SceneTiles tiles = new SceneTiles(root, 100);
        Map<String, Object> read = read(tiles);
        assertThat(read.keySet()).containsExactly("T32UNU_20200604_VV");
        assertThat((String) read.get("T32UNU_20200604_VV")).contains("one Sentinel-1 band");
        assertThat(tiles.sizeHint()).as("counted as listed: an ingest would say the other three were removed").isEqualTo(1);
    }

    @Test
    void aSceneOfOver2GbIsCutIntoItsPatches() throws Exception {
        byte[] tiff = GeoTiffWriter.encodeUInt16(1000, 1000, new short[1][1000 * 1000], GRID, GeoTiffWriter.Compression.DEFLATE, null);
        Path huge = tmp.resolve("huge.tif"); // sparse beyond the header: no disk is written
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.write(tiff);
            f.setLength(1L << 31);
        }
        Map<String, Object> read = read(new SceneTiles(huge, 100)); // its blocks are read, not its 2 GB
        assertThat(read).hasSize(100).containsKey("huge/x900_y900").allSatisfy((id, patch) -> assertThat(patch).isInstanceOf(Patch.class));
    }

    @Test
    void refusesOddSizesAndMissingOrOtherFiles() throws Exception {
        assertThatThrownBy(() -> new SceneTiles(tmp, 8)).hasMessageContaining("--tile must be 16 to 4096 pixels, not 8");
        assertThatThrownBy(() -> new SceneTiles(tmp.resolve("gone.tif"), 64)).hasMessageContaining("no such file or folder");
        Path png = Files.writeString(tmp.resolve("x.png"), "");
        assertThatThrownBy(() -> new SceneTiles(png, 64)).hasMessageContaining("not a GeoTIFF");
        Path tif = scene(tmp.resolve("a.tif"), GeoTiffWriter.Compression.NONE);
        assertThatThrownBy(() -> Archives.open(tif)).hasMessageContaining("a GeoTIFF file, not an archive folder")
                .hasMessageContaining("--tile SIZE");
    }

    @Test
    void noDataPixelsOfEveryKindReadAsZeroAndMostlyEmptyPatchesAreBad() throws Exception {
        int w = 96;
        int h = 32;
        float[][] bands = new float[4][w * h];
        for (float[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = i % w < 40 ? -99f : 0.1f + (i % 7) * 0.01f; // the file's no-data value in the 40 left columns
            }
        }
        bands[2][10 * w + 80] = Float.NaN;
        byte[] tiff = GeoTiffWriter.encodeFloat32(w, h, bands, GRID, GeoTiffWriter.Compression.NONE, null);
        String text = new String(tiff, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("nan\0");
        assertThat(at).isPositive();
        System.arraycopy("-99".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, tiff, at, 3); // GDAL_NODATA -99
        Path file = Files.write(tmp.resolve("declared.tif"), tiff);
        Map<String, Object> read = read(new SceneTiles(file, 32));
        assertThat((String) read.get("declared/x0_y0")).contains("1024 of 1024 pixels are no data", "no-data value -99.0");
        Patch partly = (Patch) read.get("declared/x32_y0"); // 8 of its 32 columns are no data: a quarter, kept as zeros
        assertThat(partly.bands()[0][5 * 32 + 3]).isZero();
        assertThat(partly.bands()[0][5 * 32 + 8]).isPositive();
        Patch holed = (Patch) read.get("declared/x64_y0");
        assertThat(holed.bands()[2][10 * 32 + 16]).isZero();
        assertThat(holed.bands()[1][10 * 32 + 16]).isZero(); // a pixel NaN in one band is no data in all
    }

    @Test
    void patchesSideBySideOnALonLatGridDoNotOverlap() throws Exception {
        GeoRef lonLat = new GeoRef(73.292290774148924, 30.475793193080310, 0.000012676410561, 0.000010996500858, GeoRef.WGS84);
        float[][] bands = new float[4][64 * 64];
        for (float[] band : bands) {
            java.util.Arrays.fill(band, 0.2f);
        }
        Path file = Files.write(tmp.resolve("lonlat.tif"), GeoTiffWriter.encodeFloat32(64, 64, bands, lonLat,
                GeoTiffWriter.Compression.NONE, null));
        List<Patch> patches = new ArrayList<>();
        for (PatchSource s : new SceneTiles(file, 16)) {
            patches.add(s.read());
        }
        for (Patch a : patches) {
            for (Patch b : patches) {
                assertThat(a == b || !a.meta().footprint().intersects(b.meta().footprint()))
                        .as(a.meta().id() + " and " + b.meta().id()).isTrue();
            }
        }
    }

    @Test
    void anRgbOrthophotoIsCutIntoPictures() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 32; x < 64; x++) { // the left half black: outside the photo
            for (int y = 0; y < 32; y++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        image.setRGB(40, 3, 0x336699);
        Path file = tmp.resolve("ortho.tif");
        javax.imageio.ImageIO.write(image, "tiff", file.toFile());
        Map<String, Object> read = read(new SceneTiles(file, 32));
        Patch right = (Patch) read.get("ortho/x32_y0");
        assertThat(right.bandNames()).containsExactly("R", "G", "B");
        assertThat(right.bands()[2][3 * 32 + 8]).isEqualTo(0x99 / 255f);
        assertThat((String) read.get("ortho/x0_y0")).contains("no data"); // black: 0 in every band
    }

    @Test
    void sentinel2BandDescriptionsInTheirShortAndGdalForms() {
        assertThat(GeoTiffFolder.s2Name("B4")).isEqualTo("B04");
        assertThat(GeoTiffFolder.s2Name("b8a")).isEqualTo("B8A");
        assertThat(GeoTiffFolder.s2Name("B08")).isEqualTo("B08");
        assertThat(GeoTiffFolder.s2Name("B12")).isEqualTo("B12");
        assertThat(GeoTiffFolder.s2Name("B10")).isEqualTo("B10");
        assertThat(GeoTiffFolder.s2Name("B4, central wavelength 665 nm")).isEqualTo("B04");
        assertThat(GeoTiffFolder.s2Name("B13")).isNull();
        assertThat(GeoTiffFolder.s2Name("B8B")).isNull();
        assertThat(GeoTiffFolder.s2Name("Blue")).isNull();
        assertThat(GeoTiffFolder.s2Name("band1")).isNull();
    }

    @Test
    void readsTheDateOfAFileName() {
        assertThat(FileNameDates.acquired("T32UNU_20200604T103031_B02.tif")).isEqualTo(Instant.parse("2020-06-04T10:30:31Z"));
        assertThat(FileNameDates.acquired("field_2019-05-31.tif")).isEqualTo(Instant.parse("2019-05-31T00:00:00Z"));
        assertThat(FileNameDates.acquired("scene12345678.tif")).isNull();
        assertThat(FileNameDates.acquired("area.tif")).isNull();
    }

    @Test
    void aFileOnItsOwnTakesTheDateAnIngestBelowItsRootGivesIt() {
        // scenes/2020-06-04/tile7/area.tif: an ingest of scenes/ dates it by the folder two levels up, and so does a query by it
        Path file = Path.of("scenes", "2020-06-04", "tile7", "area.tif");
        Instant ingested = FileNameDates.acquired(Path.of("scenes").relativize(file));
        assertThat(ingested).isEqualTo(Instant.parse("2020-06-04T00:00:00Z"));
        assertThat(FileNameDates.acquiredOnItsOwn(file)).isEqualTo(ingested);
        assertThat(FileNameDates.acquiredOnItsOwn(Path.of("scenes", "20190531_area.tif"))).isEqualTo(Instant.parse("2019-05-31T00:00:00Z"));
    }

    @Test
    void cutsRealGdalWrittenFilesAsTheirWholeReadingHasThem() throws Exception {
        // EuroSAT_MS: 13-band 64 x 64 GeoTIFFs as the dataset ships them; SSL4EO-S12: one 264 x 264 band file
        Path eurosat = TestData.require("eurosat-sample/EuroSAT_MS/Pasture");
        Path file;
        try (var files = Files.list(eurosat)) {
            file = files.filter(f -> f.toString().endsWith(".tif")).sorted().findFirst().orElseThrow();
        }
        Patch whole = GeoTiffFolder.readFile(file, "whole", List.of(), null);
        List<Patch> quarters = new ArrayList<>();
        for (PatchSource s : new SceneTiles(file, 32)) {
            quarters.add(s.read());
        }
        assertThat(quarters).hasSize(4);
        Patch last = quarters.get(3);
        assertThat(last.meta().id()).endsWith("/x32_y32");
        assertThat(last.bandNames()).isEqualTo(whole.bandNames());
        assertThat(last.meta().flags()).isEqualTo(whole.meta().flags());
        for (int b = 0; b < whole.bandCount(); b++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    assertThat(last.bands()[b][y * 32 + x]).isEqualTo(whole.bands()[b][(32 + y) * 64 + 32 + x]);
                }
            }
        }
        GeoBox all = whole.meta().footprint();
        GeoBox quarter = last.meta().footprint();
        assertThat(quarter.minLon()).isGreaterThan(all.minLon()).isLessThan(all.maxLon());
        assertThat(quarter.maxLat()).isLessThan(all.maxLat()).isGreaterThan(all.minLat());
    }
}
