package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.deq.index.Distance;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq caption} and {@code deq land-cover} on small indexes of real UC Merced pictures, and their bad inputs. */
class LabelsCliTest {

    static final String[] CLASSES = {"forest", "beach", "parkinglot"};

    @TempDir
    static Path tmp;

    static Path ucm;
    static Path single;
    static Path multi;

    /** Pictures 00-11 of three classes, indexed twice: by class folder and with the 17 multi-labels. */
    @BeforeAll
    static void index() throws IOException {
        ucm = TestData.require("uc-merced-landuse");
        Path archive = tmp.resolve("archive");
        for (String c : CLASSES) {
            Files.createDirectories(archive.resolve(c));
            for (int i = 0; i < 12; i++) {
                String name = String.format("%s%02d.jpg", c, i);
                Files.createSymbolicLink(archive.resolve(c).resolve(name), ucm.resolve("Images").resolve(c).resolve(name));
            }
        }
        single = tmp.resolve("single");
        multi = tmp.resolve("multi");
        Cli a = Cli.run("index", "--archive", archive.toString(), "--out", single.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        Cli b = Cli.run("index", "--archive", archive.toString(), "--labels",
                ucm.resolve("multilabels/LandUse_Multilabeled.txt").toString(), "--out", multi.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
    }

    @Test
    void captionsAStoredPatchAndAFileWithoutLettingThemVote() throws IOException {
        Path json = tmp.resolve("caption.json");
        Cli byId = Cli.run("caption", "--index", multi.toString(), "--id", "forest/forest03", "--json", json.toString());
        assertThat(byId.exitCode()).as(byId.err()).isZero();
        String first = byId.out().lines().findFirst().orElseThrow();
        assertThat(first).matches("[A-Z].*\\.").containsIgnoringCase("trees");
        assertThat(byId.out()).contains("stored labels: ");
        assertThat(Files.readString(json)).contains("\"caption\"", "\"score\"", "\"stored\" : [ \"");

        Cli byFile = Cli.run("caption", "--index", single.toString(), "--patch",
                ucm.resolve("Images/beach/beach05.jpg").toString(), "--json", json.toString());
        assertThat(byFile.exitCode()).as(byFile.err()).isZero();
        assertThat(byFile.out()).contains("note: 1 stored copy of the query at distance 0 (beach/beach05) left out of the vote",
                "beach");
        // the JSON holds what the text says: the notes, and no stored labels for a file
        assertThat(Files.readString(json)).contains("\"stored\" : null",
                "\"notes\" : [ \"1 stored copy of the query at distance 0 (beach/beach05) left out of the vote\" ]");

        // a 13-band Sentinel-2 file against these RGB pictures: read through B04, B03, B02, and said so
        Path eurosat = TestData.require("eurosat-sample/EuroSAT_MS/AnnualCrop/AnnualCrop_1.tif");
        Cli sentinel = Cli.run("caption", "--index", single.toString(), "--patch", eurosat.toString());
        assertThat(sentinel.exitCode()).as(sentinel.err()).isZero();
        assertThat(sentinel.out()).startsWith("note: AnnualCrop_1 has no red, green and blue bands: its Sentinel-2 bands B04,"
                + " B03, B02 were used as red, green, blue");

        Cli eval = Cli.run("caption", "--index", multi.toString(), "--eval", "--quick");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("8 of 36 patches as queries (multi-label", "1/distance vote, k=10", "prior", "per-label F1",
                "predicted labels that are right, by score");
        // pictures 09, 10 and 11 of each class (the last 25 %) predicted from 00-08 only
        Path evalJson = single.resolveSibling("caption-eval.json");
        Cli heldOut = Cli.run("caption", "--index", single.toString(), "--eval", "--held-out-last", "25", "--json",
                evalJson.toString());
        assertThat(heldOut.exitCode()).as(heldOut.err()).isZero();
        assertThat(heldOut.out()).contains("the last 25 % of each archive folder from the other 27: 9 of 36 patches as queries");
        // the file says which protocol its figures are of, as the console does
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(evalJson.toFile());
        assertThat(doc.path("protocol").asText()).isEqualTo("held-out-last");
        assertThat(doc.path("heldOutLastPercent").asInt()).isEqualTo(25);
        assertThat(doc.path("quick").asBoolean()).isFalse();
        assertThat(Path.of(doc.path("index").asText())).isAbsolute();
        assertThat(doc.path("report").path("queries").asInt()).isEqualTo(9);
    }

    @Test
    void aKBeyondTheLabelledPatchesIsNotedAsEvalNotesIt() throws IOException {
        Cli caption = Cli.run("caption", "--index", single.toString(), "--id", "forest/forest03", "--k", "5000");
        assertThat(caption.exitCode()).as(caption.err()).isZero();
        assertThat(caption.out()).startsWith("note: k 5000 exceeds the 35 labelled patches that can vote besides the query:"
                + " all 35 vote (k = 35)");
        assertThat(Cli.run("caption", "--index", single.toString(), "--id", "forest/forest03", "--k", "35").out())
                .doesNotContain("exceeds");
        Cli eval = Cli.run("caption", "--index", single.toString(), "--eval", "--quick", "--k", "40");
        assertThat(eval.out()).contains("note: k 40 exceeds the 35 labelled patches");
        Cli heldOut = Cli.run("caption", "--index", single.toString(), "--eval", "--held-out-last", "25", "--k", "40");
        assertThat(heldOut.out()).contains("note: k 40 exceeds the 27 labelled patches");
        Cli map = Cli.run("land-cover", "--index", single.toString(), "--image", ucm.resolve("Images/forest/forest50.jpg").toString(),
                "--out", tmp.resolve("k.tif").toString(), "--k", "100");
        assertThat(map.exitCode()).as(map.err()).isZero();
        assertThat(map.out()).contains("note: k 100 exceeds the 36 labelled patches");
        Cli landEval = Cli.run("land-cover", "--index", single.toString(), "--eval", "--grid", "2", "--mosaics", "1", "--k", "30");
        assertThat(landEval.out()).contains("note: k 30 exceeds the 21 labelled patches");
    }

    @Test
    void mapsAMosaicOfHeldOutPictures() throws IOException {
        // forest and parking lot pictures the small index does not hold (it has 00-11), side by side
        BufferedImage mosaic = new BufferedImage(512, 256, BufferedImage.TYPE_INT_RGB);
        mosaic.getGraphics().drawImage(ImageIO.read(ucm.resolve("Images/forest/forest50.jpg").toFile()), 0, 0, 256, 256, null);
        mosaic.getGraphics().drawImage(ImageIO.read(ucm.resolve("Images/parkinglot/parkinglot50.jpg").toFile()), 256, 0, 256, 256, null);
        Path image = tmp.resolve("mosaic.png");
        ImageIO.write(mosaic, "png", image.toFile());
        Path out = tmp.resolve("map/land.tif");
        Path png = tmp.resolve("map/land.png");
        Cli run = Cli.run("land-cover", "--index", single.toString(), "--image", image.toString(), "--out", out.toString(),
                "--png", png.toString(), "--json", tmp.resolve("map/legend.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 windows of 256 px every 128 px", "no georeferencing", "forest", "parkinglot");
        GeoRaster map = GeoTiffReader.read(out);
        assertThat(map.bandCount()).isEqualTo(1);
        assertThat(map.width()).isEqualTo(512);
        assertThat(map.bands()[0][100 * 512 + 60]).isEqualTo(legendValue(run.out(), "forest"));
        assertThat(map.bands()[0][100 * 512 + 450]).isEqualTo(legendValue(run.out(), "parkinglot"));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(512);
        assertThat(Files.readString(tmp.resolve("map/legend.json"))).contains("\"colour\"");
        // GDAL's auxiliary file names the classes and colours band 1's values, in legend order
        String aux = Files.readString(tmp.resolve("map/land.tif.aux.xml"));
        assertThat(aux).startsWith("<PAMDataset>").contains("<Category>forest</Category>", "<Entry c1=\"0\" c2=\"0\" c3=\"0\" c4=\"0\"/>");
        assertThat(aux.split("<Category>", -1)).hasSize(1 + 1 + CLASSES.length); // value 0 (no class), then each label
        assertThat(run.out()).doesNotContain("stored pictures");

        // a picture the index holds, mapped whole: its one window does not vote for itself, as caption's file does not
        Path held = tmp.resolve("map/held.tif");
        Cli self = Cli.run("land-cover", "--index", single.toString(), "--image", ucm.resolve("Images/beach/beach05.jpg").toString(),
                "--out", held.toString(), "--json", tmp.resolve("map/held.json").toString());
        assertThat(self.exitCode()).as(self.err()).isZero();
        assertThat(self.out()).contains("note: 1 of 1 window the index holds as stored pictures (neighbours at distance 0):"
                + " every copy left out of their own votes");
        assertThat(Files.readString(tmp.resolve("map/held.json"))).contains("\"held_windows\" : 1");

        Cli eval = Cli.run("land-cover", "--index", single.toString(), "--eval", "--grid", "2", "--mosaics", "2");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("2 mosaics of 2x2 held-out pictures", "15 test / 21 train", "nearest neighbour", "kappa");
        // pictures 08-11 of each class (the last third) as tiles, 00-07 voting
        Cli heldOut = Cli.run("land-cover", "--index", single.toString(), "--eval", "--grid", "2", "--mosaics", "2",
                "--held-out-last", "33");
        assertThat(heldOut.exitCode()).as(heldOut.err()).isZero();
        assertThat(heldOut.out()).contains("12 test / 24 train, the last 33 % of each folder");
    }

    /** The pixel value the printed legend gives a label. */
    private static float legendValue(String out, String label) {
        return out.lines().filter(l -> l.endsWith("  " + label)).map(l -> Float.parseFloat(l.strip().split(" +")[0])).findFirst().orElseThrow();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        Path notAnImage = Files.writeString(tmp.resolve("notes.png"), "not a picture");
        Path small = tmp.resolve("small.png");
        ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        Path unlabelled = tmp.resolve("unlabelled");
        try (IndexStore s = IndexStore.create(unlabelled, new StoreConfig("test", Distance.L2, 2, null)); StoreWriter w = s.writer()) {
            w.add(PatchMeta.of("a", "test"), new float[] {0, 1});
            w.commit();
        }
        String[][] cases = {
                {"no patch with id 'forest/nope'", "caption", "--index", multi.toString(), "--id", "forest/nope"},
                {"notes.png: not a readable PNG/JPEG image", "land-cover", "--index", single.toString(), "--image", notAnImage.toString(),
                        "--out", tmp.resolve("x.tif").toString()},
                {"small.png: window 256 does not fit the image of 100x80 pixels", "land-cover", "--index", single.toString(), "--image",
                        small.toString(), "--out", tmp.resolve("x.tif").toString()},
                {"--quick and --held-out-last go with --eval", "caption", "--index", multi.toString(), "--id", "forest/forest03", "--quick"},
                {"land-cover maps are scored against one class per tile", "land-cover", "--index", multi.toString(), "--eval"},
                {"--held-out-last must be a percentage within 1..99, got 0", "land-cover", "--index", single.toString(), "--eval",
                        "--held-out-last", "0"},
                {"--held-out-last replaces the random --split", "land-cover", "--index", single.toString(), "--eval",
                        "--held-out-last", "20", "--split", "70/30"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Cli run = Cli.run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("deq: error: ").contains(c[0]).doesNotContain("\n");
        }
        Cli none = Cli.run("caption", "--index", unlabelled.toString(), "--eval");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).contains("the index has no labels to predict from").doesNotContain("\n");
    }
}
