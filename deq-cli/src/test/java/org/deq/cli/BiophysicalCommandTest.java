package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.TestData;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq biophysical} on real Sentinel-2 L2A patches: a Float32 GeoTIFF per patch, a survey of a folder, clear errors. */
class BiophysicalCommandTest {

    @TempDir
    Path tmp;

    @Test
    void mapsARealPatchAndSurveysAFolder() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path patch = ben.resolve("S2A_MSIL2A_20170617T113321_4_55");
        Path out = tmp.resolve("out/bio.tif");
        Path json = tmp.resolve("out/bio.json");
        Cli one = Cli.run("biophysical", "--patch", patch.toString(), "--out", out.toString(), "--json", json.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("LAI, FAPAR, FCOVER, CCC at 20 m (60x60)", "computed from the product time 2017-06-17T11:33:21Z",
                "LAI     mean");
        GeoRaster written = GeoTiffReader.readWithNoData(out).raster();
        assertThat(written.bandCount()).isEqualTo(4);
        assertThat(written.width()).isEqualTo(60);
        assertThat(written.geo().epsg()).isEqualTo(32629);
        assertThat(Files.readString(json)).contains("\"LAI\"", "\"sunZenith\"", "\"outOfDomain\"", "\"notes\"");

        Cli given = Cli.run("biophysical", "--patch", patch.toString(), "--out", tmp.resolve("ten.tif").toString(),
                "--resolution", "10", "--sun-zenith", "30", "--sun-azimuth", "150");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.out()).contains("at 10 m (120x120)", "sun zenith 30.0, azimuth 150.0; view zenith 0.0, azimuth 60.0"
                + " (the sun's angles given, seen from nadir at right angles to the sun)")
                .doesNotContain("note:");
        Cli lowSun = Cli.run("biophysical", "--patch", patch.toString(), "--out", tmp.resolve("low.tif").toString(),
                "--sun-zenith", "80", "--sun-azimuth", "150");
        assertThat(lowSun.out()).contains("note: sun zenith 80.0 is outside the networks' training range (22.0 to 70.0 degrees)");

        Cli survey = Cli.run("biophysical", "--eval", ben.toString());
        assertThat(survey.exitCode()).as(survey.err()).isZero();
        assertThat(survey.out()).contains("14 Sentinel-2 patches (0 bad) at 20 m", "Pastures", "correlation with NDVI");

