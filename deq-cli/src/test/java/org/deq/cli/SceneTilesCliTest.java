package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deq index --tile: scenes cut into patches, searched and paired by date; what is refused and how. */
class SceneTilesCliTest {

    /** A longitude/latitude grid: patch footprints are then exact windows (a UTM window's box overlaps its neighbours'). */
    private static final GeoRef GRID = new GeoRef(10.123456789, 50.987654321, 0.000123456789, 0.0000876543, GeoRef.WGS84);

    @TempDir
    Path tmp;

    /** A 12-band scene of digital numbers, 200 x 130 pixels, on one grid for every date. */
    private Path scene(String name, int seed) throws Exception {
        Random random = new Random(seed);
        short[][] bands = new short[12][200 * 130];
        for (int b = 0; b < bands.length; b++) {
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = (short) (300 + 200 * b + (i % 200 < 100 ? 1500 : 0) + random.nextInt(400));
            }
        }
        Path file = tmp.resolve("scenes").resolve(name);
        Files.createDirectories(file.getParent());
        GeoTiffWriter.writeUInt16(file, 200, 130, bands, GRID, GeoTiffWriter.Compression.DEFLATE, null);
        return file;
    }

    @Test
    void scenesAreCutIntoPatchesThatSearchesAndChangeQueriesFind() throws Exception {
        scene("T32UNU_20200604T103031.tif", 1);
        scene("T32UNU_20200813T103031.tif", 2);
        Files.writeString(tmp.resolve("scenes/broken.tif"), "not a tiff");
        Path index = tmp.resolve("index");
        Cli built = Cli.run("index", "--archive", tmp.resolve("scenes").toString(), "--tile", "64", "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        // 3 x 2 patches of each scene; the broken file is one bad patch
        assertThat(built.out()).contains("in 64x64 patches", "indexed 12 patches (0 already present, 1 bad)");

        Path info = tmp.resolve("info.json");
        assertThat(Cli.run("info", "--index", index.toString(), "--json", info.toString()).out())
                .contains("scenes      cut into 64x64 patches (deq index --tile 64");
        assertThat(info).content().contains("\"sceneTile\" : 64", "\"patches\" : 12", "\"notes\" : [ ]")
                .containsPattern("\"readers\" : [1-9]");
        Cli query = Cli.run("query", "--index", index.toString(), "--id", "T32UNU_20200604T103031/x0_y0", "--k", "3");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("/x", "2020-0");

        // a patch's own footprint as the box: its place alone (the other date's patch), not its neighbours
        org.deq.raster.GeoBox own = GRID.footprint(64, 64, 64, 64);
        Path found = tmp.resolve("found.json");
        Cli place = Cli.run("query", "--index", index.toString(), "--id", "T32UNU_20200604T103031/x64_y64", "--filter",
                "bbox=" + own.minLon() + "," + own.minLat() + "," + own.maxLon() + "," + own.maxLat(), "--json", found.toString());
        assertThat(place.exitCode()).as(place.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(found.toFile())
                .path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("id").asText()).isEqualTo("T32UNU_20200813T103031/x64_y64");
        assertThat(results.get(0).path("bbox").get(0).asDouble()).isEqualTo(own.minLon());
        assertThat(results.get(0).path("acquired").asText()).isEqualTo("2020-08-13T10:30:31Z");

        Cli change = Cli.run("change", "--index", index.toString(), "--before", "T32UNU_20200604T103031/x64_y64",
                "--after", "T32UNU_20200813T103031/x64_y64", "--k", "2");
        assertThat(change.exitCode()).as(change.err()).isZero();
        assertThat(change.out()).contains("6 pairs of 12 patches", "2020-06-04 -> T32UNU_20200813T103031/");

        // a new scene that sorts first, at another size: refused before anything is read, whichever scene the index holds
        scene("A_20210101.tif", 3);
        Cli resized = Cli.run("index", "--archive", tmp.resolve("scenes").toString(), "--tile", "32", "--out", index.toString());
        assertThat(resized.exitCode()).isEqualTo(2);
        assertThat(resized.err()).contains("holds 64-pixel patches cut from scenes", "give --tile 64 to add to it, or another --out")
                .doesNotContain("keeps its last commit");
        assertThat(resized.out()).doesNotContain("adding to");
        Files.delete(tmp.resolve("scenes/A_20210101.tif"));
        // the default spec as a user would type it: the index stores it in full form, and it is the same descriptor
        Cli again = Cli.run("index", "--archive", tmp.resolve("scenes").toString(), "--tile", "64", "--out", index.toString(),
                "--descriptor", org.deq.describe.DescriptorSpecs.DEFAULT_S2);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("indexed 0 patches (12 already present, 1 bad)").doesNotContain("note: scene");
        // the same file from another root: new ids, and a note that says so
        Path nested = Files.createDirectories(tmp.resolve("nested/2020"));
        Files.copy(tmp.resolve("scenes/T32UNU_20200604T103031.tif"), nested.resolve("T32UNU_20200604T103031.tif"));
        Cli twice = Cli.run("index", "--archive", tmp.resolve("nested").toString(), "--tile", "64", "--out", index.toString());
        assertThat(twice.out()).contains("note: scene 2020/T32UNU_20200604T103031 has the name of the stored scene"
                + " T32UNU_20200604T103031: if it is the same file, it is indexed a second time");
    }

    @Test
    void anArchiveOfPatchesIsNotCutAsScenes() {
        Path ssl4eo = org.deq.TestData.require("ssl4eo-s12-sample/s2a");
        Cli run = Cli.run("index", "--archive", ssl4eo.toString(), "--tile", "120", "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is an archive of patches (SSL4EO-S12", "index it without --tile");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void refusalsNameTheOption() throws Exception {
        Path file = scene("area.tif", 3);
        Path out = tmp.resolve("out");
        Cli noTile = Cli.run("index", "--archive", file.toString(), "--out", out.toString());
        assertThat(noTile.exitCode()).isEqualTo(2);
        assertThat(noTile.err()).contains("area.tif: a GeoTIFF file, not an archive folder", "--tile SIZE");
        for (String size : new String[] {"8", "0", "-5"}) {
            Cli small = Cli.run("index", "--archive", file.toString(), "--tile", size, "--out", out.toString());
            assertThat(small.err()).contains("--tile must be 16 to 4096 pixels, not " + size);
        }
        short[][] rgbn = new short[4][100 * 100];
        for (short[] band : rgbn) {
            java.util.Arrays.fill(band, (short) 900);
        }
        Path four = tmp.resolve("rgbn.tif");
        GeoTiffWriter.writeUInt16(four, 100, 100, rgbn, GRID, GeoTiffWriter.Compression.NONE, null);
        Cli unnamed = Cli.run("index", "--archive", four.toString(), "--tile", "50", "--out", out.toString());
        assertThat(unnamed.err()).contains("its bands have no names: give --descriptor spectral-hist:bands=band1/band2/band3/band4,span=S");
        assertThat(unnamed.out()).doesNotContain("indexing into"); // refused before a header announced a default that cannot work
        Cli labels = Cli.run("index", "--archive", file.toString(), "--tile", "64", "--labels", file.toString(), "--out", out.toString());
        assertThat(labels.err()).contains("--labels labels pictures by file name");
        assertThat(out).doesNotExist();
    }

    @Test
    void aLinkedArchiveIsIndexedAsItsFolderAndOneThatListsNothingIsRefused() throws Exception {
        scene("T32UNU_20200604T103031.tif", 1);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("scenes"));
        Path index = tmp.resolve("index");
        Cli cut = Cli.run("index", "--archive", link.toString(), "--tile", "64", "--out", index.toString());
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(cut.out()).contains("indexed 6 patches (0 already present, 0 bad)"); // before: 0 patches, exit 0

        // a GeoTIFF folder whose only class folder is a link: not walked (a link up the tree would loop), but said
        Path linked = Files.createDirectories(tmp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("forest"), tmp.resolve("scenes"));
        Path none = tmp.resolve("none");
        Cli empty = Cli.run("index", "--archive", linked.toString(), "--descriptor", "spectral-hist:bands=B02",
                "--out", none.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("GeoTIFF folder " + linked + " lists no patches to read; " + none + " was not created");
        assertThat(none).doesNotExist();
        Cli noScenes = Cli.run("index", "--archive", Files.createDirectories(tmp.resolve("bare")).toString(), "--tile", "64",
                "--out", none.toString());
        assertThat(noScenes.err()).contains(tmp.resolve("bare") + ": no GeoTIFF scenes (.tif/.tiff) in this folder or below it");
    }
}
