package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.index.SearchMethod;
import org.deq.server.DeqServer;
import org.deq.server.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Hashing end to end through the CLI on a real UC Merced subset: index --hash, query/eval --search, retrain, ksh on a split. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HashCliTest {

    private static final int CLASSES = 8;
    private static final int PER_CLASS = 40;

    private Path tmp;
    private Path index;

    /** An index of the first 40 pictures of 8 UC Merced classes (folder labels), built once for the class. */
    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        tmp = dir;
        Path images = TestData.require("uc-merced-landuse").resolve("Images");
        Path archive = tmp.resolve("archive");
        List<Path> classes;
        try (Stream<Path> s = Files.list(images)) {
            classes = s.sorted().limit(CLASSES).toList();
        }
        for (Path c : classes) {
            Path target = Files.createDirectories(archive.resolve(c.getFileName().toString()));
            try (Stream<Path> s = Files.list(c)) {
                for (Path p : s.sorted().limit(PER_CLASS).toList()) {
                    Files.copy(p, target.resolve(p.getFileName().toString()));
                }
            }
        }
        index = tmp.resolve("idx");
        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist+lbp", "--out", index.toString(),
                "--hash", "lsh:bits=16");
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed " + CLASSES * PER_CLASS + " patches", "hash encoder lsh:bits=16");
    }

    private double mapAt20(String search, String... protocol) throws IOException {
        return mapAt20(index, search, protocol);
    }

    private double mapAt20(Path evaluated, String search, String... protocol) throws IOException {
        Path json = tmp.resolve("eval.json");
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--index", evaluated.toString(), "--k", "20",
                "--no-full-ranking", "--search", search, "--json", json.toString()));
        args.addAll(List.of(protocol));
        Cli eval = Cli.run(args.toArray(String[]::new));
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        return new ObjectMapper().readTree(json.toFile()).get("map_at_k").asDouble();
    }

    private void rehash(String spec, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("index", "--out", index.toString(), "--hash", spec));
        args.addAll(List.of(extra));
        Cli hashed = Cli.run(args.toArray(String[]::new));
        assertThat(hashed.exitCode()).as(hashed.err()).isZero();
        assertThat(hashed.out()).contains("hash encoder " + spec.split(":")[0], CLASSES * PER_CLASS + " patches encoded");
    }

    @Test
    void qualityGrowsWithBitsAndTwoStageComesBackToExact() throws IOException {
        double exact = mapAt20("flat");
        rehash("lsh:bits=16");
        double bits16 = mapAt20("hamming");
        rehash("lsh:bits=128");
        double bits128 = mapAt20("mih");
        assertThat(bits16).isLessThan(bits128);
        assertThat(bits128).isLessThan(exact + 1e-9);
        // every item a candidate: the re-rank is the exact ranking
        assertThat(mapAt20("two-stage:candidates=" + CLASSES * PER_CLASS)).isEqualTo(exact);
    }

    @Test
    void iterativeQuantizationBeatsRandomHyperplanesOnRealDescriptors() throws IOException {
        rehash("lsh:bits=32");
        double lsh = mapAt20("hamming");
        rehash("itq:bits=32");
        double itq = mapAt20("hamming");
        assertThat(itq).isGreaterThan(lsh + 0.02);
        // hsv-hist + lbp has fewer than 256 dimensions: one ITQ bit per principal direction cannot reach 256
        Cli tooLong = Cli.run("index", "--out", index.toString(), "--hash", "itq:bits=256");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err().strip()).contains("at most one bit per descriptor dimension").doesNotContain("\n");
    }

    @Test
    void supervisedHashingLearnsFromTheTrainSplitAndBeatsLshOnUnseenQueries() throws IOException {
        String[] protocol = {"--queries", "test", "--database", "test", "--split", "60/40", "--seed", "1"};
        rehash("lsh:bits=32");
        double lsh = mapAt20("hamming", protocol);
        rehash("ksh:bits=32,anchors=100,samples=192", "--split", "60/40", "--seed", "1");
        double ksh = mapAt20("hamming", protocol);
        assertThat(ksh).isGreaterThan(lsh + 0.05);
        rehash("deep:bits=32,hidden=64,epochs=80", "--split", "60/40", "--seed", "1");
        double deep = mapAt20("hamming", protocol);
        assertThat(deep).isGreaterThan(lsh + 0.05);
        Cli onTrainingImages = Cli.run("eval", "--index", index.toString(), "--search", "hamming");
        assertThat(onTrainingImages.out()).contains("note: deep:bits=32,epochs=80,hidden=64 learned from labels",
                "--split 60/40 --seed 1, the split it was trained with");
        assertThat(Cli.run(concat(new String[] {"eval", "--index", index.toString(), "--search", "hamming"}, protocol)).out())
                .doesNotContain("note:");
        // the split is recorded with the codes: a test part drawn otherwise holds training images
        Cli otherSplit = Cli.run("eval", "--index", index.toString(), "--search", "hamming", "--queries", "test",
                "--split", "60/40", "--seed", "2");
        assertThat(otherSplit.out()).contains("note: deep:bits=32,epochs=80,hidden=64 learned from the train part of "
                + "--split 60/40 --seed 1; the test part of --split 60/40 --seed 2 holds some of its training images");
        Cli unknownParameter = Cli.run("index", "--out", index.toString(), "--hash", "deep:bits=32,depth=2");
        assertThat(unknownParameter.exitCode()).isEqualTo(2);
        assertThat(unknownParameter.err().strip()).contains("unknown parameter 'depth'").doesNotContain("\n");
        Cli unsupervisedSplit = Cli.run("index", "--out", index.toString(), "--hash", "lsh:bits=16", "--split", "50/50");
        assertThat(unsupervisedSplit.exitCode()).isEqualTo(2);
        assertThat(unsupervisedSplit.err()).contains("lsh:bits=16 learns without labels");
        Cli noTraining = Cli.run("index", "--out", index.toString(), "--hash", "deep:bits=16", "--split", "0/100");
        assertThat(noTraining.exitCode()).isEqualTo(2);
        assertThat(noTraining.err().strip()).contains("--split 0/100 leaves no training images");
    }

    @Test
    void multiCodeHashingOfLocalHistogramRegionsKeepsExactQuality() throws Exception {
        Path regions = tmp.resolve("regions");
        // exact search by L2, the distance the README's multi-code figures compare with
        Cli built = Cli.run("index", "--archive", tmp.resolve("archive").toString(), "--descriptor", "local-hist:grid=4,bins=8",
                "--distance", "l2", "--out", regions.toString(), "--hash", "lsh:bits=32");
        assertThat(built.exitCode()).as(built.err()).isZero();
        Cli untrained = Cli.run("eval", "--index", regions.toString(), "--search", "multi-code");
        assertThat(untrained.exitCode()).isEqualTo(2);
        assertThat(untrained.err().strip()).contains("--multi-code 8").doesNotContain("\n");
        Cli trained = Cli.run("index", "--out", regions.toString(), "--multi-code", "8");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("multi-code model of 8 primitive clusters (lsh:bits=32 codes)");
        double exact = mapAt20(regions, "flat");
        double multiCode = mapAt20(regions, "multi-code");
        // the stored model: every later command ranks identically
        assertThat(multiCode).isGreaterThan(0.9 * exact).isEqualTo(mapAt20(regions, "multi-code"));
        // the server searches with the same stored model
        Cli query = Cli.run("query", "--index", regions.toString(), "--id", "agricultural/agricultural05", "--k", "5",
                "--search", "multi-code");
        assertThat(query.exitCode()).as(query.err()).isZero();
        List<String> cliIds = query.out().lines().skip(1).map(l -> l.trim().split("\\s+")[2]).toList();
        try (DeqServer server = DeqServer.start(regions, ServerConfig.local(0).withSearch(SearchMethod.parse("multi-code")))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                    + "api/search?k=5&id=" + URLEncoder.encode("agricultural/agricultural05", StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> apiIds = new ArrayList<>();
            new ObjectMapper().readTree(r.body()).path("hits").forEach(h -> apiIds.add(h.path("id").asText()));
            assertThat(apiIds).containsExactlyElementsOf(cliIds);
        }
        Cli wrong = Cli.run("index", "--out", index.toString(), "--multi-code", "8");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).contains("local-hist").doesNotContain("\n");
    }

    @Test
    void retrainingTheHashRetrainsOrDropsTheMultiCodeModelAndInfoSaysHowBothWereTrained() throws IOException {
        Path mc = tmp.resolve("mc-retrain");
        Cli built = Cli.run("index", "--archive", tmp.resolve("archive").toString(), "--descriptor", "local-hist:grid=2,bins=4",
                "--out", mc.toString(), "--hash", "lsh:bits=16", "--multi-code", "4");
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).doesNotContain("replaces");
        // an unsupervised encoder: the model is retrained for its codes, with the same clusters
        Cli lsh32 = Cli.run("index", "--out", mc.toString(), "--hash", "lsh:bits=32");
        assertThat(lsh32.exitCode()).as(lsh32.err()).isZero();
        assertThat(lsh32.out()).contains("hash encoder lsh:bits=32 trained (replaces lsh:bits=16)",
                "multi-code model retrained with lsh:bits=32 codes (4 clusters; it had lsh:bits=16 codes)");
        Cli eval = Cli.run("eval", "--index", mc.toString(), "--search", "multi-code", "--k", "5");
        assertThat(eval.out()).contains("multi-code of 4 clusters over lsh:bits=32");
        Cli info = Cli.run("info", "--index", mc.toString());
        assertThat(info.out()).contains("hash        lsh:bits=32, trained without labels",
                "multi-code  4 clusters, lsh:bits=32 codes");
        Cli tooMany = Cli.run("index", "--out", mc.toString(), "--multi-code", "100000");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err().strip()).isEqualTo("deq: error: --multi-code 100000: at most " + 4 * CLASSES * PER_CLASS
                + " clusters, the regions of " + CLASSES * PER_CLASS + " patches (4 each)");
        // a supervised encoder: multi-code codes take an unsupervised one, so the model goes
        Cli ksh = Cli.run("index", "--out", mc.toString(), "--hash", "ksh:bits=16,anchors=50,samples=100", "--seed", "1");
        assertThat(ksh.exitCode()).as(ksh.err()).isZero();
        assertThat(ksh.out()).contains("multi-code model of 4 clusters, lsh:bits=32 codes dropped");
        Path json = tmp.resolve("info.json");
        info = Cli.run("info", "--index", mc.toString(), "--json", json.toString());
        assertThat(info.out()).contains("multi-code  none", "trained on the labels of the 60/40 split's train part (seed 1, over "
                + CLASSES * PER_CLASS + " patches)");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("encoderTrainedOn").path("split").asText()).isEqualTo("60/40");
        assertThat(doc.path("encoderTrainedOn").path("seed").asLong()).isEqualTo(1);
        assertThat(doc.path("multiCodeModel").isNull()).isTrue();
        assertThat(Cli.run("eval", "--index", mc.toString(), "--search", "multi-code").err()).contains("has no multi-code model");
        // an encoder the whole descriptors take but a region's few values cannot: the hash is trained, the model goes
        assertThat(Cli.run("index", "--out", mc.toString(), "--hash", "lsh:bits=16", "--multi-code", "4").exitCode()).isZero();
        Cli itq = Cli.run("index", "--out", mc.toString(), "--hash", "itq:bits=40");
        assertThat(itq.exitCode()).as(itq.err()).isZero();
        assertThat(itq.out()).contains("hash encoder itq:bits=40,iterations=50,samples=20000 trained (replaces lsh:bits=16)",
                "multi-code model of 4 clusters, lsh:bits=16 codes dropped: its regions of 12 values cannot take"
                        + " itq:bits=40,iterations=50,samples=20000"
                        + " codes (itq gives at most one bit per descriptor dimension");
        // the same encoder with --multi-code in one command: refused whole, the encoder and model stored stay
        assertThat(Cli.run("index", "--out", mc.toString(), "--hash", "lsh:bits=16", "--multi-code", "4").exitCode()).isZero();
        Cli both = Cli.run("index", "--out", mc.toString(), "--hash", "itq:bits=40", "--multi-code", "4");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.out()).doesNotContain("replaces");
        assertThat(both.err().strip()).startsWith("deq: error: --multi-code 4 codes each region of 12 values with"
                + " itq:bits=40,iterations=50,samples=20000, which it cannot take (itq gives at most one bit").contains("nothing was stored");
        assertThat(Cli.run("info", "--index", mc.toString()).out()).contains("hash        lsh:bits=16",
                "multi-code  4 clusters, lsh:bits=16 codes");
        // too many clusters is said as such, before any training
        Cli clusters = Cli.run("index", "--out", mc.toString(), "--hash", "lsh:bits=32", "--multi-code", "100000");
        assertThat(clusters.exitCode()).isEqualTo(2);
        assertThat(clusters.out()).doesNotContain("hash encoder");
        assertThat(clusters.err().strip()).startsWith("deq: error: --multi-code 100000: at most ");
    }

    @Test
    void supervisedSplitsAreCheckedBeforeTheIngestAndReducedParametersNoted() throws IOException {
        Path never = tmp.resolve("never");
        Cli noTraining = Cli.run("index", "--archive", tmp.resolve("archive").toString(), "--out", never.toString(),
                "--hash", "ksh:bits=16", "--split", "0/100");
        assertThat(noTraining.exitCode()).isEqualTo(2);
        assertThat(noTraining.out()).doesNotContain("indexed");
        assertThat(noTraining.err().strip()).isEqualTo("deq: error: --split 0/100 leaves no training images for --hash ksh:bits=16");
        assertThat(never).doesNotExist();
        // no test part: nothing to evaluate on unseen images, so no hint to
        rehash("ksh:bits=16,anchors=50,samples=100", "--split", "100/0", "--seed", "1");
        Cli all = Cli.run("index", "--out", index.toString(), "--hash", "ksh:bits=16,anchors=50,samples=100", "--split", "100/0");
        assertThat(all.out()).contains("the split has no test part").doesNotContain("--queries test");
        // 4 training images per class: the default anchors and samples are cut down to the 32, and said so
        Cli few = Cli.run("index", "--out", index.toString(), "--hash", "ksh:bits=16", "--split", "10/90");
        assertThat(few.exitCode()).as(few.err()).isZero();
        assertThat(few.out()).contains("note: anchors=300 (the default) was asked and 32 used (limited by the 32 training descriptors)",
                "note: samples=1000 (the default) was asked and 32 used");
    }

    @Test
    void queriesBySearchMethodAreRepeatableAndBadMethodsOneLine() throws IOException {
        rehash("lsh:bits=64");
        String id = "agricultural/agricultural05";
        for (String search : new String[] {"hamming", "mih", "two-stage:candidates=50"}) {
            Cli first = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5", "--search", search);
            Cli again = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5", "--search", search);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("5 results", "over lsh:bits=64").doesNotContain(id + " ");
            // the first line carries the timing; the results must be identical
            assertThat(first.out().lines().skip(1).toList()).hasSize(5).isEqualTo(again.out().lines().skip(1).toList());
        }
        // a hash-table lookup sees only codes within its probe radius: at most k results, none farther than 3 bits
        Cli table = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5", "--search", "table:radius=3");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<Double> distances = table.out().lines().skip(1).filter(l -> !l.startsWith("note:"))
                .map(l -> Double.parseDouble(l.trim().split("\\s+")[1])).toList();
        assertThat(distances).hasSizeLessThanOrEqualTo(5).allMatch(d -> d <= 3);
        Cli narrow = Cli.run("query", "--index", index.toString(), "--id", id, "--k", "5", "--search", "table:radius=0");
        assertThat(narrow.out()).contains("within Hamming radius 0", "--search mih finds the 5 nearest codes");
        // evaluated, two-stage gives its own top-k figures and a map_full of its ranking continued in Hamming order,
        // not exact search's (which a search for every item, re-ranking them all, would be); a table probe has none
        JsonNode exact = evalJson("flat");
        JsonNode hamming = evalJson("hamming");
        JsonNode twoStage = evalJson("two-stage:candidates=10");
        assertThat(twoStage.get("protocol").asText()).contains("ranking=full");
        assertThat(twoStage.get("notes")).isEmpty();
        assertThat(twoStage.get("map_full").asDouble()).isNotIn(exact.get("map_full").asDouble(), hamming.get("map_full").asDouble());
        assertThat(twoStage.get("map_at_k").asDouble()).isEqualTo(evalJson("two-stage:candidates=10", "--no-full-ranking")
                .get("map_at_k").asDouble());
        assertThat(evalJson("two-stage:candidates=" + CLASSES * PER_CLASS).get("map_full").asDouble())
                .isEqualTo(exact.get("map_full").asDouble());
        Cli tableEval = Cli.run("eval", "--index", index.toString(), "--k", "10", "--search", "table");
        assertThat(tableEval.out()).contains("note: --search table ranks only its candidates", "ranking=top-k",
                "mAP (full ranking)     -");
        assertThat(Cli.run("eval", "--index", index.toString(), "--k", "10", "--search", "table", "--full-ranking").err())
                .contains("leave out --full-ranking");
        Cli bad = Cli.run("query", "--index", index.toString(), "--id", id, "--search", "hnsw");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("unknown search method 'hnsw'").doesNotContain("\n");
    }

    /** {@code deq eval --k 10 --search SEARCH} with {@code extra} options, as its JSON figures. */
    private JsonNode evalJson(String search, String... extra) throws IOException {
        Path json = tmp.resolve("eval-k10.json");
        Cli eval = Cli.run(concat(new String[] {"eval", "--index", index.toString(), "--k", "10", "--search", search, "--json",
                json.toString()}, extra));
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
