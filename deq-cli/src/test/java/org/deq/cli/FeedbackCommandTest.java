package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deq.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deq feedback and deq feedback-eval end to end on a real UC Merced subset (15 images of each of the 21 classes). */
class FeedbackCommandTest {

    private static final int PER_CLASS = 15;

    @TempDir
    static Path tmp;

    static Path index;

    @BeforeAll
    static void indexSubset() throws IOException {
        Path images = TestData.require("uc-merced-landuse").resolve("Images");
        Path archive = tmp.resolve("ucm");
        try (Stream<Path> classes = Files.list(images)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
                Path target = Files.createDirectories(archive.resolve(dir.getFileName()));
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().limit(PER_CLASS).toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
        }
        index = tmp.resolve("index");
        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist:power=0.5",
                "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed " + 21 * PER_CLASS + " patches");
    }

    @Test
    void quickEvaluationWritesEveryRoundOfBothStrategiesAndFeedbackHelps() throws IOException {
        Path json = tmp.resolve("feedback.json");
        Cli run = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--rounds", "3", "--marks", "5",
                "--keep-marked", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("21 queries (up to 1 per class, 21 classes)", "single-label truth",
                "marked images kept in the figures (--keep-marked)");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("queries").asInt()).isEqualTo(21);
        // what was run, as the header says it
        assertThat(report.get("index").asText()).isEqualTo(index.toAbsolutePath().normalize().toString());
        assertThat(report.get("descriptor").asText()).isEqualTo("hsv-hist:h=8,s=4,v=4,power=0.5");
        assertThat(report.get("protocol").asText()).isEqualTo("rounds");
        assertThat(report.get("queries_per_class").asInt()).isEqualTo(1);
        assertThat(report.get("query_groups").asInt()).isEqualTo(21);
        assertThat(report.get("query_half").isNull()).isTrue();
        JsonNode spec = report.get("spec");
        assertThat(spec.get("kernel").asText()).isEqualTo("laplacian");
        assertThat(spec.get("kernelWidth").asText()).isEqualTo("marks:1.0");
        assertThat(spec.get("excludeMarked").asBoolean()).isFalse();
        assertThat(spec.get("candidates").get("uncertain").asInt()).isEqualTo(25);
        JsonNode rows = report.get("rows");
        assertThat(rows).hasSize(8);
        for (JsonNode row : rows) {
            for (String key : List.of("strategy", "round", "precision_at_10", "precision_at_20", "map_at_20")) {
                assertThat(row.has(key)).as(key).isTrue();
            }
        }
        JsonNode start = rows.get(4);
        JsonNode end = rows.get(7);
        assertThat(start.get("strategy").asText()).isEqualTo("active");
        assertThat(end.get("round").asInt()).isEqualTo(3);
        // 15 marks teach the SVM the class: the ranking the user sees improves on real pictures (with 15 images per
        // class, removing the marked ones would leave too few relevant images to measure precision@10)
        assertThat(end.get("precision_at_10").asDouble()).isGreaterThan(start.get("precision_at_10").asDouble() + 0.1);
    }

    @Test
    void relevanceKernelAndWidthAreSelectableAndBadOnesAreOneLineErrors() throws IOException {
        Path json = tmp.resolve("jaccard.json");
        Cli run = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--rounds", "1", "--marks", "5",
                "--relevance", "jaccard:0.5", "--kernel", "rbf", "--kernel-width", "pool:2", "--window", "0",
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("relevance jaccard:0.5, kernel rbf, kernel width pool:2.0")
                .contains("active from the 25 most uncertain in the whole pool");
        JsonNode spec = new ObjectMapper().readTree(json.toFile()).get("spec");
        assertThat(spec.get("relevance").asText()).isEqualTo("jaccard:0.5");
        assertThat(spec.get("kernel").asText()).isEqualTo("rbf");
        assertThat(spec.get("kernelWidth").asText()).isEqualTo("pool:2.0");
        assertThat(spec.get("candidates").get("window").asInt()).isZero();

        // an uncertain set larger than the archive is cut to it, and the header and JSON say the size used
        Cli large = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--rounds", "1", "--marks", "5",
                "--uncertain", "400", "--window", "0", "--strategy", "active", "--query-half", "even", "--json", json.toString());
        assertThat(large.exitCode()).as(large.err()).isZero();
        assertThat(large.out()).contains("note: the index holds 314 images besides the query: active learning draws from"
                + " the 314 most uncertain, not 400", "active from the 314 most uncertain in the whole pool",
                "; the even half (--query-half)");
        JsonNode halved = new ObjectMapper().readTree(json.toFile());
        assertThat(halved.get("spec").get("candidates").get("uncertain").asInt()).isEqualTo(314);
        assertThat(halved.get("query_half").asText()).isEqualTo("even");

        Cli bad = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--relevance", "jaccard:2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip())
                .isEqualTo("deq: error: unknown relevance 'jaccard:2'; expected shared-label or jaccard:T with T in (0, 1]");
        Cli badWidth = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--kernel-width", "wide");
        assertThat(badWidth.exitCode()).isEqualTo(2);
        assertThat(badWidth.err().strip()).startsWith("deq: error: unknown kernel width 'wide'").doesNotContain("\n");
        Cli badKernel = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--kernel", "gauss");
        assertThat(badKernel.exitCode()).isEqualTo(2);
        assertThat(badKernel.err().strip()).isEqualTo("deq: error: unknown kernel 'gauss'; expected rbf or laplacian");
        Cli badHalf = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--query-half", "first");
        assertThat(badHalf.exitCode()).isEqualTo(2);
        assertThat(badHalf.err().strip()).isEqualTo("deq: error: unknown --query-half 'first'; expected even or odd");
        Cli badWindow = Cli.run("feedback-eval", "--index", index.toString(), "--quick", "--window", "20");
        assertThat(badWindow.exitCode()).isEqualTo(2);
        assertThat(badWindow.err().strip())
                .isEqualTo("deq: error: --window must be 0 (the whole pool) or at least the uncertain set (50), got 20");
    }

    @Test
    void benchFeedbackTimesARound() throws IOException {
        Path json = tmp.resolve("bench-feedback.json");
        Cli run = Cli.run("bench", "feedback", "--n", "2000", "--rounds", "2", "--sessions", "1", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("feedback round on 2000 patches of dimension \\d+")
                .contains("2 rounds (1 session of 2)", "median ms: round");
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("roundMs").asDouble()).isPositive();
        // sizes a session cannot have are refused before the descriptors are made, naming the options
        String[][] refused = {
            {"--n 10", "--n must be at least 40, got 10"},
            {"--n 1000 --marks 2000", "--rounds × --marks: 5 × 2000 make 10000 marks per session; a session holds at most 1000"},
            {"--n 5000 --marks 201", "--rounds × --marks: 5 × 201 make 1005 marks per session; a session holds at most 1000"},
            {"--n 50 --marks 10 --rounds 15", "--rounds × --marks: 15 × 10 make 150 marks per session, but --n 50 holds only 49"
                    + " images besides the query"},
            {"--marks 0", "--marks must be at least 1, got 0"},
            {"--sessions 0", "--sessions must be at least 1, got 0"},
            {"--n 2000000 --dim 2000", "--n × --dim (2000000 × 2000 floats) needs 4000000000 values, more than one Java array holds (2147483639)"}};
        for (String[] bad : refused) {
            Cli refusal = Cli.run(("bench feedback " + bad[0]).split(" "));
            assertThat(refusal.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(refusal.err().strip()).isEqualTo("deq: error: " + bad[1]);
            assertThat(refusal.out()).isEmpty();
        }
        // every image but the query marked: the most marks a 41-image archive has room for
        Cli full = Cli.run("bench", "feedback", "--n", "41", "--marks", "8", "--rounds", "5", "--sessions", "1", "--dim", "8");
        assertThat(full.exitCode()).as(full.err()).isZero();
    }

    @Test
    void sessionsAreListedAndTheOldOnesPruned() throws IOException {
        Path sessions = tmp.resolve("listed-sessions");
        String[] common = {"--index", index.toString(), "--sessions", sessions.toString()};
        for (String name : new String[] {"old-1", "new-1"}) {
            Cli started = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"--session", name, "start",
                    "--query", "river/river00", "--k", "2"}));
            assertThat(started.exitCode()).as(started.err()).isZero();
        }
        Files.setLastModifiedTime(sessions.resolve("old-1.json"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(40))));
        Files.writeString(sessions.resolve("broken.json"), "{not json");
        Files.setLastModifiedTime(sessions.resolve("broken.json"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(40))));
        Cli list = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"list"}));
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("3 sessions in " + sessions).contains("  new-1 ", "round   0", "  old-1 ")
                .containsPattern("broken +unreadable \\(.*not a feedback session");
        Cli prune = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"prune", "--older-than", "30"}));
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        // an old session this deq cannot read (a newer deq's, or damaged) is kept and named, never lost to its age
        assertThat(prune.out().strip()).isEqualTo("deleted 1 session not written for 30 days from " + sessions + ":\n  old-1\n"
                + "note: kept 1 session this deq cannot read (a newer deq's, or damaged; deq feedback list says why,"
                + " --session NAME delete removes one): broken");
        assertThat(sessions.resolve("old-1.json")).doesNotExist();
        assertThat(sessions.resolve("broken.json")).exists();
        assertThat(sessions.resolve("new-1.json")).exists();
        Cli negative = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"prune", "--older-than", "-1"}));
        assertThat(negative.err().strip()).isEqualTo("deq: error: --older-than must be >= 0 days, got -1");
        // list and prune work on every session: a --session before their name is refused, not ignored
        Cli named = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"--session", "new-1", "list"}));
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.err().strip()).isEqualTo("deq: error: list works on every session; leave out --session new-1");
        Path nowhere = tmp.resolve("no-such-sessions");
        Cli missing = Cli.run("feedback", "--index", index.toString(), "--sessions", nowhere.toString(), "list");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("deq: error: --sessions " + nowhere + ": no such folder");
        // a session file without its name says which field is missing
        Files.writeString(sessions.resolve("empty.json"), "{}");
        assertThat(Cli.run(concat(new String[] {"feedback"}, common, new String[] {"list"})).out())
                .containsPattern("empty +unreadable \\(.*the field name is missing");
        Cli noSession = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"show"}));
        assertThat(noSession.exitCode()).isEqualTo(2);
        assertThat(noSession.err().strip()).startsWith("deq: error: --session NAME is required");
    }

    @Test
    void sessionIsSavedReopenedByLaterCommandsAndExported() throws IOException {
        String[] common = {"--index", index.toString(), "--session", "river-1"};
        Cli started = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"start", "--query", "river/river00",
                "--k", "5", "--suggest", "4"}));
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("round 0: similarity model", "note: no marks yet", "  1  river/")
                .doesNotContain("river/river00  "); // the query is left out of the ranking
        // a space after a comma is no part of an id; an empty id or one given twice is named
        Cli emptyId = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--relevant", ""}));
        assertThat(emptyId.err().strip()).isEqualTo("deq: error: --relevant holds an empty id");
        Cli twiceGiven = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--irrelevant",
                "beach/beach00, beach/beach00"}));
        assertThat(twiceGiven.err().strip()).isEqualTo("deq: error: --irrelevant gives 'beach/beach00' twice");
        Cli marked = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--relevant", "river/river01",
                "--irrelevant", "forest/forest00, beach/beach00", "--k", "5", "--suggest", "4"}));
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("round 1: svm model on 2 relevant / 2 irrelevant").contains("mark next: ");

        Cli badOption = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--irrelevant", "beach/beach01",
                "--strategy", "nearest"}));
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err().strip()).startsWith("deq: error:").contains("nearest");

        // the shared options may follow the subcommand's name too
        Cli shown = Cli.run(concat(new String[] {"feedback", "show"}, common, new String[] {"--k", "5", "--suggest", "4"}));
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(lines(shown.out(), 1)).isEqualTo(lines(marked.out(), 1)); // same ranking after a "restart"

        Path exported = tmp.resolve("river.json");
        Cli export = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"export", "--out", exported.toString()}));
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode session = new ObjectMapper().readTree(exported.toFile());
        assertThat(session.get("marks").get("forest/forest00").asBoolean()).isFalse();
        assertThat(session.get("round").asInt()).isEqualTo(1); // the refused mark left no trace

        Cli remarked = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--relevant", "forest/forest00",
                "--k", "5", "--suggest", "4"}));
        assertThat(remarked.exitCode()).as(remarked.err()).isZero();
        assertThat(remarked.out()).contains("note: forest/forest00 was marked irrelevant, now relevant",
                "round 2: svm model on 3 relevant / 1 irrelevant");
        Path remarkJson = tmp.resolve("remark.json");
        Cli remarkedBack = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--irrelevant",
                "forest/forest00", "--json", remarkJson.toString()}));
        assertThat(remarkedBack.exitCode()).as(remarkedBack.err()).isZero();
        assertThat(new ObjectMapper().readTree(remarkJson.toFile()).get("notes").get(0).asText())
                .isEqualTo("forest/forest00 was marked relevant, now irrelevant"); // as the screen says it
        Cli noResults = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"show", "--k", "0"}));
        assertThat(noResults.exitCode()).isEqualTo(2);
        assertThat(noResults.err().strip()).isEqualTo("deq: error: --k must be at least 1, got 0");

        Cli unknown = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark", "--relevant", "river/river99"}));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("deq: error: 1 marked image id(s) not in the index " + index + ": 'river/river99'");
        Cli nothing = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"mark"}));
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err().strip()).isEqualTo("deq: error: session 'river-1': no marks given; mark at least one image relevant or irrelevant");
        Cli twice = Cli.run(concat(new String[] {"feedback"}, common, new String[] {"start", "--query", "river/river00"}));
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("session 'river-1' exists");
    }

    @Test
    void aTakenNameIsRefusedDeleteReplacesItAndRefusalsLeaveTheFileAlone() throws IOException {
        Path sessions = tmp.resolve("taken-sessions");
        String[] common = {"feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "s1"};
        Cli first = Cli.run(concat(common, new String[] {"start", "--query", "river/river00", "--k", "2"}));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Cli again = Cli.run(concat(common, new String[] {"start", "--query", "beach/beach00"}));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("deq: error: session 's1' exists in " + sessions + "; continue it with"
                + " 'deq feedback mark', or replace it: 'deq feedback --index " + index + " --session s1 delete' first");
        Cli deleted = Cli.run(concat(common, new String[] {"delete"}));
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out().strip()).isEqualTo("deleted session s1 from " + sessions);
        Cli replaced = Cli.run(concat(common, new String[] {"start", "--query", "beach/beach00", "--k", "2"}));
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();

        // a session started on another index: its marks are refused, and the file stays as it was
        Path other = sessions.resolve("x1.json");
        Files.writeString(other, "{\"name\": \"x1\", \"index\": \"/elsewhere\", \"query\": [\"nolab/ghost\"],"
                + " \"pool\": [], \"marks\": {}, \"round\": 0}");
        String before = Files.readString(other);
        Cli refused = Cli.run("feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "x1",
                "mark", "--irrelevant", "river/river01");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("deq: error: session 'x1': none of its query examples is in the index " + index);
        assertThat(Files.readString(other)).isEqualTo(before);

        // a damaged (truncated) file can still be deleted
        Files.writeString(sessions.resolve("broken.json"), "{\"name\": \"bro");
        Cli gone = Cli.run("feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "broken",
                "delete");
        assertThat(gone.exitCode()).as(gone.err()).isZero();
        assertThat(sessions.resolve("broken.json")).doesNotExist();
        Cli absent = Cli.run("feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "broken",
                "delete");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("no feedback session named 'broken'");
    }

    @Test
    void exportNamesTheIndexAbsolutelyWithTheHistoryAndOneLimitHoldsForQueries() throws IOException {
        Path sessions = tmp.resolve("export-sessions");
        // the index as typed, relative to the working folder
        String typed = Path.of("").toAbsolutePath().relativize(index.toAbsolutePath()).toString();
        String[] common = {"feedback", "--index", typed, "--sessions", sessions.toString(), "--session", "e1"};
        Cli started = Cli.run(concat(common, new String[] {"start", "--query", "river/river00", "--pool", "1", "--k", "2"}));
        assertThat(started.exitCode()).as(started.err()).isZero();
        String next = started.out().lines().filter(l -> l.startsWith("mark next: ")).findFirst().orElseThrow()
                .substring("mark next: ".length());
        // the pool holds the query and one image besides it: once that is marked, nothing is left to suggest
        Cli marked = Cli.run(concat(common, new String[] {"mark", "--relevant", next, "--k", "2"}));
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("mark next: nothing left to mark");

        Path out = tmp.resolve("e1.json");
        Cli export = Cli.run(concat(common, new String[] {"export", "--out", out.toString()}));
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode session = new ObjectMapper().readTree(out.toFile());
        assertThat(session.get("index").asText()).isEqualTo(index.toAbsolutePath().normalize().toString());
        assertThat(session.get("history")).hasSize(1);
        assertThat(session.get("history").get(0).get(next).asBoolean()).isTrue();
        assertThat(session.get("pool")).hasSize(2);
        // a copy in the sessions folder would be one more live session
        Cli inFolder = Cli.run(concat(common, new String[] {"export", "--out", sessions.resolve("copy.json").toString()}));
        assertThat(inFolder.exitCode()).isEqualTo(2);
        assertThat(inFolder.err().strip()).isEqualTo("deq: error: --out " + sessions.resolve("copy.json") + " lies in the"
                + " sessions folder " + sessions + ", where every .json file is a session; write it elsewhere");
        assertThat(sessions.resolve("copy.json")).doesNotExist();
        Path link = Files.createSymbolicLink(sessions.resolveSibling("sessions-link"), sessions); // the same folder by another path
        Cli throughLink = Cli.run(concat(common, new String[] {"export", "--out", link.resolve("copy.json").toString()}));
        assertThat(throughLink.exitCode()).isEqualTo(2);
        assertThat(throughLink.err()).contains("lies in the sessions folder");
        assertThat(sessions.resolve("copy.json")).doesNotExist();
        // a pool beyond the archive is the whole archive, and says so
        Cli wide = Cli.run("feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "wide",
                "start", "--query", "river/river00", "--pool", "5000", "--k", "1");
        assertThat(wide.exitCode()).as(wide.err()).isZero();
        assertThat(wide.out()).contains("note: --pool 5000: the index holds 314 images besides the query example(s); the"
                + " pool is the whole archive");

        StringBuilder many = new StringBuilder("p0");
        for (int i = 1; i < 65; i++) {
            many.append(",p").append(i);
        }
        Cli tooMany = Cli.run("feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "m",
                "start", "--query", many.toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err().strip()).isEqualTo("deq: error: session 'm': 65 query examples; at most 64 make one query");
    }

    @Test
    void aTrailingCommaIsAnEmptyIdInEveryIdList() {
        Path sessions = tmp.resolve("comma-sessions");
        String[] common = {"feedback", "--index", index.toString(), "--sessions", sessions.toString(), "--session", "c1"};
        Cli start = Cli.run(concat(common, new String[] {"start", "--query", "beach/beach01,"}));
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err().strip()).isEqualTo("deq: error: --query holds an empty id");
        assertThat(sessions.resolve("c1.json")).doesNotExist();
        assertThat(Cli.run(concat(common, new String[] {"start", "--query", "beach/beach01", "--k", "1"})).exitCode()).isZero();
        Cli mark = Cli.run(concat(common, new String[] {"mark", "--irrelevant", "river/river00,"}));
        assertThat(mark.err().strip()).isEqualTo("deq: error: --irrelevant holds an empty id");
        Cli query = Cli.run("query", "--index", index.toString(), "--id", "river/river00,");
        assertThat(query.exitCode()).isEqualTo(2);
        assertThat(query.err().strip()).isEqualTo("deq: error: --id holds an empty id");
        // repeating the option still adds ids
        Cli repeated = Cli.run("query", "--index", index.toString(), "--id", "river/river00", "--id", "river/river01", "--k", "1");
        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
    }

    @Test
    void aSessionUsedOnAnotherIndexOrOnItsIndexBuiltAgainIsNotedAndStillWorks() throws IOException {
        Path archive = tmp.resolve("small-archive");
        for (String scene : List.of("river", "beach")) { // the first two pictures of each
            Path target = Files.createDirectories(archive.resolve(scene));
            try (Stream<Path> files = Files.list(tmp.resolve("ucm").resolve(scene))) {
                for (Path f : files.sorted().limit(2).toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        Path small = tmp.resolve("small");
        Path sub = tmp.resolve("smallsub");
        for (Path out : List.of(small, sub)) {
            assertThat(Cli.run("index", "--archive", archive.toString(), "--out", out.toString()).exitCode()).isZero();
        }
        Path sessions = tmp.resolve("origin-sessions");
        String[] onSmall = {"feedback", "--index", small.toString(), "--sessions", sessions.toString(), "--session", "riv"};
        Cli started = Cli.run(concat(onSmall, new String[] {"start", "--query", "river/river00", "--k", "1"}));
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).doesNotContain("another index", "built again");

        // another index's folder: noted on screen and in --json, and the marks are kept
        Path json = tmp.resolve("origin-round.json");
        Cli elsewhere = Cli.run("feedback", "--index", sub.toString(), "--sessions", sessions.toString(), "--session", "riv",
                "mark", "--irrelevant", "beach/beach00", "--k", "1", "--json", json.toString());
        assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
        String another = "session 'riv' was started on another index (folder small): its ids are read as this index's";
        assertThat(elsewhere.out()).contains("note: " + another);
        assertThat(new ObjectMapper().readTree(json.toFile()).get("notes").get(0).asText()).isEqualTo(another);
        assertThat(Cli.run(concat(onSmall, new String[] {"show", "--k", "1"})).out()).contains("round 1:")
                .doesNotContain("another index");

        // the same folder deleted and built again: another creation time
        String created = new ObjectMapper().readTree(sessions.resolve("riv.json").toFile()).get("indexCreated").asText();
        org.deq.io.FileTrees.delete(small);
        assertThat(Cli.run("index", "--archive", archive.toString(), "--out", small.toString()).exitCode()).isZero();
        Cli rebuilt = Cli.run(concat(onSmall, new String[] {"show", "--k", "1"}));
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).containsPattern("note: the index was built again since session 'riv' started \\(created"
                + " \\S+, not " + java.util.regex.Pattern.quote(created) + "\\): its ids are read as the new index's");
    }

    @Test
    void noJsonOutputLandsInTheSessionsFolderUsed() throws IOException {
        Path folder = org.deq.feedback.SessionStore.defaultFolder(index);
        String[] defaults = {"feedback", "--index", index.toString(), "--session", "own-json"};
        // the round written over the session being started: refused before anything is saved
        Path itself = folder.resolve("own-json.json");
        Cli start = Cli.run(concat(defaults, new String[] {"start", "--query", "beach/beach01", "--k", "1", "--json",
                itself.toString()}));
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err().strip()).isEqualTo("deq: error: --json " + itself + " lies in the sessions folder " + folder
                + ", where every .json file is a session; write it elsewhere");
        assertThat(itself).doesNotExist();
        Cli started = Cli.run(concat(defaults, new String[] {"start", "--query", "beach/beach01", "--k", "1"}));
        assertThat(started.exitCode()).as(started.err()).isZero();
        String saved = Files.readString(itself);
        // a new name there would be a damaged session that list shows
        Path fake = folder.resolve("x.json");
        Cli show = Cli.run(concat(defaults, new String[] {"show", "--json", fake.toString()}));
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).contains("--json " + fake + " lies in the sessions folder");
        assertThat(fake).doesNotExist();
        Cli mark = Cli.run(concat(defaults, new String[] {"mark", "--relevant", "beach/beach02", "--json", itself.toString()}));
        assertThat(mark.exitCode()).isEqualTo(2);
        assertThat(mark.err()).contains("lies in the sessions folder");
        assertThat(Files.readString(itself)).isEqualTo(saved);

        // a --sessions folder, reached through a link and a sub-folder's '..': its sessions are as safe
        Path external = tmp.resolve("external-sessions");
        String[] outside = {"feedback", "--index", index.toString(), "--sessions", external.toString(), "--session", "rb"};
        assertThat(Cli.run(concat(outside, new String[] {"start", "--query", "beach/beach01", "--k", "1"})).exitCode()).isZero();
        assertThat(Cli.run(concat(outside, new String[] {"mark", "--relevant", "beach/beach02"})).exitCode()).isZero();
        String marked = Files.readString(external.resolve("rb.json"));
        Path link = Files.createSymbolicLink(tmp.resolve("external-link"), external);
        for (Path target : List.of(external.resolve("rb.json"), link.resolve("rb.json"), link.resolve("new/../rb2.json"),
                link.resolve("deeper/round.json"))) {
            Cli refused = Cli.run(concat(outside, new String[] {"mark", "--relevant", "beach/beach03", "--json", target.toString()}));
            assertThat(refused.exitCode()).as(target.toString()).isEqualTo(2);
            assertThat(refused.err()).as(target.toString()).contains("lies in the sessions folder " + external);
        }
        assertThat(Files.readString(external.resolve("rb.json"))).isEqualTo(marked);
        assertThat(external.resolve("deeper")).doesNotExist();
        // a link elsewhere that points at a session is the session
        Path pointer = Files.createSymbolicLink(tmp.resolve("pointer.json"), external.resolve("rb.json"));
        Cli throughPointer = Cli.run(concat(outside, new String[] {"show", "--json", pointer.toString()}));
        assertThat(throughPointer.exitCode()).isEqualTo(2);
        assertThat(Files.readString(external.resolve("rb.json"))).isEqualTo(marked);
        // beside the folder is fine
        Path beside = tmp.resolve("external-sessions-round.json");
        Cli fine = Cli.run(concat(outside, new String[] {"show", "--k", "1", "--json", beside.toString()}));
        assertThat(fine.exitCode()).as(fine.err()).isZero();
        assertThat(beside).exists();
    }

    @Test
    void listOfAMissingIndexIsAnErrorAndOnlyCommandsOnOneSessionOfferSession() throws IOException {
        Path missing = tmp.resolve("no-such-index");
        Cli list = Cli.run("feedback", "--index", missing.toString(), "list");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err().strip()).isEqualTo("deq: error: " + missing + ": no such folder");
        // a folder that is no index is refused as start refuses it, not listed as holding no sessions
        Path plain = Files.createDirectories(tmp.resolve("plain-folder"));
        for (String command : List.of("list", "prune --older-than 1")) {
            Cli refused = Cli.run(("feedback --index " + plain + " " + command).split(" "));
            assertThat(refused.exitCode()).as(command).isEqualTo(2);
            assertThat(refused.err().strip()).as(command)
                    .isEqualTo("deq: error: " + plain.resolve("manifest.json") + ": missing: " + plain + " is not a deq index");
        }
        for (String command : List.of("list", "prune")) {
            Cli help = Cli.run("feedback", command, "--help");
            assertThat(help.out()).as(command).contains("--index").doesNotContain("--session=");
        }
        assertThat(Cli.run("feedback", "delete", "--help").out()).contains("--session=");
    }

    @Test
    void helpShowsRangesAndTheRequiredSessionAndHelpWorksUnderFeedback() {
        for (String command : List.of("start", "mark", "show", "export", "delete")) {
            Cli help = Cli.run("feedback", "--index", index.toString(), "help", command);
            assertThat(help.exitCode()).as(command + help.err()).isZero();
            assertThat(help.out()).as(command).contains("Usage: deq feedback " + command + " ")
                    .contains(" --session=<session>").doesNotContain("[--session=");
        }
        Cli list = Cli.run("feedback", "help", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("Usage: deq feedback list ");
        Cli unknown = Cli.run("feedback", "help", "begin");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("deq: error: unknown command 'begin' (deq feedback --help lists the commands)");
        assertThat(Cli.run("feedback", "--help").out()).contains("  help ");
        assertThat(Cli.run("feedback", "show", "--help").out()).contains("Images to propose for marking, 0.."
                + org.deq.feedback.FeedbackEngine.MAX_SUGGESTIONS + " (default 10)");
        // shown as required, it is still read before or after the subcommand's name, and its absence is one line
        Cli missing = Cli.run("feedback", "--index", index.toString(), "show");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("deq: error: --session NAME is required");
    }

    /** The output lines from the given line on (the first line carries a timing). */
    private static List<String> lines(String out, int from) {
        List<String> all = out.lines().toList();
        return all.subList(from, all.size());
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
