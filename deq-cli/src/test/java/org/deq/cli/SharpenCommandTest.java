package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.TestData;
import org.deq.archive.Archives;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq sharpen} on real Sentinel-2 patches: a 10 m GeoTIFF per patch, Wald's protocol over a folder, clear errors. */
class SharpenCommandTest {

    @TempDir
    Path tmp;

    @Test
    void sharpensARealPatchAndScoresTheMethods() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path out = tmp.resolve("out/sharp.tif");
        Cli one = Cli.run("sharpen", "--patch", ben.resolve("S2A_MSIL2A_20170613T101031_87_48").toString(), "--out", out.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("10 bands 120x120 at 10 m", "local-regression");
        GeoRaster written = GeoTiffReader.read(out);
        assertThat(written.bandCount()).isEqualTo(10);
        // read back as a patch by its band names, reflectance as the input's
        Patch again = Archives.readPatch(out);
        assertThat(again.bandNames()).startsWith("B02", "B03", "B04").contains("B8A", "B12");
        assertThat(again.band("B04")[0]).isBetween(0f, 1f);
        assertThat(written.geo().epsg()).isEqualTo(32633);

        Path json = tmp.resolve("wald.json");
        Cli eval = Cli.run("sharpen", "--eval", ben.toString(), "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("Wald's protocol on 14 real Sentinel-2 patches (0 bad)", "bicubic", "local-regression");
        assertThat(Files.readString(json)).contains("\"ergas\"", "\"samDegrees\"", "B8A");
        Cli overlapping = Cli.run("sharpen", "--eval", ben.toString(), "--eval", ben.resolve("S2A_MSIL2A_20170613T101031_87_48").toString());
        assertThat(overlapping.out()).as("a patch under two --eval folders counts once").contains("on 14 real Sentinel-2 patches");
    }

    @Test
    void aLevel1CPatchSharpenedDeclaresItsLevelWhateverItsName() throws IOException {
        Path l1c = TestData.require("ssl4eo-s12-sample/s2c/0000200/20200823T054639_20200823T055618_T43RCP");
        Path plain = tmp.resolve("sharp.tif");
        Cli run = Cli.run("sharpen", "--patch", l1c.toString(), "--out", plain.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // ten bands without B10 and a name without MSIL1C: only the declared level tells deq change-map
        assertThat(GeoTiffReader.read(plain).processingLevel()).isEqualTo("Level-1C");
        assertThat(Archives.isLevel1C(plain)).isTrue();
        assertThat(Archives.readPatch(plain).meta().flags()).containsExactly(S2BandFiles.LEVEL_1C);

        Path l2a = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200813T054639_20200813T054952_T43RCP");
        Path surface = tmp.resolve("surface.tif");
        assertThat(Cli.run("sharpen", "--patch", l2a.toString(), "--out", surface.toString()).exitCode()).isZero();
        assertThat(GeoTiffReader.read(surface).processingLevel()).isNull();
        assertThat(Archives.isLevel1C(surface)).isFalse();
    }

    @Test
    void aProductOfBaseline04KeepsItsOffsetAndItsDarkPixels() throws IOException {
        // the real L2A date, its metadata saying baseline 04.00: reflectance = (DN - 1000) / 10000, DN <= 1000 dark
        Path real = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP");
        Path copy = Files.createDirectories(tmp.resolve("b04").resolve(real.getFileName()));
        try (java.util.stream.Stream<Path> files = Files.list(real)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path metadata = copy.resolve("metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"PROCESSING_BASELINE\": \"02.14\"",
                "\"PROCESSING_BASELINE\": \"04.00\""));
        assertThat(S2BandFiles.digitalNumberOffset(copy)).isEqualTo(-1000);
        Path out = tmp.resolve("b04.tif");
        Cli run = Cli.run("sharpen", "--patch", copy.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the file holds the product's own numbers, its offset declared: the dark pixels are not 0, no data
        float[] source = GeoTiffReader.read(copy.resolve("B2.tif")).bands()[0];
        float[] written = GeoTiffReader.read(out).bands()[0];
        assertThat(written).containsExactly(source);
        int dark = 0;
        for (float dn : source) {
            dark += dn > 0 && dn <= 1000 ? 1 : 0;
        }
        assertThat(dark).as("pixels of reflectance 0 or less").isPositive();
        // and reads back as the folder reads, negative reflectance included
        assertThat(Archives.readPatch(out).band("B02")).containsExactly(Archives.readPatch(copy).band("B02"));
    }

    @Test
    void aSharpenedDarkPixelIsNeverNoData() throws IOException {
        // this patch's regression overshoots below 0 on dark SWIR pixels: they used to be written as 0, no-data
        Path patch = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20180510T94033_19_86");
        Path out = tmp.resolve("dark.tif");
        Cli run = Cli.run("sharpen", "--patch", patch.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        GeoRaster written = GeoTiffReader.read(out);
        for (int b = 0; b < written.bandCount(); b++) {
            if (List.of("B02", "B03", "B04", "B08").contains(written.descriptions().get(b))) {
                continue; // the 10 m bands are copied as read
            }
            for (float v : written.bands()[b]) {
                assertThat(v).as(written.descriptions().get(b)).isGreaterThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void theOutputNeverOverwritesTheInputPatch() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        Path patch = TestData.copyTree(ben, tmp.resolve("S2A_MSIL2A_20170613T101031_87_48"));
        Path band = patch.resolve("S2A_MSIL2A_20170613T101031_87_48_B04.tif");
        byte[] before = Files.readAllBytes(band);
        Cli over = Cli.run("sharpen", "--patch", patch.toString(), "--out", band.toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.err().strip()).contains("would overwrite a file of the input folder " + patch).doesNotContain("\n");
        assertThat(Files.readAllBytes(band)).isEqualTo(before);
        Cli png = Cli.run("sharpen", "--patch", patch.toString(), "--out", tmp.resolve("sharp.png").toString());
        assertThat(png.err().strip()).contains("deq writes a GeoTIFF there; name it .tif or .tiff");
        Cli beside = Cli.run("sharpen", "--patch", patch.toString(), "--out", patch.resolve("sharpened.tif").toString());
        assertThat(beside.exitCode()).as("a new file beside the bands harms nothing").isZero();

        // --eval's folders are inputs too: its --json never replaces the labels of a scored patch
        Path labels = patch.resolve("S2A_MSIL2A_20170613T101031_87_48_labels_metadata.json");
        byte[] labelsBefore = Files.readAllBytes(labels);
        Cli eval = Cli.run("sharpen", "--eval", tmp.toString(), "--json", labels.toString());
        assertThat(eval.exitCode()).isEqualTo(2);
        assertThat(eval.err().strip()).contains("--json " + labels + " would overwrite a file of the input folder " + tmp)
                .doesNotContain("\n");
        assertThat(Files.readAllBytes(labels)).isEqualTo(labelsBefore);
    }

    @Test
    void badInputIsOneLine() {
        Cli noOut = Cli.run("sharpen", "--patch", tmp.toString());
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err().strip()).isEqualTo("deq: error: --patch needs --out FILE.tif");
        Cli notAPatch = Cli.run("sharpen", "--patch", tmp.toString(), "--out", tmp.resolve("x.tif").toString());
        assertThat(notAPatch.exitCode()).isEqualTo(2);
        assertThat(notAPatch.err().strip()).contains("missing Sentinel-2 band B02").doesNotContain("\n");
        Cli method = Cli.run("sharpen", "--patch", tmp.toString(), "--out", "x.tif", "--method", "lanczos");
        assertThat(method.err().strip()).contains("unknown sharpening method 'lanczos'");
        Cli evalWithOut = Cli.run("sharpen", "--eval", tmp.toString(), "--out", "x.tif");
        assertThat(evalWithOut.err().strip()).contains("writes no GeoTIFF; --out goes with --patch");
        Cli patchWithJson = Cli.run("sharpen", "--patch", tmp.toString(), "--out", "x.tif", "--json", "s.json");
        assertThat(patchWithJson.err().strip()).contains("--json and --degradation go with --eval");
        Cli root = Cli.run("sharpen", "--patch", "/", "--out", tmp.resolve("r.tif").toString());
        assertThat(root.exitCode()).isEqualTo(2);
        assertThat(root.err().strip()).contains("missing Sentinel-2 band B02").doesNotContain("\n");
        Cli nothing = Cli.run("sharpen", "--eval", tmp.toString());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("no Sentinel-2 patch folder");
    }
}
