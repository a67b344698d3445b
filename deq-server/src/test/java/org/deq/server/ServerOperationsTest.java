package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deq.archive.Archives;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.io.FileTrees;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator needs of a long-running server: new commits served without a restart, a health probe, a graceful
 * stop, a sessions folder elsewhere, CORS, a request log, and client errors that name no server path.
 */
class ServerOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = TestIndex.NO_PAIRS_SINGLES;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    /** A copy of the small test index, for a test to add to. */
    private Path copyIndex() throws IOException {
        return TestIndex.copy(TestIndex.noPairsIndex(), tmp.resolve("index"));
    }

    /** Commits patches with the first patch's descriptor, as another process's deq index would. */
    private static void add(Path index, Map<String, String> sourceById) throws IOException {
        TestIndex.addLikeFirst(index, sourceById);
    }

    private static ServerConfig config() {
        return ServerConfig.local(0).withReloadCheck(Duration.ZERO);
    }

    private static HttpResponse<String> get(DeqServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(DeqServer server, String path, String json) throws Exception {
        return send(server, "POST", path, json);
    }

    /** A request with a JSON body (none when null) and the given header names and values. */
    private static HttpResponse<String> send(DeqServer server, String method, String path, String json, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    private static String error(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body()).path("error").asText();
    }

    /** The health answer once it meets {@code condition}, polled for up to 10 s (a new commit is opened in the background). */
    private static JsonNode eventually(DeqServer server, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        JsonNode health = json(get(server, "/api/health"));
        while (!condition.test(health) && System.nanoTime() < until) {
            Thread.sleep(20);
            health = json(get(server, "/api/health"));
        }
        assertThat(condition.test(health)).as(health.toString()).isTrue();
        return health;
    }

    @Test
    void aCommitByAnotherProcessIsServedWithoutARestart() throws Exception {
        Path index = copyIndex();
        try (DeqServer server = DeqServer.start(index, config())) {
            assertThat(json(get(server, "/api/stats")).path("patches").asInt()).isEqualTo(N);
            assertThat(get(server, "/api/patch?id=added").statusCode()).isEqualTo(404);
            add(index, Map.of("added", ""));
            // a request starts the look and is answered at once; the new state is opened in the background
            JsonNode health = eventually(server, h -> h.path("generation").asLong() == 2);
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("patches").asInt()).isEqualTo(N + 1);
            assertThat(health.path("reloadError").isNull()).isTrue();
            assertThat(json(get(server, "/api/stats")).path("patches").asInt()).isEqualTo(N + 1); // rebuilt, not cached
            assertThat(json(get(server, "/api/patch?id=added")).path("id").asText()).isEqualTo("added");
            // the new search engine holds it: it is its twin's nearest
            String twin = firstId(index);
            assertThat(json(get(server, "/api/search?k=1&id=" + twin)).path("hits").get(0).path("id").asText()).isEqualTo("added");
        }
    }

    @Test
    void anIndexBuiltAgainInTheSameFolderServesItsOwnPicturesAndSaysItWasRebuilt() throws Exception {
        Path index = tmp.resolve("rebuilt");
        Path red = picture("red.png", Color.RED);
        Path blue = picture("blue.png", Color.BLUE);
        onePictureIndex(index, red);
        try (DeqServer server = DeqServer.start(index, config())) {
            JsonNode before = json(get(server, "/api/health"));
            HttpResponse<byte[]> first = getBytes(server, "/api/thumbnail?id=pic");
            assertThat(first.statusCode()).isEqualTo(200);
            String tag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
            // the browser's revalidation: nothing drawn or sent while the index is the same build
            HttpResponse<byte[]> again = getBytes(server, "/api/thumbnail?id=pic", "If-None-Match", tag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(tag);

            FileTrees.delete(index); // rm -rf idx && deq index --out idx, from another archive
            onePictureIndex(index, blue);
            JsonNode after = eventually(server, h -> !h.path("created").equals(before.path("created")));
            // the figures alone read as nothing changed; created and updated do not
            assertThat(after.path("generation").asLong()).isEqualTo(before.path("generation").asLong());
            assertThat(after.path("patches").asInt()).isEqualTo(before.path("patches").asInt());
            assertThat(after.path("updated")).isNotEqualTo(before.path("updated"));
            HttpResponse<byte[]> rebuilt = getBytes(server, "/api/thumbnail?id=pic", "If-None-Match", tag);
            assertThat(rebuilt.statusCode()).as("the old build's tag is stale").isEqualTo(200);
            assertThat(rebuilt.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(tag));
            assertThat(centre(rebuilt.body())).as("the new picture, not the cached one").isEqualTo(Color.BLUE.getRGB());
            assertThat(centre(first.body())).isEqualTo(Color.RED.getRGB());
        }
    }

    @Test
    void aFolderBuiltAgainKeepsTheOldIndexServedUntilTheNewOneHasPatches() throws Exception {
        Path index = tmp.resolve("rebuilding");
        onePictureIndex(index, picture("red.png", Color.RED));
        try (DeqServer server = DeqServer.start(index, config())) {
            JsonNode before = json(get(server, "/api/health"));
            FileTrees.delete(index); // rm -rf idx && deq index --out idx: its first commit holds no patch yet
            Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
            try (IndexStore empty = IndexStore.create(index, d, Distance.L2)) {
                // a look while the folder was being deleted may say so first: wait for the empty index's own reason
                JsonNode building = eventually(server, h -> h.path("reloadError").asText().contains("no patches committed yet"));
                assertThat(building.path("status").asText()).isEqualTo("degraded");
                assertThat(building.path("reloadError").asText()).contains("no patches committed yet", "serving the previous one");
                assertThat(building.path("patches").asInt()).isEqualTo(1);
                assertThat(building.path("created")).isEqualTo(before.path("created"));
                assertThat(json(get(server, "/api/patch?id=pic")).path("id").asText()).isEqualTo("pic");
                try (StoreWriter w = empty.writer()) { // the build's first patches: served from now on
                    w.add(PatchMeta.of("pic2", picture("blue.png", Color.BLUE).toString()), new float[d.dimension()]);
                    w.commit();
                }
            }
            JsonNode built = eventually(server, h -> h.path("reloadError").isNull() && !h.path("created").equals(before.path("created")));
            assertThat(built.path("status").asText()).isEqualTo("ok");
            assertThat(json(get(server, "/api/patch?id=pic2")).path("id").asText()).isEqualTo("pic2");
        }
    }

    @Test
    void refiningAnUploadListAfterARebuildWithAnotherDescriptorAsksToSearchAgain() throws Exception {
        Path index = tmp.resolve("redescribed");
        Path red = picture("red.png", Color.RED);
        Path blue = picture("blue.png", Color.BLUE);
        pictureIndex(index, "hsv-hist", red, blue);
        try (DeqServer server = DeqServer.start(index, config())) {
            JsonNode before = json(get(server, "/api/health"));
            String boundary = "deqtest";
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"mine.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] png = Files.readAllBytes(red);
            byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[body.length + png.length + end.length];
            System.arraycopy(body, 0, all, 0, body.length);
            System.arraycopy(png, 0, all, body.length, png.length);
            System.arraycopy(end, 0, all, body.length + png.length, end.length);
            HttpResponse<String> searched = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/search/upload?k=2")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build(), HttpResponse.BodyHandlers.ofString());
            String resultId = json(searched).path("resultId").asText();
            String refine = "{\"resultId\": \"" + resultId + "\", \"relevant\": [\"pic1\"]}";
            assertThat(post(server, "/api/feedback/refine?k=1", refine).statusCode()).isEqualTo(200);

            FileTrees.delete(index); // built again with another descriptor: the upload's histogram means nothing to it
            pictureIndex(index, "hsv-hist:h=4,s=2,v=2", red, blue);
            eventually(server, h -> !h.path("created").equals(before.path("created")));
            assertThat(error(post(server, "/api/feedback/refine?k=1", refine), 409)).startsWith("the list's example"
                    + " 'upload:mine.png' was described for an earlier build of the index, which describes images otherwise now"
                    + " (hsv-hist:h=4,s=2,v=2").endsWith("): search with the image again, then refine");
        }
    }

    /** An index of {@code pictures} (ids pic0, pic1, ...) described by {@code spec}. */
    private static void pictureIndex(Path index, String spec, Path... pictures) throws IOException {
        Descriptor d = DescriptorSpecs.parse(spec);
        try (IndexStore store = IndexStore.create(index, d, Distance.L1); StoreWriter w = store.writer()) {
            for (int i = 0; i < pictures.length; i++) {
                w.add(PatchMeta.of("pic" + i, pictures[i].toString()), d.describe(Archives.readPatch(pictures[i])));
            }
            w.commit();
        }
    }

    /** A one-patch index, id {@code pic}, whose patch is the picture {@code source}. */
    private static void onePictureIndex(Path index, Path source) throws IOException {
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        try (IndexStore store = IndexStore.create(index, d, Distance.L2); StoreWriter w = store.writer()) {
            w.add(PatchMeta.of("pic", source.toString()), new float[d.dimension()]);
            w.commit();
        }
    }

    private Path picture(String name, Color color) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        Path file = tmp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static int centre(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
        return image.getRGB(image.getWidth() / 2, image.getHeight() / 2) | 0xFF000000;
    }

    private static HttpResponse<byte[]> getBytes(DeqServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theReloadLineNamesAnEncoderTrainedOrTrainedAgain() throws Exception {
        Path index = copyIndex();
        try (IndexStore none = IndexStore.open(index)) {
            train(index, "lsh:bits=16");
            try (IndexStore lsh = IndexStore.open(index)) {
                assertThat(LiveIndex.reloaded(none, lsh)).isEqualTo("now at generation 1, " + N + " patches; encoder"
                        + " lsh:bits=16 (was none)");
                train(index, "lsh:bits=16"); // deq index --hash again: the same spec and figures, other codes
                try (IndexStore again = IndexStore.open(index)) {
                    assertThat(LiveIndex.reloaded(lsh, again)).isEqualTo("now at generation 1, " + N + " patches; encoder"
                            + " lsh:bits=16 trained again");
                }
            }
        }
        Path other = tmp.resolve("other");
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=4,bands=s2");
        try (IndexStore store = IndexStore.create(other, d, Distance.L2); StoreWriter w = store.writer()) {
            w.add(PatchMeta.of("a", ""), new float[d.dimension()]);
            w.commit();
        }
        try (IndexStore before = IndexStore.open(index); IndexStore rebuilt = IndexStore.open(other)) {
            assertThat(LiveIndex.reloaded(before, rebuilt)).isEqualTo("rebuilt (created " + rebuilt.created() + "), now at"
                    + " generation 1, 1 patch; descriptor spectral-hist:bins=4,bands=s2 (was spectral-hist:bins=8,bands=s2);"
                    + " encoder none (was lsh:bits=16)");
        }
    }

    /** Trains and commits the hash encoder {@code spec} on the index's vectors, as deq index --hash does. */
    private static void train(Path index, String spec) throws IOException {
        try (IndexStore store = IndexStore.open(index); StoreWriter w = store.writer()) {
            int dim = store.config().dimension();
            w.setEncoder(Encoders.parse(spec).train(store.vectors(), store.size(), dim, null, 7), null);
            w.commit();
        }
    }

    @Test
    void requestsDuringTheOpenOfACommitAreAnsweredFromTheStateBeforeWhichClosesAfterTheLast() throws Exception {
        Path index = copyIndex();
        ServerConfig config = config();
        SessionsFolder sessions = SessionsFolder.check(index.resolve("feedback-sessions"), index);
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        LiveIndex.Opener slow = () -> { // as a large index's vectors take seconds to read
            opening.countDown();
            awaitLatch(proceed);
            return ServedIndex.open(index, config, sessions);
        };
        try (LiveIndex live = new LiveIndex(index, ServedIndex.open(index, config, sessions), Duration.ZERO, slow)) {
            ServedIndex running = live.hold();
            add(index, Map.of("added", ""));
            live.hold().release(); // this request starts the look
            assertThat(opening.await(10, TimeUnit.SECONDS)).isTrue();
            // the commit is being opened: a request neither waits for it nor sees it
            ServedIndex meanwhile = assertTimeoutPreemptively(Duration.ofSeconds(5), live::hold);
            assertThat(meanwhile).isSameAs(running);
            assertThat(meanwhile.store().size()).isEqualTo(N);
            meanwhile.release();
            proceed.countDown();
            ServedIndex next = live.hold();
            for (long until = System.nanoTime() + 10_000_000_000L; next == running && System.nanoTime() < until; ) {
                next.release();
                Thread.sleep(10);
                next = live.hold();
            }
            assertThat(next.store().size()).isEqualTo(N + 1);
            assertThat(running.store().size()).isEqualTo(N);
            assertThat(running.meta(running.store().meta(0).id())).isNotNull(); // still open for its request
            running.release();
            assertThatThrownBy(() -> running.store().ordinal("x")).as("closed after its last request").isNotNull();
            assertThat(next.meta("added")).isNotNull();
            next.release();
        }
    }

    @Test
    void aCommitStillOpeningWhenTheServerStopsIsClosedOnceOpen() throws Exception {
        Path index = copyIndex();
        ServerConfig config = config();
        SessionsFolder sessions = SessionsFolder.check(index.resolve("feedback-sessions"), index);
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<ServedIndex> opened = new CompletableFuture<>();
        LiveIndex.Opener slow = () -> {
            opening.countDown();
            awaitLatch(proceed);
            ServedIndex state = ServedIndex.open(index, config, sessions);
            opened.complete(state);
            return state;
        };
        LiveIndex live = new LiveIndex(index, ServedIndex.open(index, config, sessions), Duration.ZERO, slow);
        ServedIndex old = live.hold();
        add(index, Map.of("added", ""));
        live.hold().release();
        assertThat(opening.await(10, TimeUnit.SECONDS)).isTrue();
        live.close();
        proceed.countDown();
        ServedIndex state = opened.get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + 10_000_000_000L;
        while (state.hold() && System.nanoTime() < until) { // the reloader gives it back once it sees the stop
            state.release();
            Thread.sleep(10);
        }
        assertThat(state.hold()).as("closed, never served").isFalse();
        assertThat(old.store().size()).isEqualTo(N); // the request on the old state goes on
        old.release();
    }

    @Test
    void aCaptionWithoutAnotherLabelledPatchToVoteIsA409() throws Exception {
        Path index = tmp.resolve("one-labelled");
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        try (IndexStore store = IndexStore.create(index, d, Distance.L2); StoreWriter w = store.writer()) {
            w.add(PatchMeta.of("labelled", "").withLabels(List.of("Sea")), new float[d.dimension()]);
            w.add(PatchMeta.of("unlabelled", ""), new float[d.dimension()]);
            w.commit();
        }
        try (DeqServer server = DeqServer.start(index, config())) {
            HttpResponse<String> caption = get(server, "/api/caption?id=labelled");
            assertThat(caption.statusCode()).isEqualTo(409); // a valid request this index cannot answer, not a bad one
            assertThat(caption.body()).isEqualTo("{\"error\":\"cannot caption 'labelled': no other patch of the index has labels"
                    + " to vote\"}");
        }
    }

    @Test
    void anUnlabelledIndexIsA409ForCaptionsAndEvaluationAlike() throws Exception {
        Path index = tmp.resolve("unlabelled");
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        try (IndexStore store = IndexStore.create(index, d, Distance.L2); StoreWriter w = store.writer()) {
            w.add(PatchMeta.of("a", ""), new float[d.dimension()]);
            w.add(PatchMeta.of("b", ""), new float[d.dimension()]);
            w.commit();
        }
        try (DeqServer server = DeqServer.start(index, config())) {
            // a valid request this index cannot answer: the same status whichever asks
            assertThat(error(get(server, "/api/caption?id=a"), 409)).startsWith("the index has no labels to caption from");
            assertThat(error(get(server, "/api/eval"), 409)).contains("label");
        }
    }

    @Test
    void csvExportsNeutraliseFormulasAndAnIndexWhoseOnlyPairIsTheQuerySaysSo() throws Exception {
        Path index = tmp.resolve("formulas");
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=s2");
        GeoBox place = new GeoBox(10, 45, 10.01, 45.01);
        float[] one = new float[d.dimension()];
        one[0] = 1;
        String formula = "=HYPERLINK(\"http://evil.example\")";
        try (IndexStore store = IndexStore.create(index, d, Distance.L2); StoreWriter w = store.writer()) {
            w.add(new PatchMeta("place/2017", "", Instant.parse("2017-06-01T00:00:00Z"), place, List.of(), Set.of()), one);
            w.add(new PatchMeta("place/2018", "", Instant.parse("2018-06-01T00:00:00Z"), place, List.of(), Set.of()),
                    new float[d.dimension()]);
            w.add(PatchMeta.of(formula, "").withLabels(List.of("-2+3", "@SUM(A1)")), new float[d.dimension()]);
            w.add(PatchMeta.of("+1", "").withLabels(List.of("plain")), one);
            w.commit();
        }
        try (DeqServer server = DeqServer.start(index, config())) {
            HttpResponse<String> search = get(server, "/api/search?k=3&id=place%2F2017");
            String resultId = JSON.readTree(search.body()).path("resultId").asText();
            String csv = get(server, "/api/results/" + resultId + "/export.csv").body();
            // a spreadsheet runs none of them: each cell starts with a quote
            assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",", ",'-2+3|@SUM(A1)\n", ",'+1,")
                    .doesNotContain(",=", ",-2", ",+1,0");
            // the one pair is the query's own: left out, which the notes say rather than blaming a filter
            JsonNode change = JSON.readTree(get(server, "/api/change?before=place%2F2017&after=place%2F2018").body());
            assertThat(change.path("pairs").asInt()).isEqualTo(1);
            assertThat(change.path("hits")).isEmpty();
            assertThat(change.path("notes").toString()).contains("the index's only pair, place/2017 → place/2018, is the query"
                    + " itself and is left out: there is no other pair to compare with");
        }
    }

    @Test
    void closingTwiceGivesTheServersHoldBackOnce() throws Exception {
        Path index = copyIndex();
        SessionsFolder sessions = SessionsFolder.check(index.resolve("feedback-sessions"), index);
        ServedIndex first = ServedIndex.open(index, config(), sessions);
        // no look for a newer commit: a background look holds the state for a moment too
        LiveIndex live = new LiveIndex(index, first, Duration.ofHours(1), () -> ServedIndex.open(index, config(), sessions));
        ServedIndex request = live.hold();
        live.close();
        live.close(); // a second close must not give back the request's hold
        assertThat(request.meta(request.store().meta(0).id())).as("still open for its request").isNotNull();
        request.release();
        assertThat(first.hold()).as("closed after its last request").isFalse();
        assertThatThrownBy(live::holdCurrent).isInstanceOf(ApiException.class).hasMessage("the server is stopping");
    }

    private static void awaitLatch(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void aHeapTooSmallForANewerCommitIsReportedAndTriedAgainEverLessOften() throws Exception {
        Path index = copyIndex();
        ServerConfig config = config();
        SessionsFolder sessions = SessionsFolder.check(index.resolve("feedback-sessions"), index);
        AtomicInteger tries = new AtomicInteger();
        LiveIndex.Opener tooLarge = () -> { // as reading a large commit's vectors beside the served ones
            tries.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        };
        try (LiveIndex live = new LiveIndex(index, ServedIndex.open(index, config, sessions), Duration.ofMillis(20), tooLarge)) {
            add(index, Map.of("added", ""));
            long until = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < until) { // a request every 2 ms for 2 s: a look every 20 ms would be 100 tries
                live.hold().release();
                Thread.sleep(2);
            }
            assertThat(live.reloadFailure()).startsWith("out of memory opening it").contains("larger heap");
            assertThat(tries.get()).as("tries, each waiting twice as long as the last").isBetween(1, 8);
            ServedIndex served = live.hold();
            assertThat(served.store().size()).isEqualTo(N); // the last good state, still served
            served.release();
        }
    }

    @Test
    void theWaitAfterFailedReloadsDoublesUpToAMinuteAndIsNeverShorterThanTheCheck() {
        long ms = 1_000_000L;
        assertThat(LiveIndex.retryWait(0, 1)).isEqualTo(100 * ms); // a check on every request backs off too
        assertThat(LiveIndex.retryWait(1000 * ms, 1)).isEqualTo(2000 * ms);
        assertThat(LiveIndex.retryWait(1000 * ms, 3)).isEqualTo(8000 * ms);
        assertThat(LiveIndex.retryWait(1000 * ms, 30)).isEqualTo(LiveIndex.MAX_RETRY_NANOS);
        long day = Duration.ofDays(1).toNanos();
        assertThat(LiveIndex.retryWait(day, 20)).isEqualTo(day); // no overflow, and never sooner than the check
    }

    @Test
    void aCommitThatCannotBeOpenedLeavesTheLastGoodStateServed() throws Exception {
        Path index = copyIndex();
        try (DeqServer server = DeqServer.start(index, config())) {
            add(index, Map.of("added", ""));
            Path segment = index.resolve("vectors-2.f32");
            Files.write(segment, new byte[(int) Files.size(segment)]); // damaged: its checksum fails
            JsonNode health = eventually(server, h -> !h.path("reloadError").isNull());
            assertThat(health.path("patches").asInt()).isEqualTo(N);
            assertThat(health.path("reloadError").asText()).contains("vectors-2.f32");
            assertThat(health.path("status").asText()).isEqualTo("degraded");
            assertThat(json(get(server, "/api/stats")).path("patches").asInt()).isEqualTo(N);
        }
    }

    @Test
    void aStopLetsTheRunningRequestFinishAndRefusesNewConnections() throws Exception {
        Path index = copyIndex();
        DeqServer server = DeqServer.start(index, config());
        String id = firstId(index);
        int port = server.port(); // a closed connector has none
        byte[] body = ("{\"query\": [\"" + id + "\"]}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/feedback/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5); // the request runs, waiting for the rest of its body
            out.flush();
            Thread.sleep(200);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(500);
            assertThat(stopping).as("the stop waits for the running request").isNotDone();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            out.write(body, 5, body.length - 5);
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 201");
            stopping.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void bodiesThatStallHoldAFewThreadsAndTheHealthProbeAnswersAtOnce() throws Exception {
        int clients = 300; // more than Jetty's 250 threads: each used to hold one for 30 s, the probe waiting 25 s
        int readers = BodyLimits.DEFAULT.readers();
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config())) {
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    // from 60 loopback addresses, 5 each: under the per-client cap, so the shared one is what turns them away
                    stalled.add(stalledUpload(server, "127.0.0." + (2 + i % 60)));
                }
                long start = System.nanoTime();
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                // all but the gate's places are turned away at once, their bodies unread, well before the 408 of the rest
                List<Socket> answered = answered(stalled, clients - readers);
                assertThat(answered).hasSize(clients - readers);
                for (Socket socket : answered) {
                    socket.setSoTimeout(5000);
                    assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 503").contains("Retry-After: 2")
                            .contains("the server is receiving " + readers + " other request bodies; try again shortly");
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void oneClientReceivesAtMostEightBodiesAtOnceSoOthersStillPost() throws Exception {
        int perClient = BodyLimits.DEFAULT.perClient();
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config())) {
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < perClient + 3; i++) {
                    stalled.add(stalledUpload(server, "127.0.0.1"));
                }
                List<Socket> answered = answered(stalled, 3);
                assertThat(answered).hasSize(3);
                for (Socket socket : answered) {
                    socket.setSoTimeout(5000);
                    assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 503").contains("Retry-After: 2")
                            .contains("this client is already sending " + perClient + " request bodies");
                }
                // another client's body is still received: its malformed JSON is read and refused, not turned away
                try (Socket other = new Socket("127.0.0.1", server.port(), java.net.InetAddress.getByName("127.0.0.2"), 0)) {
                    other.setSoTimeout(10_000);
                    other.getOutputStream().write(("POST /api/feedback/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                            + " application/json\r\nContent-Length: 2\r\n\r\n[]").getBytes(StandardCharsets.US_ASCII));
                    assertThat(readResponse(other.getInputStream())).startsWith("HTTP/1.1 400");
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyTricklingInUnderTheLeastRateIsA408AfterItsGrace() throws Exception {
        // a byte every 200 ms never lets the idle timeout fire, and never comes near 1000 bytes/s
        BodyLimits slowest = new BodyLimits(64, 8, Duration.ofSeconds(10), Duration.ofSeconds(1), 1000);
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config().withBodies(slowest));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/feedback/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            int first = -1;
            for (long until = System.nanoTime() + 60_000_000_000L; first < 0 && System.nanoTime() < until; ) {
                out.write(' ');
                out.flush();
                try {
                    first = in.read();
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet: one more byte
                }
            }
            socket.setSoTimeout(5000);
            assertThat((char) first + readResponse(in)).startsWith("HTTP/1.1 408")
                    .contains("the request body arrived too slowly: ")
                    .contains("under the least average of 1000 bytes/s that a body must keep after its first 1 s");
        }
    }

    /** A connection from {@code source} that sent an upload's head and the start of its body, then nothing. */
    private static Socket stalledUpload(DeqServer server, String source) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port(), java.net.InetAddress.getByName(source), 0);
        socket.getOutputStream().write(("POST /api/search/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                + " multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** The sockets with an answer to read, once {@code expected} of them have one or 8 s have passed. */
    private static List<Socket> answered(List<Socket> sockets, int expected) throws Exception {
        List<Socket> answered = List.of();
        for (long until = System.nanoTime() + 8_000_000_000L; System.nanoTime() < until && answered.size() < expected;
             Thread.sleep(50)) {
            List<Socket> ready = new java.util.ArrayList<>();
            for (Socket socket : sockets) {
                if (socket.getInputStream().available() > 0) {
                    ready.add(socket);
                }
            }
            answered = ready;
        }
        return answered;
    }

    /** The head and the Content-Length body of one HTTP response. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void sessionsAreKeptInTheGivenFolderAndAReadOnlyOneIsA503NamingNoPath() throws Exception {
        Path index = copyIndex();
        String query = "{\"query\": [\"" + firstId(index) + "\"]}";
        Path elsewhere = tmp.resolve("sessions");
        try (DeqServer server = DeqServer.start(index, config().withSessions(elsewhere))) {
            assertThat(post(server, "/api/feedback/sessions", query).statusCode()).isEqualTo(201);
        }
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith("web-"));
        }
        assertThat(index.resolve("feedback-sessions")).doesNotExist();

        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder"); // unwritable whoever runs the test
        try (DeqServer server = DeqServer.start(index, config().withSessions(file.resolve("sessions")))) {
            String message = error(post(server, "/api/feedback/sessions", query), 503);
            assertThat(message).isEqualTo("feedback sessions cannot be saved on this server (its sessions folder is"
                    + " read-only); ask its operator to start it with --sessions DIR");
            assertThat(json(get(server, "/api/health")).path("status").asText()).isEqualTo("ok"); // the rest works
        }
    }

    @Test
    void aMarkWhileAnotherProcessHoldsTheSessionsLockIsA503AfterABoundedWait() throws Exception {
        Path index = copyIndex();
        String query = "{\"query\": [\"" + firstId(index) + "\"]}";
        try (DeqServer server = DeqServer.start(index, config())) {
            String sid = json(post(server, "/api/feedback/sessions", query)).path("sessionId").asText();
            Path lock = index.resolve("feedback-sessions/.lock");
            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "org.deq.feedback.LockHolder", lock.toString()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("locked");
                HttpResponse<String> busy = post(server, "/api/feedback/sessions/" + sid + "/marks",
                        "{\"relevant\": [\"" + firstId(index) + "\"]}");
                assertThat(error(busy, 503)).isEqualTo("the feedback sessions are being written by another process (or"
                        + " request) for longer than this server waits; nothing was written, try again");
                assertThat(busy.headers().firstValue("Retry-After")).contains("5");
                assertThat(json(get(server, "/api/health")).path("status").asText()).isEqualTo("ok");
            } finally {
                holder.getOutputStream().close();
                holder.waitFor();
            }
        }
    }

    @Test
    void sessionsAreCappedAndListedByPages() throws Exception {
        Path index = copyIndex();
        String query = "{\"query\": [\"" + firstId(index) + "\"]}";
        try (DeqServer server = DeqServer.start(index, config().withMaxSessions(2))) {
            String first = json(post(server, "/api/feedback/sessions", query)).path("sessionId").asText();
            String second = json(post(server, "/api/feedback/sessions", query)).path("sessionId").asText();
            assertThat(error(post(server, "/api/feedback/sessions", query), 503)).isEqualTo("this server keeps at most 2"
                    + " feedback sessions and holds 2; delete old ones (DELETE /api/feedback/sessions/{sid}, or deq feedback"
                    + " prune --older-than DAYS) before starting another");
            assertThat(sessionFiles(index.resolve("feedback-sessions"))).hasSize(2); // nothing deleted to make room

            JsonNode page = json(get(server, "/api/feedback/sessions?limit=1&offset=1"));
            assertThat(page.path("total").asInt()).isEqualTo(2);
            assertThat(page.path("offset").asInt()).isEqualTo(1);
            assertThat(page.path("sessions")).hasSize(1);
            assertThat(page.path("sessions").get(0).path("name").asText()).isEqualTo(first.compareTo(second) < 0 ? second : first);
            assertThat(json(get(server, "/api/feedback/sessions?offset=5")).path("sessions")).isEmpty();
            assertThat(error(get(server, "/api/feedback/sessions?limit=0"), 400)).startsWith("limit must be an integer within 1..500");

            assertThat(send(server, "DELETE", "/api/feedback/sessions/" + first, null).statusCode()).isEqualTo(204);
            assertThat(post(server, "/api/feedback/sessions", query).statusCode()).isEqualTo(201);

            // a round shown again comes from memory: the same answer, its time that of the one computation
            JsonNode shown = json(get(server, "/api/feedback/sessions/" + second + "?k=5"));
            assertThat(json(get(server, "/api/feedback/sessions/" + second + "?k=5"))).isEqualTo(shown);
            assertThat(send(server, "DELETE", "/api/feedback/sessions/" + second, null).statusCode()).isEqualTo(204);
            assertThat(error(get(server, "/api/feedback/sessions/" + second + "?k=5"), 404)).startsWith("no feedback session");
        }
    }

    @Test
    void corsHeadersOnlyForTheGivenOrigins() throws Exception {
        Path index = copyIndex(); // a session is started in it
        try (DeqServer server = DeqServer.start(index, config().withCorsOrigins(List.of("https://Example.org:443")))) {
            assertThat(get(server, "/api/health", "Origin", "https://example.org").headers()
                    .firstValue("Access-Control-Allow-Origin")).hasValue("https://example.org");
            HttpResponse<String> preflight = preflight(server, "https://example.org");
            assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://example.org");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, DELETE");
            // the server's own pages keep working beside the allowed origins (the CORS plugin answered them 400)
            String own = "http://127.0.0.1:" + server.port();
            String query = "{\"query\": [\"" + firstId(index) + "\"]}";
            HttpResponse<String> started = send(server, "POST", "/api/feedback/sessions", query, "Origin", own);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            // a page of the allowed origin may read where its new session is, when to retry, an export's file name
            HttpResponse<String> crossOrigin = send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://example.org");
            assertThat(crossOrigin.statusCode()).isEqualTo(201);
            assertThat(crossOrigin.headers().firstValue("Access-Control-Expose-Headers"))
                    .hasValue("Location, Retry-After, Content-Disposition, Allow");
            send(server, "DELETE", "/api/feedback/sessions/" + json(crossOrigin).path("sessionId").asText(), null);
            assertThat(get(server, "/api/stats", "Origin", own).statusCode()).isEqualTo(200);
            send(server, "DELETE", "/api/feedback/sessions/" + json(started).path("sessionId").asText(), null, "Origin", own);
        }
        try (DeqServer server = DeqServer.start(index, config())) {
            assertThat(get(server, "/api/health", "Origin", "https://example.org").headers()
                    .firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThatThrownBy(() -> config().withCorsOrigins(List.of("example.org"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--cors-origin must be * or an origin such as https://example.org");
        assertThatThrownBy(() -> config().withCorsOrigins(List.of("https://*.example.org")))
                .isInstanceOf(IllegalArgumentException.class);
        for (String bad : List.of("https://deq.example.org", "deq.example.org:8443", "deq.example.org/api", "*.example.org", "")) {
            assertThatThrownBy(() -> config().withAllowedHosts(List.of(bad))).as(bad)
                    .hasMessageStartingWith("--allowed-host must be a host name such as deq.example.org");
        }
    }

    @Test
    void aPageOfAnotherOriginIsRefusedBeforeAnythingIsChanged() throws Exception {
        Path index = copyIndex();
        String query = "{\"query\": [\"" + firstId(index) + "\"]}";
        Path sessions = index.resolve("feedback-sessions");
        String refused = "requests from origin https://evil.example are refused: only the server's own pages";
        try (DeqServer server = DeqServer.start(index, config())) {
            String own = "http://127.0.0.1:" + server.port();
            // the web UI's own POST carries its origin; curl and the CLI send none
            String sid = json(send(server, "POST", "/api/feedback/sessions", query, "Origin", own)).path("sessionId").asText();
            assertThat(send(server, "POST", "/api/feedback/sessions", query).statusCode()).isEqualTo(201);
            // behind a proxy that rewrites Host, the browser's Sec-Fetch-Site still says the page is the server's own
            assertThat(send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://deq.example",
                    "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(201);
            assertThat(sessionFiles(sessions)).hasSize(3);

            // a simple POST (no preflight) from another site: refused, and nothing is started, marked or deleted
            HttpResponse<String> start = send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://evil.example",
                    "Sec-Fetch-Site", "cross-site");
            assertThat(error(start, 403)).isEqualTo(refused + " may call it");
            assertThat(start.body()).doesNotContain("\n");
            String saved = Files.readString(sessions.resolve(sid + ".json"));
            assertThat(error(send(server, "POST", "/api/feedback/sessions/" + sid + "/marks", "{\"relevant\": [\""
                    + firstId(index) + "\"]}", "Origin", "https://evil.example"), 403)).startsWith(refused);
            assertThat(error(send(server, "DELETE", "/api/feedback/sessions/" + sid, null, "Origin", "null"), 403))
                    .startsWith("requests from origin null are refused");
            assertThat(sessionFiles(sessions)).hasSize(3);
            assertThat(Files.readString(sessions.resolve(sid + ".json"))).isEqualTo(saved);
            // nor may it read: the browser would not hand it the answer, and the server need not compute it
            assertThat(error(get(server, "/api/eval", "Origin", "https://evil.example"), 403)).startsWith(refused);
            assertThat(send(server, "DELETE", "/api/feedback/sessions/" + sid, null, "Origin", own).statusCode()).isEqualTo(204);
        }
        try (DeqServer server = DeqServer.start(index, config().withCorsOrigins(List.of("https://example.org")))) {
            assertThat(error(send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://evil.example"), 403))
                    .isEqualTo(refused + " and the origins it was started with (--cors-origin) may call it");
            HttpResponse<String> other = get(server, "/api/health", "Origin", "https://evil.example");
            assertThat(error(other, 403)).startsWith(refused);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(error(preflight(server, "https://evil.example"), 403)).startsWith(refused);
            assertThat(send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://example.org").statusCode())
                    .isEqualTo(201);
            assertThat(sessionFiles(sessions)).hasSize(3);
        }
        try (DeqServer server = DeqServer.start(index, config().withCorsOrigins(List.of("*")))) {
            assertThat(send(server, "POST", "/api/feedback/sessions", query, "Origin", "https://evil.example").statusCode())
                    .as("* allows any origin").isEqualTo(201);
        }
    }

    private static HttpResponse<String> preflight(DeqServer server, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/feedback/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> sessionFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("web-")).toList();
        }
    }

    @Test
    void requestsAreLoggedOneLineEachWhenAsked() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config().withLogRequests(true))) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            get(server, "/api/patches?limit=1", "User-Agent", "probe/1.0 \"quoted\"");
            get(server, "/");
            get(server, "/api/nothing");
            long until = System.nanoTime() + 2_000_000_000L; // the line is written after the response
            while (!captured.toString(StandardCharsets.UTF_8).contains("/api/nothing") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        // who asked and with what: the client's address, and its User-Agent quoted, a quote in it escaped
        assertThat(log).containsPattern("INFO org\\.deq\\.server\\.DeqServer - 127\\.0\\.0\\.1 GET /api/patches\\?limit=1 200"
                        + " [0-9.]+ ms \"probe/1\\.0 \\\\\"quoted\\\\\"\"")
                .contains("GET /api/nothing 404 ")
                .doesNotContain("GET /index.html") // the page served for /, once: one request, one line
                .containsOnlyOnce("GET / 200 ")
                .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"); // operators' lines carry a time
    }

    @Test
    void archiveFilesThatMovedOrBrokeAreNamedByPatchNotByServerPath() throws Exception {
        Path index = copyIndex();
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a picture");
        Path gone = tmp.resolve("moved-away.png");
        add(index, Map.of("gone", gone.toString(), "broken", broken.toString()));
        try (DeqServer server = DeqServer.start(index, config())) {
            assertThat(error(get(server, "/api/thumbnail?id=gone"), 409))
                    .isEqualTo("the archive file of patch 'gone' is gone (moved or deleted since it was indexed)");
            assertThat(error(get(server, "/api/thumbnail?id=broken"), 409))
                    .startsWith("cannot read patch 'broken' from the archive: ").doesNotContain(tmp.toString());
            assertThat(error(get(server, "/api/change-map.png?before=gone&after=broken"), 409)).doesNotContain(tmp.toString());
        }
    }

    @Test
    void aRequestForAForeignHostIsRefusedAsDnsRebindingWouldSendIt() throws Exception {
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config().withCorsOrigins(List.of("https://deq.example.org"))
                .withAllowedHosts(List.of("Deq-Proxy.Example.NET")))) {
            int port = server.port();
            // a page of evil.example whose name now points at this machine is, to its browser, of the server's own origin
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            String refused;
            try {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                refused = hostRequest(port, "evil.example:" + port, "Origin: http://evil.example:" + port + "\r\n");
                hostRequest(port, "evil.example", "");
            } finally {
                System.setErr(err);
            }
            // the operator learns why, once per name, without --log-requests
            assertThat(captured.toString(StandardCharsets.UTF_8)).containsOnlyOnce("refused requests for host evil.example")
                    .contains("start it with --allowed-host evil.example");
            assertThat(refused).startsWith("HTTP/1.1 403").contains("{\"error\":\"requests for host evil.example:" + port
                    + " are refused: call the server by its address, localhost, its machine's name or a name it was started"
                    + " with (--allowed-host NAME, or a --cors-origin host)\"}");
            assertThat(hostRequest(port, "evil.example", "")).as("a GET without Origin too").startsWith("HTTP/1.1 403");
            // a load balancer's health check, by whatever name it calls the server
            assertThat(hostRequest(port, "/api/health", "deq.internal.lb", "")).startsWith("HTTP/1.1 200");
            for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "deq.example.org", "LOCALHOST",
                    "deq-proxy.example.net:8443", "localhost.", "localhost.:" + port, "deq.example.org.")) { // FQDNs' dot
                assertThat(hostRequest(port, host, "")).as(host).startsWith("HTTP/1.1 200");
            }
        }
        // an API open to every origin has no name to protect: any page may call it anyway
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config().withCorsOrigins(List.of("*")))) {
            assertThat(hostRequest(server.port(), "deq.lab.example", "")).startsWith("HTTP/1.1 200");
        }
    }

    /** The response to GET /api/stats sent with this Host header and the extra header lines. */
    private static String hostRequest(int port, String host, String headers) throws IOException {
        return hostRequest(port, "/api/stats", host, headers);
    }

    /** The response to GET {@code path} sent with this Host header and the extra header lines. */
    private static String hostRequest(int port, String path, String host, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return readResponse(socket.getInputStream());
        }
    }

    @Test
    void unknownMethodsAndPathsOutsideTheApiGetPlainMessages() throws Exception {
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config())) {
            assertThat(error(get(server, "/no-such-page"), 404)).isEqualTo("not found: /no-such-page");
            // the web UI's files are there, to be read
            HttpResponse<String> delete = send(server, "DELETE", "/", null);
            assertThat(error(delete, 405)).isEqualTo("DELETE is not allowed on /; use GET");
            assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
            assertThat(error(send(server, "POST", "/app.js", null), 405)).isEqualTo("POST is not allowed on /app.js; use GET");
            assertThat(error(send(server, "DELETE", "/no-such-page", null), 404)).isEqualTo("not found: /no-such-page");
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write("GARBAGE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = readResponse(socket.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET")
                        .contains("{\"error\":\"unknown HTTP method GARBAGE; use GET\"}");
            }
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndApiAnswersAreNotStored() throws Exception {
        String id = java.net.URLEncoder.encode(firstId(TestIndex.noPairsIndex()), StandardCharsets.UTF_8);
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config())) {
            for (String path : List.of("/", "/app.js", "/api/health", "/api/nothing", "/api/patch?id=nope", "/nowhere",
                    "/api/thumbnail?id=" + id, "/api/feedback/sessions")) {
                HttpResponse<String> r = get(server, path);
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue("default-src 'self'; img-src"
                        + " 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
                assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
                // the API's answers are not stored, but for the drawn images, revalidated by their ETag
                String cache = r.headers().firstValue("Cache-Control").orElse("");
                if (path.startsWith("/api/")) {
                    assertThat(cache).as(path).isEqualTo(path.startsWith("/api/thumbnail") ? "no-cache" : "no-store");
                } else { // the web UI's files keep their own caching
                    assertThat(cache).as(path).isNotEqualTo("no-store");
                }
            }
            try (Socket socket = new Socket("127.0.0.1", server.port())) { // refused by Jetty before any handler
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 400")
                        .contains("X-Content-Type-Options: nosniff", "X-Frame-Options: DENY");
            }
        }
    }

    @Test
    void aQueryStringWithABarePercentIsRefusedNotReadUndecoded() throws Exception {
        // undecoded, 'pct%25/100%' would name another id than the client's (no Java client sends such a URI: a raw request)
        try (DeqServer server = DeqServer.start(TestIndex.noPairsIndex(), config())) {
            assertThat(hostRequest(server.port(), "/api/patch?id=pct%25/100%", "localhost", "")).startsWith("HTTP/1.1 400")
                    .contains("{\"error\":\"the query string has a '%' not followed by two hex digits; encode '%' as %25\"}");
            assertThat(hostRequest(server.port(), "/api/patch?id=a%2", "localhost", "")).startsWith("HTTP/1.1 400");
            assertThat(hostRequest(server.port(), "/api/patch?id=pct%25%2F100", "localhost", "")).startsWith("HTTP/1.1 404")
                    .contains("no patch with id 'pct%/100'");
        }
    }

    private static String firstId(Path index) throws IOException {
        try (IndexStore store = IndexStore.open(index)) {
            return store.meta(0).id();
        }
    }
}
