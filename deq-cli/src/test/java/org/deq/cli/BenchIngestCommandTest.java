package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq bench ingest --quick} warms up untimed, then writes its settings beside results named as the console names them. */
class BenchIngestCommandTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunWritesSettingsAndNamesSparkParallelismAsWorkers() throws IOException {
        Path json = tmp.resolve("ingest.json");
        Cli run = Cli.run("bench", "ingest", "--quick", "--spark", "local[2]", "--spark-conf", "spark.ui.enabled=false",
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int cores = Runtime.getRuntime().availableProcessors();
        String out = run.out();
        assertThat(out).contains("warm-up        threads=" + cores + "  read 200 patches, read+described 200 (untimed)")
                .contains("spark-ingest   workers=2 ");
        assertThat(out.indexOf("warm-up")).as("before every measurement").isLessThan(out.indexOf("read           threads=1"));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode settings = doc.path("settings");
        assertThat(settings.path("synthetic").asLong()).isEqualTo(200);
        assertThat(settings.path("repeats").asInt()).isEqualTo(1);
        assertThat(settings.path("threads").asInt()).isEqualTo(cores);
        assertThat(settings.path("cores").asInt()).isEqualTo(cores);
        assertThat(settings.path("warmUpDescribed").asInt()).isEqualTo(200);
        assertThat(settings.path("sparkMaster").asText()).isEqualTo("local[2]");
        assertThat(settings.path("sparkConf").path("spark.ui.enabled").asText()).isEqualTo("false");
        assertThat(settings.path("descriptor").asText()).isNotEmpty();
        JsonNode results = doc.path("results");
        JsonNode spark = results.get(results.size() - 1);
        assertThat(spark.path("stage").asText()).isEqualTo("spark-ingest");
        assertThat(spark.path("workers").asInt()).isEqualTo(2);
        assertThat(spark.has("threads")).isFalse();
        assertThat(results.get(0).path("stage").asText()).isEqualTo("read");
        assertThat(results.get(0).path("threads").asInt()).isEqualTo(1);
        assertThat(results.get(0).has("workers")).isFalse();
        assertThat(results.get(0).path("medianPatchesPerSecond").asDouble()).isPositive();
    }

    @Test
    void threadsBelowOneIsOneLineNamingTheOption() {
        Cli run = Cli.run("bench", "ingest", "--quick", "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: --threads must be within 1..32767, got 0");
        assertThat(run.out()).isEmpty();
    }
}
