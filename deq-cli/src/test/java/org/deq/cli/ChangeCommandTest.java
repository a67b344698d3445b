package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticPatchGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq change}: query by a stored pair or two image folders, evaluation on recorded change types, bad input. */
class ChangeCommandTest {

    private static final SyntheticArchiveSpec SPEC = new SyntheticArchiveSpec(3, 10, 25, false);

    @TempDir
    static Path tmp;
    static Path archive;
    static Path index;
    static String before;
    static String after;

    @BeforeAll
    static void synthAndIndex() {
        archive = tmp.resolve("archive");
        index = tmp.resolve("index");
        assertThat(Cli.run("synth", "--out", archive.toString(), "--n", "10", "--pairs", "25", "--seed", "3").exitCode()).isZero();
        Cli indexed = Cli.run("index", "--archive", archive.toString(), "--out", index.toString());
        assertThat(indexed.exitCode()).as(indexed.err()).isZero();
        SyntheticPatchGenerator gen = SPEC.generator();
        before = gen.pairName(0, 0);
        after = gen.pairName(0, 1);
    }

    @Test
    void evaluatesAgainstTheRecordedChangeTypes() {
        Cli eval = Cli.run("change", "--index", index.toString(), "--eval", "--k", "4");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("25 pairs with a known type of 25").contains("deforestation").contains("no-change");
        double precision = Double.parseDouble(eval.out().replaceAll("(?s).*same type ([0-9.]+).*", "$1"));
        assertThat(precision).isGreaterThan(0.5); // five types in equal numbers: chance is 0.2
    }

    @Test
    void queriesByIdsAndByImagesGiveTheSamePairs() {
        Cli byIds = Cli.run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", "3");
        assertThat(byIds.exitCode()).as(byIds.err()).isZero();
        assertThat(byIds.out()).startsWith("3 results").contains(" -> ").doesNotContain(after);
        Cli byImages = Cli.run("change", "--index", index.toString(), "--before-image", archive.resolve(before).toString(),
                "--after-image", archive.resolve(after).toString(), "--k", "4");
        assertThat(byImages.exitCode()).as(byImages.err()).isZero();
        List<String> images = afterIds(byImages.out());
        assertThat(images.get(0)).isEqualTo(after); // the query pair itself, at distance 0, and said so
        assertThat(byImages.out()).contains("note: the first pair, " + before + " → " + after + ", is the query itself");
        assertThat(images.subList(1, 4)).isEqualTo(afterIds(byIds.out()));
    }

    @Test
    void aStoredIdAndAnImageMakeOneQuery() {
        Cli byIds = Cli.run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", "3");
        Cli mixed = Cli.run("change", "--index", index.toString(), "--before", before,
                "--after-image", archive.resolve(after).toString(), "--k", "3");
        assertThat(mixed.exitCode()).as(mixed.err()).isZero();
        // the image is the stored after patch read again: its pair is left out, as by ids
        assertThat(afterIds(mixed.out())).isEqualTo(afterIds(byIds.out())).doesNotContain(after);
        Cli both = Cli.run("change", "--index", index.toString(), "--before", before, "--before-image",
                archive.resolve(before).toString(), "--after", after);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("deq: error: --before and --before-image both give the before example; give one");
        Cli evalAndExample = Cli.run("change", "--index", index.toString(), "--eval", "--before", before);
        assertThat(evalAndExample.exitCode()).isEqualTo(2);
        assertThat(evalAndExample.err()).contains("--eval queries with the archive's own pairs");
    }

    @Test
    void anExampleWithNaNNoDataIsReadAsTheOtherNoDataWithANote() throws Exception {
        // the stored before patch as a Float32 GeoTIFF whose left columns a warp left NaN
        NaNWarped warped = NaNWarped.of(archive.resolve(before), tmp.resolve("before_nan.tif"));
        Cli run = Cli.run("change", "--index", index.toString(), "--before-image", warped.file().toString(), "--after", after,
                "--k", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(warped.note(), "read as 0 in every band").contains("3 results");
    }

    @Test
    void printsTheNotesOfQueryAndOfTheServersChangeQueries() {
        // a misspelt label, a time range the index does not reach and a flag no patch has: said as deq query says them
        Cli run = Cli.run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", "3",
                "--filter", "labels-any=Pastrues", "--filter", "from=2030-01-01", "--filter", "exclude-flags=snow");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("note: no patch of the index has the label 'Pastrues' (did you mean 'Pastures'?)",
                "note: no patch of the index has the flag 'snow': excluding it removes nothing").startsWith("note: ");
        Cli query = Cli.run("query", "--index", index.toString(), "--id", after, "--filter", "labels-any=Pastrues",
                "--filter", "from=2030-01-01", "--filter", "exclude-flags=snow");
        List<String> queryNotes = query.out().lines().filter(l -> l.startsWith("note: ")).toList();
        assertThat(queryNotes).hasSize(3);
        assertThat(run.out().lines().filter(l -> l.startsWith("note: ")).toList()).containsAll(queryNotes);
    }

