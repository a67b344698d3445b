package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deq.index.SearchMethod;
import org.deq.server.DeqServer;
import org.deq.server.ServerConfig;
import org.deq.store.IndexStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq serve} refuses bad input in one line; {@code deq demo --no-serve} runs to the end without blocking. */
class ServeDemoTest {

    @TempDir
    Path tmp;

    @Test
    void demoWithoutServingEndsAndServesItsIndexOnRequest() throws IOException {
        Cli demo = Cli.run("demo", "--dir", tmp.resolve("demo").toString(), "--n", "40", "--pairs", "0", "--no-serve");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("== 4. retrieval quality", "== 7. biophysical maps", "LAI     mean").doesNotContain("web UI");
        assertThat(tmp.resolve("demo/biophysical.tif")).exists();

        Cli withPairs = Cli.run("demo", "--dir", tmp.resolve("pairs").toString(), "--n", "20", "--pairs", "6", "--no-serve");
        assertThat(withPairs.exitCode()).as(withPairs.err()).isZero();
        assertThat(withPairs.out()).contains("== 5. change query", "== 6. change map", "pixels changed");
        assertThat(tmp.resolve("pairs/change-map.tif")).exists();

        Path index = tmp.resolve("demo/index");
        try (DeqServer running = DeqServer.start(index, ServerConfig.local(0))) {
            Cli busy = Cli.run("serve", "--index", index.toString(), "--port", String.valueOf(running.port()));
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.err().strip()).startsWith("deq: error: cannot listen on 127.0.0.1:" + running.port()).doesNotContain("\n");
            assertThat(ServeCommand.startLine(index, running, SearchMethod.parse("flat"), "deq 0.1.0")).isEqualTo("deq: serving "
                    + index + " (40 patches, generation 1, search flat, deq 0.1.0) at http://127.0.0.1:" + running.port() + "/");
            assertThat(ServeCommand.exposureLine(running)).as("this machine only: nothing to warn of").isNull();
            // printed with the time, as the server's log lines carry it
            assertThat(ServeCommand.stamped("deq: serving")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                    + "(Z|[+-]\\d\\d:\\d\\d) deq: serving");
        }
        try (DeqServer everywhere = DeqServer.start(index, ServerConfig.local(0).withHost("0.0.0.0"))) {
            // 0.0.0.0 is no address to open: the machine's name is
            assertThat(ServeCommand.startLine(index, everywhere, SearchMethod.parse("flat"), "deq 0.1.0"))
                    .matches(".* at http://[^/]+:" + everywhere.port() + "/ \\(listening on all interfaces\\)")
                    .doesNotContain("0.0.0.0");
            assertThat(ServeCommand.exposureLine(everywhere)).isEqualTo("deq: the API has no authentication: anyone who can"
                    + " reach port " + everywhere.port() + " can search, and start, mark and delete feedback sessions; to"
                    + " expose it, put a reverse proxy with authentication in front");
        }
    }

    @Test
    void demoResumesAnIndexThatAnInterruptedRunLeftShort() throws IOException {
        Path dir = tmp.resolve("resumed");
        // the archive a demo of 12 patches writes, and an index that holds only its first patch, as a Ctrl-C leaves it
        assertThat(Cli.run("synth", "--out", dir.resolve("archive").toString(), "--n", "12", "--seed", "7").exitCode()).isZero();
        Path first;
        try (var folders = Files.list(dir.resolve("archive"))) {
            first = folders.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        Path index = dir.resolve("index");
        assertThat(Cli.run("index", "--archive", first.toString(), "--out", index.toString()).exitCode()).isZero();
        Cli demo = Cli.run("demo", "--dir", dir.toString(), "--n", "12", "--pairs", "0", "--no-serve");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("== 2. resuming index " + index + ": it holds 1 of the archive's 12 patches",
                "11 patches (1 already present");
        try (IndexStore store = IndexStore.open(index)) {
            assertThat(store.size()).isEqualTo(12);
        }
        Cli again = Cli.run("demo", "--dir", dir.toString(), "--no-serve");
        assertThat(again.out()).contains("== 2. reusing index " + index);
    }

    @Test
    void serveSearchesWithTheIndexHashCodes() throws Exception {
        assertThat(Cli.run("demo", "--dir", tmp.resolve("demo").toString(), "--n", "40", "--pairs", "0", "--no-serve")
                .exitCode()).isZero();
        Path index = tmp.resolve("demo/index");
        Cli noCodes = Cli.run("serve", "--index", index.toString(), "--port", "0", "--search", "mih");
        assertThat(noCodes.exitCode()).isEqualTo(2);
        assertThat(noCodes.err().strip()).contains("--hash").doesNotContain("\n");

        assertThat(Cli.run("index", "--out", index.toString(), "--hash", "lsh:bits=64").exitCode()).isZero();
        // with every patch a candidate, two-stage re-ranks exactly: the same answer as the exact server
        List<String> exact;
        try (DeqServer flat = DeqServer.start(index, ServerConfig.local(0))) {
            exact = resultIds(flat.url());
        }
        try (DeqServer twoStage = DeqServer.start(index,
                ServerConfig.local(0).withSearch(SearchMethod.parse("two-stage:candidates=40")))) {
            assertThat(resultIds(twoStage.url())).hasSize(5).isEqualTo(exact);
        }
    }

    /** Ids and distances of the 5 results for the first listed patch. */
    private static List<String> resultIds(String url) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/patches?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String id = page.findValue("id").asText();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "api/search?k=5&id=" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> hits = new ArrayList<>();
        for (JsonNode hit : json.readTree(r.body()).get("hits")) {
            hits.add(hit.get("id").asText() + " " + hit.get("distance").asText());
        }
        return hits;
    }

    @Test
    void serveRefusesBadArgumentsInOneLine() {
        Cli missing = Cli.run("serve", "--index", tmp.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("deq: error: ").contains("nothing").doesNotContain("\n");
        Cli port = Cli.run("serve", "--index", tmp.toString(), "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("deq: error: --port must be within 0..65535, got 70000");
        Cli cors = Cli.run("serve", "--index", tmp.toString(), "--cors-origin", "example.org");
        assertThat(cors.exitCode()).isEqualTo(2);
        assertThat(cors.err().strip()).isEqualTo("deq: error: --cors-origin must be * or an origin such as https://example.org"
                + " (scheme and host, no path), got 'example.org'");
    }
}
