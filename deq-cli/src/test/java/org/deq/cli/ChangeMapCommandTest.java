package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq change-map} on the real SSL4EO-S12 pair, on synthetic pairs with pixel truth, and refusing misregistered dates. */
class ChangeMapCommandTest {

    @TempDir
    Path tmp;

    @Test
    void mapsTwoGeoTiffsOfSentinel2BandsOnOneGrid() throws IOException {
        org.deq.raster.GeoRef grid = new org.deq.raster.GeoRef(600_000, 5_300_000, 10, 10, 32632);
        short[][] june = new short[12][40 * 40];
        short[][] august = new short[12][40 * 40];
        for (int b = 0; b < 12; b++) {
            for (int i = 0; i < 40 * 40; i++) {
                june[b][i] = (short) (800 + 40 * b);
                august[b][i] = (short) (i % 40 < 20 ? 800 + 40 * b : 3000); // the right half brightened
            }
        }
        Path before = tmp.resolve("june.tif");
        Path after = tmp.resolve("august.tif");
        org.deq.raster.GeoTiffWriter.writeUInt16(before, 40, 40, june, grid, org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        org.deq.raster.GeoTiffWriter.writeUInt16(after, 40, 40, august, grid, org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        Path copy = tmp.resolve("june_copy.tif");
        Files.copy(before, copy);
        Cli same = Cli.run("change-map", "--before", before.toString(), "--after", copy.toString(), "--out",
                tmp.resolve("same.tif").toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err().strip()).isEqualTo("deq: error: " + before + " → " + copy + ": the two dates have the same"
                + " pixels in all 10 bands (one date copied?); give two dates");
        assertThat(tmp.resolve("same.tif")).doesNotExist();
        Path out = tmp.resolve("files.tif");
        Cli run = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        GeoRaster map = GeoTiffReader.read(out);
        assertThat(map.bands()[0][10 * 40 + 5]).isZero();
        assertThat(map.bands()[0][10 * 40 + 30]).isEqualTo(1f);
        assertThat(map.geo().sameGrid(grid)).isTrue();
        // every map declares its no-data value, with pixels without data or not: a batch of maps reads alike
        assertThat(GeoTiffReader.scene(out).noData()).isEqualTo(65535f);
        // the names deq change gives a file or folder work here too
        Path named = tmp.resolve("named.tif");
        Cli byImageNames = Cli.run("change-map", "--before-image", before.toString(), "--after-image", after.toString(),
                "--out", named.toString());
        assertThat(byImageNames.exitCode()).as(byImageNames.err()).isZero();
        assertThat(GeoTiffReader.read(named).bands()[0]).containsExactly(map.bands()[0]);

        Path four = tmp.resolve("four.tif");
        short[][] fourBands = new short[4][40 * 40];
        for (short[] band : fourBands) {
            java.util.Arrays.fill(band, (short) 1200); // data: a file all 0 would be refused as holding none
        }
        org.deq.raster.GeoTiffWriter.writeUInt16(four, 40, 40, fourBands, grid,
                org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        Cli refused = Cli.run("change-map", "--before", four.toString(), "--after", after.toString(), "--out",
                tmp.resolve("no.tif").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("four.tif:", "change maps need Sentinel-2's ten 10 m and 20 m bands");
    }

    @Test
    void leavesNoDataOutRefusesLevel1CFilesAndDropsAStaleSidecar() throws IOException {
        org.deq.raster.GeoRef grid = new org.deq.raster.GeoRef(600_000, 5_300_000, 10, 10, 32632);
        short[][] june = new short[12][40 * 40];
        short[][] august = new short[12][40 * 40];
        int gap = 0;
        for (int i = 0; i < 40 * 40; i++) {
            boolean hole = i / 40 < 10; // the after date's top 10 rows burnt to 0 in every band: no data
            gap += hole ? 1 : 0;
            for (int b = 0; b < 12; b++) {
                june[b][i] = (short) (800 + 40 * b);
                august[b][i] = (short) (hole ? 0 : i % 40 < 20 ? 800 + 40 * b : 3000);
            }
        }
        Path before = tmp.resolve("june.tif");
        Path after = tmp.resolve("august_gap.tif");
        org.deq.raster.GeoTiffWriter.writeUInt16(before, 40, 40, june, grid, org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        org.deq.raster.GeoTiffWriter.writeUInt16(after, 40, 40, august, grid, org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        Path out = tmp.resolve("gap.tif");
        Path stale = tmp.resolve("gap.tif.aux.xml");
        Files.writeString(stale, "<PAMDataset/>");
        Path json = tmp.resolve("gap.json");
        Cli run = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out", out.toString(),
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the figures printed, in the key style of --eval-synthetic's JSON
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("pixels").asInt()).isEqualTo(1600);
        assertThat(doc.path("noDataPixels").asInt()).isEqualTo(gap);
        assertThat(doc.path("changedPixels").asInt()).isEqualTo((1600 - gap) / 2);
        assertThat(doc.path("changedFraction").asDouble()).isEqualTo(0.5);
        assertThat(doc.path("threshold").asDouble()).isGreaterThanOrEqualTo(0.1);
        assertThat(doc.path("notes").get(0).asText()).startsWith(gap + " pixels are no data on either date");
        assertThat(run.out()).endsWith("wrote " + json + System.lineSeparator());
        Cli sameFile = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out", out.toString(),
                "--json", out.toString());
        assertThat(sameFile.err().strip()).isEqualTo("deq: error: --out and --json name the same file " + out);
        // the right half of the rows with data changed: half of them, not the gap's too
        assertThat(run.out()).contains("wrote " + out + ": 50.00 % of " + (1600 - gap) + " pixels changed",
                "note: " + gap + " pixels are no data on either date");
        assertThat(stale).doesNotExist();
        GeoRaster map = GeoTiffReader.read(out);
        assertThat(GeoTiffReader.scene(out).noData()).isEqualTo(65535f);
        assertThat(map.bands()[0][5 * 40 + 30]).isEqualTo(65535f);
        assertThat(map.bands()[1][5 * 40 + 5]).isEqualTo(65535f);
        assertThat(map.bands()[0][20 * 40 + 30]).isEqualTo(1f);
        assertThat(map.bands()[0][20 * 40 + 5]).isZero();

        // thirteen bands hold B10: a Level-1C file, refused against a Level-2A one as a Level-1C folder is
        Path l1c = tmp.resolve("l1c.tif");
        org.deq.raster.GeoTiffWriter.writeUInt16(l1c, 40, 40, new short[13][40 * 40], grid,
                org.deq.raster.GeoTiffWriter.Compression.NONE, null);
        Cli mixed = Cli.run("change-map", "--before", before.toString(), "--after", l1c.toString(), "--out",
                tmp.resolve("mixed.tif").toString());
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains(l1c + " is a Level-1C product", before + " a Level-2A one");

        Cli through = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out",
                tmp.resolve("sub").resolve("..").resolve("x.tif").toString());
        assertThat(through.exitCode()).isEqualTo(2);
        assertThat(through.err()).contains("the folder " + tmp.resolve("sub") + " does not exist").doesNotContain(".tmp");
    }

    @Test
    void leavesOutTheNaNOfFloatGeoTiffsAsTheOtherNoData() throws IOException {
        // gdalwarp -dstnodata nan: Float32 reflectance with a NaN border, NaN declared as the files' no-data value
        org.deq.raster.GeoRef grid = new org.deq.raster.GeoRef(600_000, 5_300_000, 10, 10, 32632);
        float[][] june = new float[12][40 * 40];
        float[][] august = new float[12][40 * 40];
        int gap = 0;
        for (int i = 0; i < 40 * 40; i++) {
            boolean border = i % 40 < 8; // the left 8 columns of both dates: no data
            gap += border ? 1 : 0;
            for (int b = 0; b < 12; b++) {
                june[b][i] = border ? Float.NaN : 0.08f + 0.004f * b;
                august[b][i] = border ? Float.NaN : i % 40 < 24 ? 0.08f + 0.004f * b : 0.3f; // the right part brightened
            }
        }
        Path before = tmp.resolve("june_nan.tif");
        Path after = tmp.resolve("august_nan.tif");
        Files.write(before, org.deq.raster.GeoTiffWriter.encodeFloat32(40, 40, june, grid,
                org.deq.raster.GeoTiffWriter.Compression.NONE, null));
        Files.write(after, org.deq.raster.GeoTiffWriter.encodeFloat32(40, 40, august, grid,
                org.deq.raster.GeoTiffWriter.Compression.NONE, null));
        Path out = tmp.resolve("nan.tif");
        Cli run = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 16 of the 32 columns with data changed
        assertThat(run.out()).contains("wrote " + out + ": 50.00 % of " + (1600 - gap) + " pixels changed",
                "note: " + gap + " pixels are no data on either date");
        GeoRaster map = GeoTiffReader.read(out);
        assertThat(map.bands()[0][20 * 40 + 3]).isEqualTo(65535f);
        assertThat(map.bands()[0][20 * 40 + 12]).isZero();
        assertThat(map.bands()[0][20 * 40 + 30]).isEqualTo(1f);
    }

    @Test
    void leavesOutThePixelsAPatchFolderHasNoDataInAsAStackOfItsBands() throws IOException {
        // a synthetic pair of BigEarthNet-like folders; the after date's left third zeroed in every band file (a swath's edge)
        Path archive = tmp.resolve("synth");
        assertThat(Cli.run("synth", "--out", archive.toString(), "--n", "0", "--pairs", "1", "--seed", "5").exitCode()).isZero();
        org.deq.synth.SyntheticPatchGenerator gen = new org.deq.synth.SyntheticArchiveSpec(5, 0, 1, false).generator();
        Path before = archive.resolve(gen.pairName(0, 0));
        Path original = archive.resolve(gen.pairName(0, 1));
        Path after = tmp.resolve("edge").resolve(original.getFileName());
        Files.createDirectories(after);
        try (var files = Files.list(original)) {
            for (Path f : files.toList()) {
                if (!f.toString().endsWith(".tif")) {
                    Files.copy(f, after.resolve(f.getFileName()));
                    continue;
                }
                GeoRaster band = GeoTiffReader.read(f);
                short[][] values = new short[1][band.width() * band.height()];
                for (int i = 0; i < values[0].length; i++) {
                    values[0][i] = (short) (i % band.width() < band.width() / 3 ? 0 : Math.round(band.bands()[0][i]));
                }
                org.deq.raster.GeoTiffWriter.writeUInt16(after.resolve(f.getFileName()), band.width(), band.height(), values,
                        band.geo(), org.deq.raster.GeoTiffWriter.Compression.NONE, null);
            }
        }
        Path out = tmp.resolve("edge.tif");
        Cli run = Cli.run("change-map", "--before", before.toString(), "--after", after.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        GeoRaster map = GeoTiffReader.read(out);
        int w = map.width();
        int gap = (w / 3) * map.height();
        assertThat(run.out()).contains("of " + (w * map.height() - gap) + " pixels changed", "note: " + gap
                + " pixels are no data on either date");
        // the zeros are no change: away from the edge (where sharpening mixes 20 m pixels) the map is the untouched pair's
        Path whole = tmp.resolve("whole.tif");
        Cli untouched = Cli.run("change-map", "--before", before.toString(), "--after", original.toString(), "--out", whole.toString());
        assertThat(untouched.exitCode()).as(untouched.err()).isZero();
        GeoRaster reference = GeoTiffReader.read(whole);
        for (int i = 0; i < w * map.height(); i++) {
            if (i % w < w / 3) {
                assertThat(map.bands()[0][i]).as("pixel %d", i).isEqualTo(65535f);
            } else if (i % w >= w / 3 + 4) {
                assertThat(map.bands()[0][i]).as("pixel %d", i).isEqualTo(reference.bands()[0][i]);
            }
        }
    }

    @Test
    void mapsTheRealBiTemporalPair() throws IOException {
        Path s2a = TestData.require("ssl4eo-s12-sample/s2a/0000200");
        Path out = tmp.resolve("change.tif");
        Cli run = Cli.run("change-map", "--before", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(),
                "--after", s2a.resolve("20200813T054639_20200813T054952_T43RCP").toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("of 69696 pixels changed");
        GeoRaster map = GeoTiffReader.read(out);
        assertThat(map.bandCount()).isEqualTo(2);
        assertThat(map.width()).isEqualTo(264);
        int changed = 0;
        for (float v : map.bands()[0]) {
            assertThat(v).isIn(0f, 1f);
            changed += (int) v;
        }
        assertThat(changed).isBetween(1, 69695); // monsoon crops between June and August: some fields change, not all
        assertThat(run.out()).doesNotContain("note:");
        // the dates swapped: the same map, with a word about the order
        Cli swapped = Cli.run("change-map", "--before", s2a.resolve("20200813T054639_20200813T054952_T43RCP").toString(),
                "--after", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(), "--out", tmp.resolve("back.tif").toString());
        assertThat(swapped.exitCode()).as(swapped.err()).isZero();
        assertThat(swapped.out()).contains("note: the before example (2020-08-13T05:46:39Z) is later than the after one"
                + " (2020-06-04T05:46:39Z): the change runs backwards in time");

        Cli same = Cli.run("change-map", "--before", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(),
                "--after", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(), "--out", tmp.resolve("same.tif").toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err().strip()).contains("before and after are the same folder").doesNotContain("\n");
        Cli mixed = Cli.run("change-map", "--before", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(),
                "--after", s2a.resolveSibling("../s2c/0000200/20200823T054639_20200823T055618_T43RCP").normalize().toString(),
                "--out", tmp.resolve("mixed.tif").toString());
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err().strip()).contains("is a Level-1C product", "compare two dates of the same processing level");
        // the Level-1C pair: its August date is cloudy, and the map says what that does to it
        Path s2c = s2a.resolveSibling("../s2c/0000200").normalize();
        Cli cloudy = Cli.run("change-map", "--before", s2c.resolve("20200604T054639_20200604T054831_T43RCP").toString(),
                "--after", s2c.resolve("20200823T054639_20200823T055618_T43RCP").toString(), "--out", tmp.resolve("l1c.tif").toString());
        assertThat(cloudy.exitCode()).as(cloudy.err()).isZero();
        assertThat(cloudy.out()).containsPattern("note: \\d+\\.\\d % of the after date's pixels look like cloud")
                .doesNotContain("the before date's");
        Cli png = Cli.run("change-map", "--before", s2a.resolve("20200604T054639_20200604T054831_T43RCP").toString(),
                "--after", s2a.resolve("20200813T054639_20200813T054952_T43RCP").toString(), "--out", tmp.resolve("map.png").toString());
        assertThat(png.err().strip()).isEqualTo("deq: error: --out " + tmp.resolve("map.png") + ": deq writes a GeoTIFF there;"
                + " name it .tif or .tiff");
    }

    @Test
    void scoresSyntheticPairsAndRefusesTwoPlaces() throws IOException {
        Path json = tmp.resolve("cm.json");
        Cli eval = Cli.run("change-map", "--eval-synthetic", "10", "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("change maps of 10 synthetic pairs (seed 2)", "floor 0.1 (default)");
        assertThat(Files.readString(json)).contains("\"kappa\"");

        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Cli twoPlaces = Cli.run("change-map", "--before", ben.resolve("S2A_MSIL2A_20170613T101031_87_48").toString(),
                "--after", ben.resolve("S2A_MSIL2A_20170617T113321_36_85").toString(), "--out", tmp.resolve("x.tif").toString());
        assertThat(twoPlaces.exitCode()).isEqualTo(2);
        assertThat(twoPlaces.err().strip()).contains("the two dates are on different grids (before: ", "; after: ", "they must cover the same pixels").doesNotContain("\n");
        Cli noOut = Cli.run("change-map", "--before", "a", "--after", "b");
        assertThat(noOut.err().strip()).isEqualTo("deq: error: --before/--after need --out FILE.tif");
        Cli evalWithOut = Cli.run("change-map", "--eval-synthetic", "3", "--out", "x.tif");
        assertThat(evalWithOut.err().strip()).contains("--out goes with --before/--after");
        Cli seedWithPair = Cli.run("change-map", "--before", "a", "--after", "b", "--out", "x.tif", "--seed", "4");
        assertThat(seedWithPair.err().strip()).isEqualTo("deq: error: --seed goes with --eval-synthetic");
        Cli negative = Cli.run("change-map", "--eval-synthetic", "3", "--min-magnitude", "-1");
        assertThat(negative.err()).contains("--min-magnitude must be >= 0");
    }
}
