package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive layouts a user may point deq at, end to end: what gets indexed, what is refused and how, query examples. */
class ArchiveLayoutsCliTest {

    private static final String JUNE = "s2a/0000200/20200604T054639_20200604T054831_T43RCP";
    private static final String AUGUST = "s2a/0000200/20200813T054639_20200813T054952_T43RCP";

    @TempDir
    Path tmp;

    @Test
    void aBigEarthNetV2DownloadFolderIsRefusedAndItsTileFolderIndexed() {
        Path v2 = TestData.require("bigearthnet-sample/BigEarthNet-v2.0");
        Cli root = Cli.run("index", "--archive", v2.toString(), "--out", tmp.resolve("root").toString());
        assertThat(root.exitCode()).isEqualTo(2);
        assertThat(root.err().strip()).isEqualTo("deq: error: " + v2 + ": a BigEarthNet v2.0 folder holding 2 archives, not patches: give "
                + v2.resolve("BigEarthNet-S2") + " (Sentinel-2) or " + v2.resolve("BigEarthNet-S1") + " (Sentinel-1) as the archive");
        assertThat(tmp.resolve("root")).doesNotExist();

        Cli tile = Cli.run("index", "--archive", v2.resolve("BigEarthNet-S2/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP").toString(),
                "--out", tmp.resolve("tile").toString());
        assertThat(tile.exitCode()).as(tile.err()).isZero();
        assertThat(tile.out()).contains("BigEarthNet v2.0 tile folder", "indexed 2 patches (0 already present, 0 bad)");
    }

