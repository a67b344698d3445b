package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq batch-query} reads its queries as {@code deq query --image} reads an example, on real BigEarthNet and EuroSAT files. */
class BatchQueryCliTest {

    private static final String NO_JSON = "S2A_MSIL2A_20170617T113321_4_55";
    private static final String WITH_JSON = "S2A_MSIL2A_20170613T101031_87_48";

    @TempDir
    Path tmp;

    private Path ben;
    private Path index;

    @BeforeEach
    void index() {
        ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        index = tmp.resolve("ben");
        Cli built = Cli.run("index", "--archive", ben.toString(), "--descriptor", "spectral-hist:bins=8,bands=s2",
                "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
    }

    @Test
    void aPatchFolderWithoutItsLabelFileIsAQueryAsForQueryImage() throws IOException {
        Path queries = tmp.resolve("queries");
        TestData.copyTree(ben.resolve(WITH_JSON), queries.resolve(WITH_JSON));
        TestData.copyTree(ben.resolve(NO_JSON), queries.resolve(NO_JSON));
        Files.delete(queries.resolve(NO_JSON + "/" + NO_JSON + "_labels_metadata.json"));
        Cli single = Cli.run("query", "--index", index.toString(), "--image", queries.resolve(NO_JSON).toString(), "--k", "1");
        assertThat(single.exitCode()).as(single.err()).isZero();

        Path csv = tmp.resolve("answers.csv");
        Cli batch = Cli.run("batch-query", "--index", index.toString(), "--queries", queries.toString(), "--k", "3",
                "--out", csv.toString());
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("answered 2 queries (0 bad)").doesNotContain("bad:");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + 2 * 3).contains(NO_JSON + ",1," + NO_JSON + ",0.0");

        // --exclude-self: a query from the indexed archive does not take one of its k places with itself
        Cli self = Cli.run("batch-query", "--index", index.toString(), "--queries", queries.toString(), "--k", "3",
                "--exclude-self", "--out", csv.toString());
        assertThat(self.exitCode()).as(self.err()).isZero();
        rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + 2 * 3).noneMatch(r -> r.startsWith(NO_JSON + ",") && r.contains("," + NO_JSON + ","))
                .noneMatch(r -> r.startsWith(WITH_JSON + ",") && r.contains("," + WITH_JSON + ","));
        assertThat(self.out()).doesNotContain("--exclude-self left nothing out");
    }

    @Test
    void excludeSelfSaysSoWhenNoQueryIdIsAStoredOne() throws IOException {
        // pictures indexed from their class folders (ids beach/beach00) and asked from the class folder (ids beach00)
        Path archive = tmp.resolve("pictures");
        Path beach = Files.createDirectories(archive.resolve("beach"));
        for (String name : List.of("beach00.jpg", "beach01.jpg", "beach02.jpg")) {
            Files.copy(TestData.require("uc-merced-landuse/Images/beach/" + name), beach.resolve(name));
        }
        Path pictures = tmp.resolve("pictures-index");
        assertThat(Cli.run("index", "--archive", archive.toString(), "--out", pictures.toString()).exitCode()).isZero();
        Path csv = tmp.resolve("below.csv");
        Cli below = Cli.run("batch-query", "--index", pictures.toString(), "--queries", beach.toString(), "--k", "1",
                "--exclude-self", "--out", csv.toString());
        assertThat(below.exitCode()).as(below.err()).isZero();
        assertThat(below.out()).contains("note: --exclude-self left nothing out: no query's id is a stored patch's");
        Cli root = Cli.run("batch-query", "--index", pictures.toString(), "--queries", archive.toString(), "--k", "1",
                "--exclude-self", "--out", csv.toString());
        assertThat(root.out()).doesNotContain("--exclude-self left nothing out");
    }

    @Test
    void sentinel2QueriesOfAColourIndexAreNotedAsQueryImageNotesThem() throws IOException {
        Path beach = Files.createDirectories(tmp.resolve("pictures/beach"));
        for (String name : List.of("beach00.jpg", "beach01.jpg")) {
            Files.copy(TestData.require("uc-merced-landuse/Images/beach/" + name), beach.resolve(name));
        }
        Path pictures = tmp.resolve("pictures-index");
        assertThat(Cli.run("index", "--archive", tmp.resolve("pictures").toString(), "--out", pictures.toString()).exitCode()).isZero();
        Path queries = tmp.resolve("queries");
        TestData.copyTree(ben.resolve(WITH_JSON), queries.resolve(WITH_JSON));
        Cli single = Cli.run("query", "--index", pictures.toString(), "--image", queries.resolve(WITH_JSON).toString());
        Cli batch = Cli.run("batch-query", "--index", pictures.toString(), "--queries", queries.toString(), "--k", "1",
                "--out", tmp.resolve("colour.csv").toString());
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        String note = "its Sentinel-2 bands B04, B03, B02 were used as red, green, blue";
        assertThat(single.out()).contains(note);
        assertThat(batch.out()).contains("answered 1 query (0 bad, 1 with notes)", note);
    }

    @Test
    void aQueryTheIndexCannotDescribeIsNamedOnceWithItsBands() throws IOException {
        Path eurosat = TestData.require("eurosat-sample");
        Path queries = Files.createDirectories(tmp.resolve("queries"));
        Files.copy(eurosat.resolve("EuroSAT_MS/Pasture/Pasture_300.tif"), queries.resolve("Pasture_300.tif"));
        Path picture = queries.resolve("picture.jpg"); // after the GeoTIFF, which makes the folder one of GeoTIFFs
        Files.copy(eurosat.resolve("EuroSAT_RGB/Pasture/Pasture_300.jpg"), picture);

        Cli batch = Cli.run("batch-query", "--index", index.toString(), "--queries", queries.toString(), "--out",
                tmp.resolve("answers.csv").toString());
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("answered 1 query (1 bad, 1 with notes)", "note: Pasture_300 is Level-1C");
        String bad = batch.out().lines().filter(l -> l.contains("bad:")).findFirst().orElseThrow();
        // a picture is read as query --image reads it, and its bands are what it lacks, not a word about indexing
        assertThat(bad).contains("has no band B01 (bands: R,G,B)").doesNotContain("index pictures");
        assertThat(bad.split(java.util.regex.Pattern.quote(picture.toString()), -1)).hasSize(2); // the path once
    }

    @Test
    void aGeoTiffWithNaNNoDataIsAnsweredWithANoteAsQueryImageIs() throws IOException {
        // a real EuroSAT 13-band file, its left quarter NaN as a warp leaves it
        Path queries = Files.createDirectories(tmp.resolve("queries"));
        NaNWarped warped = NaNWarped.of(TestData.require("eurosat-sample").resolve("EuroSAT_MS/Pasture/Pasture_300.tif"),
                queries.resolve("Pasture_300.tif"));

        Path csv = tmp.resolve("answers.csv");
        Cli batch = Cli.run("batch-query", "--index", index.toString(), "--queries", queries.toString(), "--k", "2",
                "--out", csv.toString());
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        String note = warped.note();
        assertThat(batch.out()).contains("answered 1 query (0 bad, 1 with notes)", note).doesNotContain("bad:");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 2);
        Cli single = Cli.run("query", "--index", index.toString(), "--image", warped.file().toString(), "--k", "2");
        assertThat(single.exitCode()).as(single.err()).isZero();
        assertThat(single.out()).contains(note);
    }
}
