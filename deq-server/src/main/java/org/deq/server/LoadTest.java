package org.deq.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load-test program (not a unit test): N concurrent clients on loopback send search-by-id requests for a bounded time
 * and it reports throughput, latency percentiles and the error count.
 *
 * <pre>java -cp "deq-cli/target/deq-cli.jar:deq-cli/target/lib/*" org.deq.server.LoadTest --index DIR [--clients 50] [--seconds 60] [--k 20]</pre>
 * {@code --url http://host:port} loads a running server instead of starting one on {@code --index}. Each client is a
 * thread with its own keep-alive connection ({@link KeepAliveClient}).
 */
public final class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLE_IDS = 2000;

    /** The figures of one run. */
    public record Result(int clients, double seconds, long requests, long errors, double perSecond, double p50Ms,
                         double p99Ms, double maxMs) {

        /** One line of text. */
        public String summary() {
            return String.format(Locale.ROOT, "%d clients, %.1f s: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors",
                    clients, seconds, requests, perSecond, p50Ms, p99Ms, maxMs, errors);
        }
    }

    private LoadTest() {
    }

    private static final Set<String> OPTIONS = Set.of("--url", "--index", "--clients", "--seconds", "--k");

    /** The whole number at least 1 that {@code value} of {@code option} gives, or a one-line error naming it. */
    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " must be a whole number of at least 1, not '" + value + "'");
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        Path index = null;
        int clients = 50;
        int seconds = 60;
        int k = 20;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (!OPTIONS.contains(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--url" -> url = value;
                    case "--index" -> index = Path.of(value);
                    case "--clients" -> clients = positive("--clients", value);
                    case "--seconds" -> seconds = positive("--seconds", value);
                    case "--k" -> k = positive("--k", value);
                    default -> throw new IllegalStateException(args[i]); // OPTIONS holds the cases
                }
                i++;
            }
            if ((url == null) == (index == null)) {
                throw new IllegalArgumentException("give exactly one of --index DIR or --url http://host:port");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LoadTest: " + e.getMessage() + "; usage: LoadTest (--index DIR | --url http://host:port)"
                    + " [--clients 50] [--seconds 60] [--k 20]");
            System.exit(2);
        }
        try {
            if (index != null) {
                try (DeqServer server = DeqServer.start(index, ServerConfig.local(0))) {
                    System.out.println(run("http://127.0.0.1:" + server.port(), clients, seconds, k).summary());
                }
            } else {
                System.out.println(run(url, clients, seconds, k).summary());
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) { // no index, a bad URL, no server
            System.err.println("LoadTest: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            System.exit(1);
        }
    }

    /** Runs {@code clients} threads for {@code seconds}, each querying random patch ids of the served index. */
    public static Result run(String baseUrl, int clients, int seconds, int k) throws IOException, InterruptedException {
        if (clients < 1 || seconds < 1 || k < 1) {
            throw new IllegalArgumentException("clients, seconds and k must be at least 1");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = sampleIds(http, baseUrl);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(client);
                long[] mine = new long[1024];
                int n = 0;
                try (KeepAliveClient connection = new KeepAliveClient(URI.create(baseUrl))) {
                    while (System.nanoTime() < deadline) {
                        String id = ids.get(random.nextInt(ids.size()));
                        String path = "/api/search?k=" + k + "&id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        try {
                            if (connection.get(path) != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                }
                latencies[client] = mine;
                counts[client] = n;
            }, "load-client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(clients, elapsed, total, errors.get(), total / elapsed, percentileMs(all, 0.50),
                percentileMs(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Up to {@value #SAMPLE_IDS} patch ids spread over the index, read through the API itself. */
    private static List<String> sampleIds(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        JsonNode first = page(http, baseUrl, 0, 1);
        int total = first.path("total").asInt();
        if (total == 0) {
            throw new IllegalArgumentException("the served index is empty: nothing to query");
        }
        List<String> ids = new ArrayList<>();
        int stride = Math.max(1, total / SAMPLE_IDS);
        for (int offset = 0; offset < total && ids.size() < SAMPLE_IDS; offset += stride * 500) {
            for (JsonNode p : page(http, baseUrl, offset, 500).path("patches")) {
                ids.add(p.path("id").asText());
            }
        }
        return ids;
    }

    private static JsonNode page(HttpClient http, String baseUrl, int offset, int limit) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/patches?offset=" + offset + "&limit=" + limit)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(baseUrl + " answered " + r.statusCode() + " to /api/patches: is it a deq server?");
        }
        return JSON.readTree(r.body());
    }
}
