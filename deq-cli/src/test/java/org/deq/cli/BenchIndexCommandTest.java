package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code deq bench index --quick} runs every method and writes figures that hold together. */
class BenchIndexCommandTest {

    @TempDir
    Path tmp;

    /** Each refusal comes before the first measurement (nothing printed), as one line naming the option and its range. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--threads 0|--threads must be within 1..32767, got 0",
        "--threads 40000|--threads must be within 1..32767, got 40000",
        "--candidates 0|--candidates must be at least 10, got 0",
        "--sizes 50|--sizes must be within 100..16777215, got 50",
        "--sizes 20000000|--sizes must be within 100..16777215, got 20000000",
        "--codes-only -5|--codes-only must be within 100..2147483639, got -5",
        "--bits 8|--bits must be within 16..256, got 8",
        "--two-stage-bits 512|--two-stage-bits must be within 16..256, got 512",
        "--queries 0|--queries must be at least 1, got 0",
        "--repeats 0|--repeats must be at least 1, got 0",
        "--hnsw-max -1|--hnsw-max must be at least 0, got -1",
        "--dim 0|--dim must be at least 1, got 0",
        "--clusters 0|--clusters must be at least 1, got 0",
        "--spread NaN|--spread must be a number >= 0, got NaN",
        "--quick|--quick runs sizes 2000, 1000 codes only, 20 queries once; leave out --sizes, or --quick"})
    void badOptionsAreRefusedBeforeAnyMeasurement(String option, String message) {
        String[] args = ("bench index --sizes 500 --codes-only 0 " + option).split(" ");
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + message);
        assertThat(run.out()).as("nothing measured first").isEmpty();
    }

    @Test
    void quickRunMeasuresEveryMethodWithConsistentRecall() throws IOException {
        Path json = tmp.resolve("bench.json");
        Path export = tmp.resolve("export");
        Cli run = Cli.run("bench", "index", "--quick", "--json", json.toString(), "--export", export.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the method column stays aligned with the longest name, and a ratio below 1 keeps its digits
        assertThat(run.out()).contains("hamming-scan:codes-only  n=1000 ", "note: --quick measures 20 queries once")
                .doesNotContainPattern("speed-up .*: 0\\.0x");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        // the speed-up lines the README's headline figures come from are in the JSON too
        assertThat(doc.path("settings").path("queries").asInt()).isEqualTo(20); // a quick run's JSON says so
        assertThat(doc.path("speedups")).hasSize(3);
        assertThat(doc.path("speedups").get(2).path("method").asText()).isEqualTo("mih:codes-only");
        assertThat(doc.path("speedups").get(2).path("median").asDouble()).isPositive();
        Map<String, JsonNode> byMethod = new HashMap<>();
        for (JsonNode r : doc.path("results")) {
            for (String key : new String[] {"method", "n", "bits", "p50_ms", "p99_ms", "qps", "recall_at_10", "bytes_per_image", "build_s"}) {
                assertThat(r.has(key)).as(key).isTrue();
            }
            assertThat(r.get("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(r.get("p99_ms").asDouble());
            assertThat(r.get("qps").asDouble()).isPositive();
            byMethod.put(r.get("method").asText(), r);
        }
        assertThat(byMethod).containsKeys("exact-flat", "hamming-scan", "mih", "two-stage:c=500", "lucene-hnsw:m=16",
                "hamming-scan:codes-only", "mih:codes-only");
        assertThat(byMethod.get("exact-flat").get("recall_at_10").asDouble()).isEqualTo(1.0);
        // re-ranking Hamming candidates exactly can only help; MIH is exact in Hamming space
        assertThat(byMethod.get("two-stage:c=500").get("recall_at_10").asDouble())
                .isGreaterThan(byMethod.get("hamming-scan").get("recall_at_10").asDouble());
        assertThat(byMethod.get("mih:codes-only").get("recall_at_10").asDouble()).isEqualTo(1.0);
        assertThat(byMethod.get("hamming-scan").get("bytes_per_image").asDouble()).isEqualTo(8.0);
        assertThat(Files.size(export.resolve("n2000/base.f32"))).isEqualTo(4L * 2000 * 128);
        assertThat(Files.size(export.resolve("n2000/codes.u64"))).isEqualTo(8L * 2000);
    }
}