    @Test
    void writesThePairsAndNotesAsJson() throws Exception {
        Path json = tmp.resolve("change.json");
        Cli run = Cli.run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", "3",
                "--filter", "exclude-flags=snow", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("before").asText()).isEqualTo(before);
        assertThat(doc.path("after").asText()).isEqualTo(after);
        assertThat(doc.path("pairs").asInt()).isEqualTo(25);
        assertThat(doc.path("notes").get(0).asText()).isEqualTo("no patch of the index has the flag 'snow': excluding it removes nothing");
        com.fasterxml.jackson.databind.JsonNode first = doc.path("results").get(0);
        assertThat(doc.path("results")).hasSize(3);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("  1  ").contains(" -> " + first.path("after").path("id").asText() + " ")
                .endsWith("wrote " + json + System.lineSeparator());
        assertThat(first.path("before").path("acquired").asText()).isLessThan(first.path("after").path("acquired").asText());
        assertThat(first.path("before").path("bbox")).hasSize(4);
        assertThat(first.path("distance").asDouble()).isPositive();
        assertThat(first.path("after").has("labels")).isTrue();
        // with --eval, the figures the console prints
        Path figures = json.resolveSibling("eval.json");
        Cli withEval = Cli.run("change", "--index", index.toString(), "--eval", "--json", figures.toString());
        assertThat(withEval.exitCode()).as(withEval.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode evalDoc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(figures.toFile());
        assertThat(withEval.out()).contains(String.format(java.util.Locale.ROOT, "precision@%d of the same type %.3f",
                evalDoc.path("k").asInt(), evalDoc.path("precision").asDouble()));
        assertThat(evalDoc.path("queries").asInt()).isPositive();
        assertThat(evalDoc.path("types")).isNotEmpty();
        assertThat(evalDoc.path("types").get(0).has("afterImagePrecision")).isTrue();
        Cli filtered = Cli.run("change", "--index", index.toString(), "--eval", "--filter", "season=winter");
        assertThat(filtered.err().strip()).isEqualTo("deq: error: --filter applies to a query's pairs; --eval scores every"
                + " pair whose change type the archive records, and takes no --filter");
    }

    @Test
    void notesExamplesOfTwoPlaces() {
        SyntheticPatchGenerator gen = SPEC.generator();
        Cli twoPlaces = Cli.run("change", "--index", index.toString(), "--before", before, "--after", gen.pairName(1, 1),
                "--k", "2");
        assertThat(twoPlaces.exitCode()).as(twoPlaces.err()).isZero();
        assertThat(twoPlaces.out()).containsPattern("note: the before and after examples do not share a footprint \\([-0-9.,]+"
                + " and [-0-9.,]+, (apart|\\d+ % in common)\\): their change mixes two places");
        Cli onePlace = Cli.run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", "2");
        assertThat(onePlace.out()).doesNotContain("footprint");
    }

    @Test
    void saysWhenTheIndexsOnlyPairIsTheQuery() {
        Path one = tmp.resolve("one-pair");
        Path oneIndex = tmp.resolve("one-pair-index");
        assertThat(Cli.run("synth", "--out", one.toString(), "--n", "0", "--pairs", "1", "--seed", "4").exitCode()).isZero();
        assertThat(Cli.run("index", "--archive", one.toString(), "--out", oneIndex.toString()).exitCode()).isZero();
        SyntheticPatchGenerator gen = new SyntheticArchiveSpec(4, 0, 1, false).generator();
        Cli run = Cli.run("change", "--index", oneIndex.toString(), "--before", gen.pairName(0, 0), "--after", gen.pairName(0, 1));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("note: the index's only pair, " + gen.pairName(0, 0) + " → " + gen.pairName(0, 1)
                + ", is the query itself and is left out").contains("0 results");
    }

    @Test
    void badInputIsOneLine() {
        Cli unknown = Cli.run("change", "--index", index.toString(), "--before", "nope", "--after", after);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).contains("'nope'").doesNotContain("\n");
        Cli half = Cli.run("change", "--index", index.toString(), "--before", before);
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("--after");
    }

    /** The later patch id of each result line: {@code rank distance before date -> after date labels}. */
    private static List<String> afterIds(String out) {
        return out.lines().filter(l -> !l.startsWith("note: ")).skip(1).map(l -> l.trim().split("\\s+")[5]).toList();
    }
}
