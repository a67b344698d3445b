package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the CLI on real data: index, query, eval, incremental add and bad patches. */
class IndexQueryEvalTest {

    @TempDir
    Path tmp;

    @Test
    void ucMercedMultiLabelEvalReproducesTheReferenceHsvFigure() throws IOException {
        Path ucm = TestData.require("uc-merced-landuse");
        Path index = tmp.resolve("ucm");
        Cli built = Cli.run("index", "--archive", ucm.resolve("Images").toString(), "--labels",
                ucm.resolve("multilabels/LandUse_Multilabeled.txt").toString(), "--descriptor", "hsv-hist",
                "--distance", "chi2", "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 2100 patches", "0 bad");

        Path json = tmp.resolve("eval.json");
        Cli eval = Cli.run("eval", "--index", index.toString(), "--k", "20", "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"queries", "map_at_k", "precision_at_k", "map_full", "ndcg_at_k", "ms_per_query",
                "acg_at_k", "wap_at_k", "label_precision_at_k", "label_recall_at_k", "label_accuracy_at_k", "hamming_loss_at_k"}) {
            assertThat(figures.has(key)).as(key).isTrue();
        }
        assertThat(figures.get("queries").asInt()).isEqualTo(2100);
        // the team's reference measurement for an 8x4x4 HSV histogram with chi-square k-NN (algorithms.md)
        assertThat(figures.get("label_recall_at_k").asDouble()).isCloseTo(0.677, within(0.005));
        assertThat(figures.get("label_precision_at_k").asDouble()).isCloseTo(0.658, within(0.005));
    }

    @Test
    void bigEarthNetIndexQueriesAndReopensWithIdenticalResults() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path index = tmp.resolve("ben");
        Cli built = Cli.run("index", "--archive", ben.toString(), "--descriptor", "spectral-hist:bins=16,bands=s2+stats:bands=s2",
                "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 14 patches");

        String id = "S2A_MSIL2A_20170613T101031_87_48";
        Cli first = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5");
        Cli second = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5");
        assertThat(first.exitCode()).isZero();
        assertThat(resultLines(first.out())).hasSize(5).doesNotContain(id).isEqualTo(resultLines(second.out()));

        Cli byImage = Cli.run("query", "--index", index.toString(), "--image", ben.resolve(id).toString(), "--k", "1",
                "--filter", "labels-any=Pastures");
        assertThat(byImage.exitCode()).as(byImage.err()).isZero();
        assertThat(resultLines(byImage.out())).singleElement().asString().contains("Pastures");
        // a Level-1C EuroSAT file captioned and mapped by these Level-2A patches: answered, with the level note
        Path eurosat = TestData.require("eurosat-sample/EuroSAT_MS/AnnualCrop/AnnualCrop_1.tif");
        String levelNote = "note: AnnualCrop_1 is Level-1C (top-of-atmosphere) reflectance and the index's patches are Level-2A";
        Cli caption = Cli.run("caption", "--index", index.toString(), "--patch", eurosat.toString());
        assertThat(caption.exitCode()).as(caption.err()).isZero();
        assertThat(caption.out()).startsWith(levelNote);
        Cli landCover = Cli.run("land-cover", "--index", index.toString(), "--image", eurosat.toString(), "--window", "32",
                "--out", tmp.resolve("l1c-map.tif").toString());
        assertThat(landCover.exitCode()).as(landCover.err()).isZero();
        assertThat(landCover.out()).startsWith(levelNote);
        Cli info = Cli.run("info", "--index", index.toString(), "--json", tmp.resolve("info.json").toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("patches     14 (1 commit)", "descriptor  spectral-hist:bins=16,bands=s2",
                "hash        none", "acquired    2017-", "footprints  14, extent lon ", "Pastures");
        assertThat(tmp.resolve("info.json")).content().contains("\"patches\" : 14", "\"distance\" : \"l1\"");
        // --verify reads every data file: a flipped byte in the vectors is named, where a plain info cannot see it
        Cli verified = Cli.run("info", "--index", index.toString(), "--verify");
        assertThat(verified.out()).contains("verified    2 data files and the Lucene index: sizes and checksums match")
                .doesNotContain("note:");
        // what a commit stopped by a full disk leaves: a data file of no commit, a manifest not yet rewritten
        Path leftover = Files.write(index.resolve("vectors-7.f32"), new byte[64]);
        Path manifest = index.resolve("manifest.json");
        String manifestText = Files.readString(manifest);
        Files.delete(manifest);
        assertThat(Cli.run("info", "--index", index.toString(), "--verify").out()).contains(
                "note: 1 file no commit refers to (left by a commit that did not finish, or being written by one in"
                        + " progress; the next writer removes what was left): vectors-7.f32",
                "note: manifest.json is missing, damaged or older than the commit");
        Files.delete(leftover);
        // a cut manifest.json: the index is read from its commit all the same, and the note names the file
        Files.writeString(manifest, manifestText.substring(0, manifestText.length() / 2));
        Cli cut = Cli.run("info", "--index", index.toString(), "--verify");
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(cut.out()).contains("patches     14 (1 commit)", "note: manifest.json is missing, damaged or older than the commit");
        Files.writeString(manifest, manifestText);
        Path vectors = index.resolve("vectors-1.f32");
        byte[] good = Files.readAllBytes(vectors);
        byte[] bad = good.clone();
        bad[100] ^= 1;
        Files.write(vectors, bad);
        assertThat(Cli.run("info", "--index", index.toString()).exitCode()).isZero();
        Cli damaged = Cli.run("info", "--index", index.toString(), "--verify");
        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.err().strip()).startsWith("deq: error: " + vectors + ": checksum mismatch").doesNotContain("\n");
        // adding to the damaged index is refused before any patch is read, and commits nothing on top of it
        Cli addToDamaged = Cli.run("index", "--archive", ben.toString(), "--out", index.toString());
        assertThat(addToDamaged.exitCode()).isEqualTo(2);
        assertThat(addToDamaged.err().strip()).startsWith("deq: error: " + vectors + ": checksum mismatch")
                .endsWith("; nothing was added: restore the index folder from a backup or index the archive into a new --out");
        assertThat(Files.readAllBytes(vectors)).isEqualTo(bad);
        Files.write(vectors, good);
        Cli nowhere = Cli.run("query", "--index", index.toString(), "--id", id, "--filter", "labels-any=Nowhere");
        assertThat(nowhere.out()).contains("0 results", "note: no patch of the index has the label 'Nowhere'");

        Cli again = Cli.run("index", "--archive", ben.toString(), "--out", index.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("indexed 0 patches (14 already present, 0 bad)");

        Cli otherDistance = Cli.run("index", "--archive", ben.toString(), "--out", index.toString(), "--distance", "l2");
        assertThat(otherDistance.exitCode()).isEqualTo(2);
        assertThat(otherDistance.err().strip()).isEqualTo("deq: error: " + index + " was built with --distance l1, not l2;"
                + " deq query and eval take --distance per search");
    }

    @Test
    void aDescriptorNoPatchFitsLeavesNoIndexBehind() throws IOException {
        Path ucm = TestData.require("uc-merced-landuse/Images");
        Path archive = tmp.resolve("rgb");
        for (String name : new String[] {"beach/beach00.jpg", "forest/forest00.jpg", "forest/forest01.jpg"}) {
            Files.createDirectories(archive.resolve(name).getParent());
            Files.copy(ucm.resolve(name), archive.resolve(name));
        }
        Path out = tmp.resolve("rgb-index");
        Cli wrong = Cli.run("index", "--archive", archive.toString(), "--out", out.toString(),
                "--descriptor", "spectral-hist:bins=8,bands=s2");
        // found on the first patches, before the ingest reads the whole archive
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).startsWith("deq: error: the index's descriptor spectral-hist:bins=8,bands=s2 cannot"
                + " describe the patches of ").contains("has no band B01").doesNotContain("\n", "Exception");
        assertThat(wrong.out()).doesNotContain("indexed");
        assertThat(out).doesNotExist();

        Cli right = Cli.run("index", "--archive", archive.toString(), "--out", out.toString());
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.out()).contains("indexed 3 patches");

        // these RGB pictures added to a Sentinel-2 index: refused before the ingest, the index unchanged
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path s2 = tmp.resolve("s2-index");
        assertThat(Cli.run("index", "--archive", ben.toString(), "--out", s2.toString()).exitCode()).isZero();
        Cli added = Cli.run("index", "--archive", archive.toString(), "--out", s2.toString());
        assertThat(added.exitCode()).isEqualTo(2);
        assertThat(added.err().strip()).contains("cannot describe the patches of image folder", "has no band",
                "index them into another --out").doesNotContain("\n");
        Cli after = Cli.run("query", "--index", s2.toString(), "--id", "S2A_MSIL2A_20170613T101031_87_48", "--k", "20",
                "--distance", "l2");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("13 results", "over 14 patches, flat, l2)");

        // a supervised hash on unlabelled patches and a multi-code model the descriptor cannot give: before any work
        Path unlabelled = TestData.require("bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2");
        Cli ksh = Cli.run("index", "--archive", unlabelled.toString(), "--out", tmp.resolve("v2").toString(), "--hash", "ksh:bits=16");
        assertThat(ksh.exitCode()).isEqualTo(2);
        assertThat(ksh.err().strip()).contains("--hash ksh:bits=16 learns from labels", "(unlabelled) has none").doesNotContain("\n");
        assertThat(tmp.resolve("v2")).doesNotExist();
        Cli multi = Cli.run("index", "--archive", archive.toString(), "--out", tmp.resolve("mc").toString(),
                "--hash", "ksh:bits=16", "--multi-code", "4", "--descriptor", "local-hist");
        assertThat(multi.exitCode()).isEqualTo(2);
        assertThat(multi.err().strip()).contains("--multi-code takes the code spec", "ksh:bits=16 is supervised");
        assertThat(multi.out()).doesNotContain("indexed");
    }

    @Test
    void badPatchesAreReportedAndTheRestIndexed() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path archive = tmp.resolve("archive");
        TestData.copyTree(ben, archive);
        Path victim = archive.resolve("S2A_MSIL2A_20170613T101031_87_48/S2A_MSIL2A_20170613T101031_87_48_B04.tif");
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 3));

        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "spectral-hist:bins=8,bands=s2",
                "--out", tmp.resolve("idx").toString(), "--report", tmp.resolve("reports/report.json").toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 13 patches", "1 bad", "_B04.tif");
        assertThat(Files.readString(tmp.resolve("reports/report.json"))).contains("S2A_MSIL2A_20170613T101031_87_48");
    }

    @Test
    void aJsonOutputNeverOverwritesTheIndexOrAnInput() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path index = tmp.resolve("index");
        assertThat(Cli.run("index", "--archive", ben.toString(), "--out", index.toString()).exitCode()).isZero();
        byte[] manifest = Files.readAllBytes(index.resolve("manifest.json"));
        Cli over = Cli.run("eval", "--index", index.toString(), "--k", "5", "--json", index.resolve("manifest.json").toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.err().strip()).contains("would overwrite a file of the input folder").doesNotContain("\n");
        assertThat(Files.readAllBytes(index.resolve("manifest.json"))).isEqualTo(manifest);
        Cli text = Cli.run("eval", "--index", index.toString(), "--k", "5", "--json", tmp.resolve("eval.txt").toString());
        assertThat(text.err().strip()).endsWith("deq writes JSON there; name it .json");
        Cli fine = Cli.run("eval", "--index", index.toString(), "--k", "5", "--json", tmp.resolve("eval.json").toString());
        assertThat(fine.exitCode()).as(fine.err()).isZero();
        // batch-query's CSV too: it replaced manifest.json with CSV rows, and wrote CSV into x.jpg
        Cli csvOver = Cli.run("batch-query", "--index", index.toString(), "--queries", ben.toString(), "--out",
                index.resolve("manifest.json").toString());
        assertThat(csvOver.exitCode()).isEqualTo(2);
        assertThat(csvOver.err().strip()).endsWith("deq writes CSV there; name it .csv");
        Cli intoQueries = Cli.run("batch-query", "--index", index.toString(), "--queries", ben.toString(), "--out",
                ben.resolve("S2A_MSIL2A_20170613T101031_87_48/S2A_MSIL2A_20170613T101031_87_48_B02.tif").toString());
        assertThat(intoQueries.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(index.resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void severalStoredIdsQueryByTheirMeanAndAHugeKAsksForEverything() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path index = tmp.resolve("ids");
        assertThat(Cli.run("index", "--archive", ben.toString(), "--out", index.toString()).exitCode()).isZero();
        String a = "S2A_MSIL2A_20170613T101031_87_48";
        String b = "S2A_MSIL2A_20170617T113321_36_85";
        Cli two = Cli.run("query", "--index", index.toString(), "--id", a, "--id", b, "--k", "20");
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(resultLines(two.out())).hasSize(12).noneMatch(l -> l.contains(a) || l.contains(b));
        Cli all = Cli.run("query", "--index", index.toString(), "--id", a, "--k", "2147483647");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(resultLines(all.out())).hasSize(13);
        assertThat(all.out()).doesNotContain("note:");
        // an index of the query alone: no result, and why
        Path one = tmp.resolve("one");
        Path archive = tmp.resolve("one-archive");
        TestData.copyTree(ben.resolve(a), archive.resolve(a));
        assertThat(Cli.run("index", "--archive", archive.toString(), "--out", one.toString()).exitCode()).isZero();
        Cli alone = Cli.run("query", "--index", one.toString(), "--id", a);
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(alone.out()).startsWith("0 results").contains("note: the index holds no patch besides the query");
    }

    @Test
    void userErrorsAreOneLine() throws IOException {
        Cli missing = Cli.run("query", "--index", tmp.resolve("nothing").toString(), "--id", "x");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("deq: error:").endsWith("nothing: no such folder");
        Cli notIndex = Cli.run("query", "--index", tmp.toString(), "--id", "x");
        assertThat(notIndex.err().strip()).startsWith("deq: error:").contains("manifest.json", "is not a deq index")
                .doesNotContain("\n");

        Cli badSpec = Cli.run("index", "--archive", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertThat(badSpec.exitCode()).isEqualTo(2);
        assertThat(badSpec.err().strip()).contains("empty folder").doesNotContain("\n");

        Cli badSample = Cli.run("index", "--archive", tmp.toString(), "--out", tmp.resolve("o").toString(), "--fit-sample", "0");
        assertThat(badSample.exitCode()).isEqualTo(2);
        assertThat(badSample.err().strip()).isEqualTo("deq: error: --fit-sample must be at least 1, got 0");

        Cli typo = Cli.run("query", "--index", tmp.toString(), "--id", "x", "--kk", "5");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("deq: error: unknown option '--kk' (deq query --help lists the options)");

        // a mistyped required option is the unknown one, not the one it left missing
        Cli typoRequired = Cli.run("query", "--indx", tmp.toString(), "--id", "x");
        assertThat(typoRequired.err().strip()).isEqualTo("deq: error: unknown option '--indx' (deq query --help lists the options)");
        Path aFile = Files.writeString(tmp.resolve("one.png"), "not an index");
        Cli fileAsIndex = Cli.run("index", "--archive", TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0").toString(),
                "--out", aFile.toString());
        assertThat(aFile).hasContent("not an index");
        assertThat(fileAsIndex.err().strip()).endsWith("cannot create an index here: it is a file; an index is a folder, give a new one");

        Cli noFolder = Cli.run("eval", "--index", tmp.resolve("nothing").toString());
        assertThat(noFolder.exitCode()).isEqualTo(2);
        assertThat(noFolder.err().strip()).startsWith("deq: error: ").doesNotContain("\n");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"index", "query", "eval"}) {
            Cli help = Cli.run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: deq " + command);
        }
    }

    private static java.util.List<String> resultLines(String out) {
        return out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\.\\d+\\s+.*")).toList();
    }
}