    @Test
    void onePatchFolderIsIndexedAsOnePatchAndAddsToAnIndex() {
        Path v1 = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path index = tmp.resolve("one");
        Cli one = Cli.run("index", "--archive", v1.resolve("S2A_MSIL2A_20170613T101031_87_48").toString(), "--out", index.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("indexed 1 patch (0 already present, 0 bad)");
        Cli all = Cli.run("index", "--archive", v1.toString(), "--out", index.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("indexed 13 patches (1 already present, 0 bad)");
    }

    @Test
    void ssl4eoDatesAreIndexedAndQueryAnIndexOfEitherArchive() {
        Path location = TestData.require("ssl4eo-s12-sample/s2a/0000200");
        Path ssl = tmp.resolve("ssl");
        Cli built = Cli.run("index", "--archive", location.toString(), "--out", ssl.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 2 patches (0 already present, 0 bad)");

        Path june = location.resolve(JUNE.substring(JUNE.lastIndexOf('/') + 1));
        Path august = location.resolve(AUGUST.substring(AUGUST.lastIndexOf('/') + 1));
        Cli query = Cli.run("query", "--index", ssl.toString(), "--image", june.toString(), "--k", "1");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains(JUNE, "2020-06-04");

        Cli same = Cli.run("change", "--index", ssl.toString(), "--before-image", june.toString(), "--after-image", june.toString());
        assertThat(same.err().strip()).isEqualTo("deq: error: the before and after images are the same (" + JUNE + "); give two dates");
        Cli change = Cli.run("change", "--index", ssl.toString(), "--before-image", june.toString(), "--after-image", august.toString());
        assertThat(change.exitCode()).as(change.err()).isZero();
        assertThat(change.out()).contains(JUNE + " 2020-06-04 -> " + AUGUST + " 2020-08-13");

        Path ben = tmp.resolve("ben");
        Cli bigEarthNet = Cli.run("index", "--archive", TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0").toString(),
                "--out", ben.toString());
        assertThat(bigEarthNet.exitCode()).as(bigEarthNet.err()).isZero();
        Cli across = Cli.run("query", "--index", ben.toString(), "--image", june.toString(), "--k", "3");
        assertThat(across.exitCode()).as(across.err()).isZero();
        assertThat(across.out()).contains("3 results");
    }

    @Test
    void sentinel1ArchivesAreIndexedWithTheirOwnDefaultAndEveryPatchHasItsOwnNeighbours() {
        Path s1 = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0");
        Path index = tmp.resolve("s1");
        Cli built = Cli.run("index", "--archive", s1.toString(), "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("bands=s1", "indexed 10 patches (0 already present, 0 bad)");
        // the query's nearest patch is the adjacent one of the same scene, at a distance above zero (dB values in a
        // reflectance range made every S1 patch the same vector)
        Cli query = Cli.run("query", "--index", index.toString(), "--id", "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_40", "--k", "2");
        assertThat(query.exitCode()).as(query.err()).isZero();
        String[] rows = query.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d.*")).toArray(String[]::new);
        assertThat(rows).hasSize(2);
        assertThat(rows[0]).contains("S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39");
        double first = Double.parseDouble(rows[0].trim().split("\\s+")[1]);
        double second = Double.parseDouble(rows[1].trim().split("\\s+")[1]);
        assertThat(first).isPositive().isLessThan(second);

        Path ssl = TestData.require("ssl4eo-s12-sample/s1");
        Cli sslBuilt = Cli.run("index", "--archive", ssl.toString(), "--out", tmp.resolve("ssl-s1").toString());
        assertThat(sslBuilt.exitCode()).as(sslBuilt.err()).isZero();
        assertThat(sslBuilt.out()).contains("SSL4EO-S12 Sentinel-1", "indexed 2 patches (0 already present, 0 bad)");
    }

    @Test
    void levelOneCDatesAddedToALevelTwoAIndexAreKeptApartAndNoted() {
        Path ssl = TestData.require("ssl4eo-s12-sample");
        Path index = tmp.resolve("levels");
        assertThat(Cli.run("index", "--archive", ssl.resolve("s2a").toString(), "--out", index.toString()).exitCode()).isZero();
        // an L1C example against L2A patches is answered, with the same note
        Cli query = Cli.run("query", "--index", index.toString(), "--k", "1", "--image",
                ssl.resolve("s2c/0000200/20200823T054639_20200823T055618_T43RCP").toString());
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("note: s2c/0000200/20200823T054639_20200823T055618_T43RCP is Level-1C (top-of-atmosphere)"
                + " reflectance and the index's patches are Level-2A; the atmosphere then separates them in rankings", "1 result in");
        Cli same = Cli.run("query", "--index", index.toString(), "--k", "1", "--image", ssl.resolve("s2a/" + JUNE.substring(4)).toString());
        assertThat(same.out()).doesNotContain("note:");
        Cli l1c = Cli.run("index", "--archive", ssl.resolve("s2c").toString(), "--out", index.toString());
        assertThat(l1c.exitCode()).as(l1c.err()).isZero();
        // the L1C date of 4 June has the L2A one's folder name: it is another patch, not one already present
        assertThat(l1c.out()).contains("note: s2c/0000200/20200604T054639_20200604T054831_T43RCP is Level-1C (top-of-atmosphere)"
                + " reflectance and the index's patches are Level-2A", "indexed 2 patches (0 already present, 0 bad)");
        // dates pair within one level: the L2A June → August query finds the L1C June → 23 August pair, and no pair
        // joins an L1C and an L2A date (its change would hold the atmosphere as well as the ground)
        Cli change = Cli.run("change", "--index", index.toString(), "--before", JUNE, "--after", AUGUST);
        assertThat(change.exitCode()).as(change.err()).isZero();
        assertThat(change.out()).contains("1 result in", "(2 pairs of 4 patches", "  1 ", "s2c/0000200/20200604T054639_20200604T054831_T43RCP"
                + " 2020-06-04 -> s2c/0000200/20200823T054639_20200823T055618_T43RCP 2020-08-23");
    }

    @Test
    void aLabelFileNamingNoImageIsOneLine() {
        Path eurosat = TestData.require("eurosat-sample/EuroSAT_RGB");
        Path labels = TestData.require("uc-merced-landuse/multilabels/LandUse_Multilabeled.txt");
        Cli run = Cli.run("index", "--archive", eurosat.toString(), "--labels", labels.toString(), "--out", tmp.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + labels + ": no image name of image folder " + eurosat
                + " appears in this label file (the archive's 3 images are named like AnnualCrop_1, the file's like agricultural00)");
    }
}