        // SSL4EO-S12's Level-1C dates are named as bad, not mapped; so is a patch folder that lacks a band
        Path ssl4eo = TestData.require("ssl4eo-s12-sample");
        Path incomplete = tmp.resolve("incomplete/S2A_MSIL2A_20170617T113321_4_55");
        Files.createDirectories(incomplete);
        try (var files = Files.list(patch)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().endsWith("_B12.tif")).toList()) {
                Files.copy(f, incomplete.resolve(f.getFileName()));
            }
        }
        Cli levels = Cli.run("biophysical", "--eval", ssl4eo.toString(), "--eval", incomplete.getParent().toString());
        assertThat(levels.exitCode()).as(levels.err()).isZero();
        assertThat(levels.out()).contains("2 Sentinel-2 patches (3 bad)", "a Level-1C product (top-of-atmosphere reflectance, S2B_MSIL1C_",
                "missing Sentinel-2 band B12");
        Path maps = tmp.resolve("maps");
        Cli all = Cli.run("biophysical", "--archive", ssl4eo.toString(), "--out-dir", maps.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("wrote 2 GeoTIFFs of LAI, FAPAR, FCOVER and CCC at 20 m", "(2 bad)", "a Level-1C product");
        assertThat(GeoTiffReader.readWithNoData(maps.resolve("s2a_0000200_20200604T054639_20200604T054831_T43RCP.tif")).raster().bandCount()).isEqualTo(4);
        assertThat(Cli.run("biophysical", "--archive", ssl4eo.toString()).err()).contains("--archive needs --out-dir DIR");
        assertThat(Cli.run("biophysical", "--eval", ssl4eo.toString(), "--out-dir", maps.toString()).err())
                .contains("--out-dir goes with --archive");
        Cli level1c = Cli.run("biophysical", "--patch", ssl4eo.resolve("s2c/0000200/20200604T054639_20200604T054831_T43RCP").toString(),
                "--out", tmp.resolve("l1c.tif").toString());
        assertThat(level1c.exitCode()).isEqualTo(2);
        assertThat(level1c.err().strip()).contains("the biophysical networks need Level-2A surface reflectance").doesNotContain("\n");
    }

    @Test
    void saysWhichAnglesWereGivenAndRunsTheNetworksOfTheProductsPlatform() throws IOException {
        // SSL4EO-S12's June date is a Sentinel-2B product (metadata.json's PRODUCT_ID) with the granule's angles
        Path june = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP");
        Cli view = Cli.run("biophysical", "--patch", june.toString(), "--out", tmp.resolve("view.tif").toString(),
                "--view-zenith", "20");
        assertThat(view.exitCode()).as(view.err()).isZero();
        assertThat(view.out()).contains("; view zenith 20.0, azimuth 283.3 (the granule's mean angles in metadata.json,"
                + " the view zenith given)", "by SNAP's Sentinel-2B networks").doesNotContain("note: the patch names no platform");
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Cli s2a = Cli.run("biophysical", "--patch", ben.resolve("S2A_MSIL2A_20170617T113321_4_55").toString(), "--out",
                tmp.resolve("a.tif").toString(), "--view-zenith", "5", "--view-azimuth", "100");
        assertThat(s2a.out()).contains("over the patch's centre, the view zenith and azimuth given)",
                "by SNAP's Sentinel-2A networks");
        Path s2bPatch = ben.resolve("S2B_MSIL2A_20180502T093039_43_14");
        Path s2bJson = tmp.resolve("b.json");
        Cli s2b = Cli.run("biophysical", "--patch", s2bPatch.toString(), "--out", tmp.resolve("b.tif").toString(), "--json",
                s2bJson.toString(), "--sun-zenith", "40", "--sun-azimuth", "150");
        assertThat(s2b.out()).contains("by SNAP's Sentinel-2B networks").doesNotContain("note:");
        assertThat(Files.readString(s2bJson)).contains("\"networks\" : \"Sentinel-2B\"");
        // the same reflectances under a name that names no platform: Sentinel-2A's networks, said, and another LAI
        Path unnamed = Files.createDirectories(tmp.resolve("my-patch")); // bands as B03.tif ..., no metadata naming it
        try (DirectoryStream<Path> bands = Files.newDirectoryStream(s2bPatch, "*.tif")) {
            for (Path band : bands) {
                String name = band.getFileName().toString();
                Files.copy(band, unnamed.resolve(name.substring(name.lastIndexOf('_') + 1)));
            }
        }
        Path unnamedJson = tmp.resolve("u.json");
        Cli other = Cli.run("biophysical", "--patch", unnamed.toString(), "--out", tmp.resolve("u.tif").toString(), "--json",
                unnamedJson.toString(), "--sun-zenith", "40", "--sun-azimuth", "150");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.out()).contains("by SNAP's Sentinel-2A networks", "note: the patch names no platform SNAP has"
                + " networks for (S2A_ or S2B_ in the folder's name or its metadata's product id): the Sentinel-2A networks"
                + " were applied to it");
        double laiB = new ObjectMapper().readTree(s2bJson.toFile()).at("/variables/LAI/mean").asDouble();
        double laiA = new ObjectMapper().readTree(unnamedJson.toFile()).at("/variables/LAI/mean").asDouble();
        assertThat(Math.abs(laiA - laiB) / laiB).as("LAI %s by S2A's networks, %s by S2B's", laiA, laiB).isGreaterThan(0.005);

        // one patch surveyed is one patch; the 14 BigEarthNet v1 patches (9 Sentinel-2B) all name their platform
        Cli one = Cli.run("biophysical", "--eval", ben.resolve("S2A_MSIL2A_20170617T113321_4_55").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("1 Sentinel-2 patch (0 bad) at 20 m");
        Path survey = tmp.resolve("survey.json");
        Cli all = Cli.run("biophysical", "--eval", ben.toString(), "--json", survey.toString());
        assertThat(all.out()).doesNotContain("no platform");
        assertThat(Files.readString(survey).split("\"networks\" : \"Sentinel-2B\"", -1)).hasSize(10);

        // nothing mappable (Level-1C dates only): an error, and no empty --out-dir left behind
        Path maps = tmp.resolve("maps");
        Cli none = Cli.run("biophysical", "--archive", TestData.require("ssl4eo-s12-sample/s2c").toString(), "--out-dir",
                maps.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("none of the 2 Sentinel-2 patch folders could be mapped; nothing was written to " + maps);
        assertThat(maps).doesNotExist();
    }

    @Test
    void theSurveysJsonNeverOverwritesAFileOfASurveyedFolder() throws IOException {
        Path patch = TestData.copyTree(TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170617T113321_4_55"),
                tmp.resolve("S2A_MSIL2A_20170617T113321_4_55"));
        Path labels = patch.resolve("S2A_MSIL2A_20170617T113321_4_55_labels_metadata.json");
        byte[] before = Files.readAllBytes(labels);
        Cli survey = Cli.run("biophysical", "--eval", patch.toString(), "--json", labels.toString());
        assertThat(survey.exitCode()).isEqualTo(2);
        assertThat(survey.err().strip()).contains("--json " + labels + " would overwrite a file of the input folder " + patch)
                .doesNotContain("\n");
        assertThat(Files.readAllBytes(labels)).isEqualTo(before);
    }

    @Test
    void archiveMapsAreNamedByTheirPatchIdsWhateverElseIsMapped() throws IOException {
        Path ssl4eo = TestData.require("ssl4eo-s12-sample");
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        // s2a and s2c hold date folders of the same names; only s2a's are Level-2A and mapped
        List<String> both = List.of("s2a_0000200_20200604T054639_20200604T054831_T43RCP.tif",
                "s2a_0000200_20200813T054639_20200813T054952_T43RCP.tif");
        assertThat(mapped(ssl4eo)).containsExactlyElementsOf(both);
        // the same names when s2a is mapped alone, from another root or beside BigEarthNet patches
        assertThat(mapped(ssl4eo.resolve("s2a"))).containsExactlyElementsOf(both);
        assertThat(mapped(ssl4eo.resolve("s2a/0000200"))).containsExactlyElementsOf(both);
        assertThat(mapped(ssl4eo.resolve("s2a"), ben.resolve("S2A_MSIL2A_20170617T113321_4_55")))
                .containsExactly("S2A_MSIL2A_20170617T113321_4_55.tif", both.get(0), both.get(1));
    }

    @Test
    void aPatchUnderTwoArchivesIsWrittenFromTheFirstGivenAndTheOtherNamesIt() throws IOException {
        Path s2a = TestData.require("ssl4eo-s12-sample/s2a");
        Path copy = tmp.resolve("copy/s2a");
        TestData.copyTree(s2a, copy);
        for (Path[] order : new Path[][] {{s2a, copy}, {copy, s2a}}) {
            Path out = Files.createTempDirectory(tmp, "twice");
            Cli run = Cli.run("biophysical", "--archive", order[0].toString(), "--archive", order[1].toString(),
                    "--out-dir", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            String bad = run.out().lines().filter(l -> l.strip().startsWith("bad:")).findFirst().orElseThrow();
            assertThat(bad).contains(order[1].toAbsolutePath().normalize().toString())
                    .contains(order[0].toAbsolutePath().normalize() + "/0000200/").contains("was written to --out-dir as");
        }
    }

    /** The GeoTIFF names {@code deq biophysical --archive} writes for {@code roots}, sorted. */
    private List<String> mapped(Path... roots) throws IOException {
        Path out = Files.createTempDirectory(tmp, "maps");
        List<String> args = new java.util.ArrayList<>(List.of("biophysical", "--out-dir", out.toString()));
        for (Path root : roots) {
            args.addAll(List.of("--archive", root.toString()));
        }
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(out)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void badInputIsOneLine() {
        Cli noOut = Cli.run("biophysical", "--patch", tmp.toString());
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err().strip()).isEqualTo("deq: error: --patch needs --out FILE.tif");
        Cli notAPatch = Cli.run("biophysical", "--patch", tmp.toString(), "--out", tmp.resolve("x.tif").toString());
        assertThat(notAPatch.exitCode()).isEqualTo(2);
        assertThat(notAPatch.err().strip()).contains("missing Sentinel-2 band B03").doesNotContain("\n");
        Cli missing = Cli.run("biophysical", "--patch", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x.tif").toString());
        assertThat(missing.err().strip()).endsWith("nowhere: no such folder");
        Cli sameFile = Cli.run("biophysical", "--patch", tmp.toString(), "--out", tmp.resolve("x.tif").toString(), "--json",
                tmp.resolve("x.tif").toString());
        assertThat(sameFile.err().strip()).contains("--out and --json name the same file");
        Cli empty = Cli.run("biophysical", "--patch", tmp.toString(), "--out", "");
        assertThat(empty.err().strip()).isEqualTo("deq: error: an output file name is empty");
        Cli noBands = Cli.run("biophysical", "--patch", tmp.toString(), "--out", tmp.resolve("x.tif").toString(),
                "--sun-zenith", "30", "--sun-azimuth", "150");
        assertThat(noBands.err().strip()).contains("missing Sentinel-2 band B03").doesNotContain("\n");
        Cli half = Cli.run("biophysical", "--patch", tmp.toString(), "--out", "x.tif", "--sun-zenith", "30");
        assertThat(half.err().strip()).contains("--sun-zenith and --sun-azimuth go together");
        Cli resolution = Cli.run("biophysical", "--patch", tmp.toString(), "--out", "x.tif", "--resolution", "60");
        assertThat(resolution.err().strip()).contains("--resolution must be 10 or 20, not 60");
        Cli sun = Cli.run("biophysical", "--patch", tmp.toString(), "--out", "x.tif", "--sun-zenith", "95", "--sun-azimuth", "0");
        assertThat(sun.err().strip()).contains("sun zenith must be 0..90 degrees, not 95.0");
        Cli evalWithOut = Cli.run("biophysical", "--eval", tmp.toString(), "--out", "x.tif");
        assertThat(evalWithOut.err().strip()).isEqualTo("deq: error: --eval places the sun for each patch and writes no GeoTIFF; --out goes with --patch");
        Cli view = Cli.run("biophysical", "--eval", tmp.toString(), "--view-zenith", "95");
        assertThat(view.err().strip()).isEqualTo("deq: error: view zenith must be 0..90 degrees, not 95.0");
        Cli nothing = Cli.run("biophysical", "--eval", tmp.toString());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("no Sentinel-2 patch folder");
    }
}
