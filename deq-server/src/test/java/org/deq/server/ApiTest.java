package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.deq.archive.Archives;
import org.deq.change.ChangeSearch;
import org.deq.eval.EvalProtocol;
import org.deq.eval.EvalReport;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.eval.RetrievalEvaluator;
import org.deq.feedback.FeedbackEngine;
import org.deq.feedback.FeedbackRound;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.SessionStore;
import org.deq.feedback.Strategy;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.PngBomb;
import org.deq.raster.S2Band;
import org.deq.raster.UtmZone;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every API endpoint against a live server on an ephemeral loopback port, with the core search as the oracle. */
class ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_UPLOAD = 2L << 20;
    private static DeqServer server;
    private static IndexStore store;
    private static QueryByExample qbe;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        server = DeqServer.start(TestIndex.index(), ServerConfig.local(0).withLimits(MAX_UPLOAD, 1L << 20, 200, 1L << 20));
        store = IndexStore.open(TestIndex.index());
        qbe = new QueryByExample(store);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        store.close();
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return get(server, path);
    }

    private static HttpResponse<byte[]> get(DeqServer at, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return post(server, path, contentType, body);
    }

    private static HttpResponse<byte[]> post(DeqServer at, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.port() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> postJson(DeqServer at, String path, Object body) throws IOException, InterruptedException {
        return post(at, path, "application/json", JSON.writeValueAsBytes(body));
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The response is the given error status with a one-line JSON error containing the fragment. */
    private static void assertError(HttpResponse<byte[]> r, int status, String fragment) throws IOException {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        String error = json(r).path("error").asText();
        assertThat(error).contains(fragment).doesNotContain("\n").doesNotContain("Exception");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> hitIds(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.path("hits").forEach(h -> ids.add(h.path("id").asText()));
        return ids;
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    private static String idAt(int ordinal) throws IOException {
        return store.meta(ordinal).id();
    }

    @Test
    void theWebUiAsksByRelativeUrlsSoItWorksUnderAPathPrefix() throws Exception {
        // behind a reverse proxy at /deq/, a URL from the root ('/api/...', href="/") would miss the server
        for (String file : List.of("/", "/eval.html", "/app.js", "/eval.js", "/text.js")) {
            String text = new String(get(file).body(), StandardCharsets.UTF_8);
            assertThat(text).as(file).isNotEmpty().doesNotContain("'/api", "\"/api", "`/api", "href=\"/\"", "src=\"/");
        }
    }

    @Test
    void statsDescribeTheIndex() throws Exception {
        JsonNode s = json(get("/api/stats"));
        assertThat(s.path("patches").asInt()).isEqualTo(TestIndex.PATCHES);
        assertThat(s.path("dimension").asInt()).isEqualTo(store.config().dimension());
        assertThat(s.path("descriptor").asText()).isEqualTo(store.config().descriptorSpec());
        assertThat(s.path("notes").isArray()).isTrue(); // an index of today's readers: nothing to rebuild
        assertThat(s.path("notes")).isEmpty();
        int withLabel = 0;
        int snowy = 0;
        for (int i = 0; i < store.size(); i++) {
            withLabel += store.meta(i).labels().contains("Water bodies") ? 1 : 0;
            snowy += store.meta(i).flags().contains("snow") ? 1 : 0;
        }
        assertThat(s.path("labels").path("Water bodies").asInt(0)).isEqualTo(withLabel);
        // the synthetic archive's snow list flags a few winter patches, as BigEarthNet v1.0's does
        assertThat(snowy).isPositive();
        assertThat(s.path("flags").path("snow").asInt()).isEqualTo(snowy);
        assertThat(s.path("flags").has("cloud")).isFalse();
        assertThat(s.path("georeferenced").asInt()).isEqualTo(TestIndex.PATCHES);
        assertThat(s.path("extent")).hasSize(4);
    }

    @Test
    void openApiDocumentListsEveryRoute() throws Exception {
        HttpResponse<byte[]> r = get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = json(r).path("paths");
        assertThat(json(r).path("openapi").asText()).startsWith("3.");
        for (String p : List.of("/api/stats", "/api/patches", "/api/patch", "/api/thumbnail", "/api/search",
                "/api/search/upload", "/api/feedback/refine", "/api/feedback/sessions", "/api/feedback/sessions/{sid}",
                "/api/feedback/sessions/{sid}/marks", "/api/results/{resultId}/export.geojson",
                "/api/results/{resultId}/export.csv", "/api/eval", "/api/openapi.json", "/api/change", "/api/change/pairs",
                "/api/change/upload", "/api/feedback/sessions/{sid}/session.json", "/api/change-map.png", "/api/change-map.tif",
                "/api/change-map.json",
                "/api/biophysical.png", "/api/biophysical.tif", "/api/biophysical.json", "/api/caption")) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
    }

    @Test
    void patchesPageThroughTheFilteredArchive() throws Exception {
        JsonNode all = json(get("/api/patches?offset=10&limit=5"));
        assertThat(all.path("total").asInt()).isEqualTo(TestIndex.PATCHES);
        assertThat(all.path("patches")).hasSize(5);
        assertThat(all.path("patches").get(0).path("id").asText()).isEqualTo(idAt(10));
        Filter filter = Filter.parse("labels-any=Water bodies");
        JsonNode water = json(get("/api/patches?limit=500&labels-any=" + enc("Water bodies")));
        int expected = filter.compile(store.columns()).cardinality();
        assertThat(water.path("total").asInt()).isEqualTo(expected).isLessThan(TestIndex.PATCHES);
        assertThat(water.path("patches")).hasSize(expected);
        water.path("patches").forEach(p -> assertThat(p.path("labels").toString()).contains("Water bodies"));
        assertThat(all.path("notes")).isEmpty();
        assertThat(water.path("notes")).isEmpty();
        JsonNode none = json(get("/api/patches?labels-any=" + enc("Glaciers")));
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("notes").get(0).asText()).isEqualTo("no patch of the index has the label 'Glaciers'");
        assertError(get("/api/patches?limit=0"), 400, "limit must be an integer within 1..500");
        assertError(get("/api/patches?offset=-1"), 400, "offset");
        // an empty integer is a 400 naming it, as any value that is no integer, not silently the default
        assertError(get("/api/patches?offset=&limit=5"), 400, "offset must be an integer within 0..");
        assertError(get("/api/patches?limit="), 400, "limit must be an integer within 1..500, got ''");
        assertError(get("/api/search?k=&id=" + enc(idAt(0))), 400, "k must be an integer within 1..200, got ''");
        // ASCII digits only: parseInt alone took a plus sign and other scripts' digits
        assertError(get("/api/search?k=%2B5&id=" + enc(idAt(0))), 400, "k must be an integer within 1..200, got '+5'");
        assertError(get("/api/search?k=%EF%BC%95&id=" + enc(idAt(0))), 400, "k must be an integer within 1..200");
        // a control character is refused in any parameter, a filter's as an id's, not trimmed away
        assertError(get("/api/patches?labels-any=" + enc("Water bodies") + "%00"), 400, "labels-any contains a control character");
        assertError(get("/api/search?k=5%0A&id=" + enc(idAt(0))), 400, "k contains a control character");
    }

    @Test
    void patchMetadataAndIdValidation() throws Exception {
        PatchMeta m = store.meta(3);
        JsonNode p = json(get("/api/patch?id=" + enc(m.id())));
        assertThat(p.path("id").asText()).isEqualTo(m.id());
        assertThat(p.path("acquired").asText()).isEqualTo(m.acquired().toString());
        assertThat(p.path("bbox").get(0).asDouble()).isEqualTo(m.footprint().minLon());
        assertThat(p.path("labels").size()).isEqualTo(m.labels().size());
        assertError(get("/api/patch?id=nope"), 404, "no patch with id 'nope'");
        // ids are looked up in the index, never resolved as paths
        assertError(get("/api/patch?id=" + enc("../../../../etc/passwd")), 404, "no patch with id");
        assertError(get("/api/thumbnail?id=" + enc("../" + m.id())), 404, "no patch with id");
        assertError(get("/api/patch?id=" + enc("a\u0000b")), 400, "control character");
        // ids as long as an older index may hold are looked up; longer ones than any index holds are refused
        assertError(get("/api/patch?id=" + "é".repeat(600)), 404, "no patch with id");
        assertThatThrownBy(() -> RequestParams.id("x".repeat(RequestParams.MAX_ID_BYTES + 1)))
                .hasMessage("id is longer than 32766 bytes of UTF-8, the most an index holds");
        assertError(get("/api/patch"), 400, "id is required");
    }

    @Test
    void thumbnailIsTheTrueColourPngOfThePatch() throws Exception {
        String id = idAt(5);
        HttpResponse<byte[]> r = get("/api/thumbnail?id=" + enc(id));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.body()));
        Patch patch = Archives.readPatch(Path.of(store.meta(5).source()));
        assertThat(png.getWidth()).isEqualTo(patch.width());
        assertThat(png.getHeight()).isEqualTo(patch.height());
        assertThat(get("/api/thumbnail?id=" + enc(id)).body()).isEqualTo(r.body());
        assertError(get("/api/thumbnail?id=nope"), 404, "no patch");
        // only /api/search reads several ids; elsewhere a second id would be silently ignored
        String other = idAt(6);
        assertError(get("/api/thumbnail?id=" + enc(id) + "&id=" + enc(other)), 400, "parameter id is given twice");
        assertError(get("/api/patch?id=" + enc(id) + "&id=" + enc(other)), 400, "parameter id is given twice");
        assertError(get("/api/caption?id=" + enc(id) + "&id=" + enc(other)), 400, "parameter id is given twice");
        assertError(get("/api/search?id=" + enc(id) + "&exclude-flags=snow&exclude-flags=cloud"), 400,
                "parameter exclude-flags is given twice");
        assertError(get("/api/search?id=" + enc(id) + "&exclude-flags=clouds"), 400, "unknown flag 'clouds' in exclude-flags");
        // a flag no patch has removes nothing: a full list says so too
        JsonNode full = json(get("/api/search?id=" + enc(id) + "&k=5&exclude-flags=cloud"));
        assertThat(full.path("hits")).hasSize(5);
        assertThat(full.path("notes").toString()).contains("no patch of the index has the flag 'cloud': excluding it removes nothing");
    }

    @Test
    void searchByIdIsTheCoreRankingWithoutTheQuery() throws Exception {
        String id = idAt(0);
        JsonNode r = json(get("/api/search?k=7&id=" + enc(id)));
        assertThat(hitIds(r)).isEqualTo(ids(qbe.byId(id, 7, Filter.NONE))).hasSize(7).doesNotContain(id);
        assertThat(r.path("resultId").asText()).matches("[0-9a-f]{16}");
        assertThat(r.path("examples").get(0).asText()).isEqualTo(id);
        double previous = -1;
        for (int i = 0; i < 7; i++) {
            JsonNode h = r.path("hits").get(i);
            assertThat(h.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(h.path("distance").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = h.path("distance").asDouble();
        }
        assertThat(hitIds(json(get("/api/search?id=" + enc(id))))).hasSize(20);
    }

    @Test
    void searchFiltersLabelsTimeSeasonAndBox() throws Exception {
        String id = idAt(1);
        JsonNode summer = json(get("/api/search?k=50&season=summer&id=" + enc(id)));
        assertThat(summer.path("hits").size()).isPositive();
        summer.path("hits").forEach(h -> assertThat(Instant.parse(h.path("patch").path("acquired").asText())
                .atZone(ZoneOffset.UTC).getMonthValue()).isBetween(6, 8));
        JsonNode all = json(get("/api/search?k=50&labels-all=" + enc("Water bodies") + "&from=2017-09-01&to=2018-03-01&id=" + enc(id)));
        assertThat(hitIds(all)).isEqualTo(ids(qbe.byId(id, 50, Filter.parse("labels-all=Water bodies", "from=2017-09-01", "to=2018-03-01"))));
        all.path("hits").forEach(h -> assertThat(h.path("patch").path("labels").toString()).contains("Water bodies"));
        PatchMeta m = store.meta(2);
        String box = m.footprint().minLon() + "," + m.footprint().minLat() + "," + m.footprint().maxLon() + "," + m.footprint().maxLat();
        assertThat(hitIds(json(get("/api/search?k=50&bbox=" + enc(box) + "&id=" + enc(id))))).contains(m.id());
        assertError(get("/api/search?bbox=1,2,3&id=" + enc(id)), 400, "minLon,minLat,maxLon,maxLat");
        assertError(get("/api/search?from=June&id=" + enc(id)), 400, "filter from must be a UTC day such as 2017-06-01");
        assertError(get("/api/search?season=monsoon&id=" + enc(id)), 400, "unknown season 'monsoon'");
        assertError(get("/api/search?k=201&id=" + enc(id)), 400, "k must be an integer within 1..200");
        assertError(get("/api/search?k=ten&id=" + enc(id)), 400, "k must be an integer");
        assertError(get("/api/search?id=nope"), 404, "no patch with id 'nope'");
        assertError(get("/api/search"), 400, "parameter id is required");
        assertError(get("/api/search?id=" + enc(id) + "&id=" + enc(id)), 400, "id gives '" + id + "' twice"); // as the CLI says
        // a misspelt filter would otherwise return unfiltered results
        JsonNode nowhere = json(get("/api/search?labels-any=Nowhere&id=" + enc(id)));
        assertThat(nowhere.path("hits")).isEmpty();
        assertThat(nowhere.path("notes").toString()).contains("no patch of the index has the label 'Nowhere'");
        assertThat(summer.path("notes")).isEmpty();
        assertError(get("/api/search?label-any=x&id=" + enc(id)), 400, "unknown query parameter 'label-any'");
        assertError(get("/api/search?k=1&k=5&id=" + enc(id)), 400, "parameter k is given twice");
        // java.net.URI refuses such a URL, so it goes over a plain socket
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /api/patch?id=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("encode '%' as %25");
        }
        assertError(get("/api/search?season=summer&season=winter&id=" + enc(id)), 400, "parameter season is given twice");
    }

    @Test
    void searchBySeveralExamplesAveragesThemAndLeavesThemOut() throws Exception {
        String a = idAt(4);
        String b = idAt(9);
        JsonNode r = json(get("/api/search?k=6&id=" + enc(a) + "&id=" + enc(b)));
        List<Patch> examples = List.of(Archives.readPatch(Path.of(store.meta(4).source())), Archives.readPatch(Path.of(store.meta(9).source())));
        List<String> expected = ids(qbe.byExamples(examples, 8, Filter.NONE)).stream().filter(id -> !Set.of(a, b).contains(id)).limit(6).toList();
        assertThat(hitIds(r)).isEqualTo(expected).doesNotContain(a, b);
        assertThat(r.path("examples").toString()).contains(a, b);
    }

    /** A stored patch's 12 bands as one multi-band GeoTIFF, as a user would upload it. */
    private static byte[] geoTiffOf(int ordinal) throws IOException {
        Patch patch = Archives.readPatch(Path.of(store.meta(ordinal).source()));
        S2Band[] bands = S2Band.values();
        short[][] counts = new short[bands.length][];
        for (int b = 0; b < bands.length; b++) {
            float[] v = patch.band(bands[b].name());
            counts[b] = new short[v.length];
            for (int i = 0; i < v.length; i++) {
                counts[b][i] = (short) Math.round(v[i] * S2Band.SCALE);
            }
        }
        return GeoTiffWriter.encodeUInt16(patch.width(), patch.height(), counts, new UtmZone(33, true), 500_000,
                5_000_000, 10, GeoTiffWriter.Compression.DEFLATE);
    }

    @Test
    void changePairsAndChangeQueriesByIdsAndUploads() throws Exception {
        JsonNode page = json(get("/api/change/pairs?limit=5"));
        assertThat(page.path("total").asInt()).isEqualTo(TestIndex.PAIRS);
        assertThat(page.path("pairs")).hasSize(5);
        JsonNode first = page.path("pairs").get(0);
        String before = first.path("before").path("id").asText();
        String after = first.path("after").path("id").asText();
        assertThat(first.path("before").path("bbox")).isEqualTo(first.path("after").path("bbox"));
        assertThat(first.path("before").path("acquired").asText()).isLessThan(first.path("after").path("acquired").asText());

        ChangeSearch core = new ChangeSearch(store, 1);
        JsonNode byIds = json(get("/api/change?before=" + enc(before) + "&after=" + enc(after) + "&k=4"));
        assertThat(byIds.path("pairs").asInt()).isEqualTo(TestIndex.PAIRS);
        List<String> afters = new ArrayList<>();
        byIds.path("hits").forEach(h -> afters.add(h.path("after").path("id").asText()));
        assertThat(afters).isEqualTo(core.byIds(before, after, 4, Filter.NONE).stream().map(h -> h.after().id()).toList())
                .hasSize(4).doesNotContain(after);

        JsonNode byUpload = json(upload("/api/change/upload?k=5", new Part("before", "t1.tif", geoTiffOf(store.ordinal(before))),
                new Part("after", "t2.tif", geoTiffOf(store.ordinal(after)))));
        assertThat(byUpload.path("before").asText()).isEqualTo("upload:t1.tif");
        JsonNode top = byUpload.path("hits").get(0);
        assertThat(top.path("after").path("id").asText()).isEqualTo(after);
        assertThat(top.path("distance").asDouble()).isLessThan(1e-2);

        // one side stored, the other uploaded: an upload that is the stored after patch leaves its pair out, as by ids
        JsonNode mixed = json(upload("/api/change/upload?k=4&before=" + enc(before),
                new Part("after", "t2.tif", geoTiffOf(store.ordinal(after)))));
        assertThat(mixed.path("before").asText()).isEqualTo(before);
        assertThat(mixed.path("after").asText()).isEqualTo("upload:t2.tif");
        List<String> mixedAfters = new ArrayList<>();
        mixed.path("hits").forEach(h -> mixedAfters.add(h.path("after").path("id").asText()));
        assertThat(mixedAfters).isEqualTo(afters);
        assertError(upload("/api/change/upload?before=" + enc(before), new Part("before", "t1.tif", geoTiffOf(0)),
                new Part("after", "t2.tif", geoTiffOf(1))), 400, "'before' is given twice");
        assertError(upload("/api/change/upload?before=nope", new Part("after", "t2.tif", geoTiffOf(1))), 404, "nope");
    }

    @Test
    void uploadsWithNaNNoDataAreReadAsTheCliReadsThemWithANote() throws Exception {
        // a Float32 reflectance GeoTIFF whose left quarter a warp left NaN: searched, and changed from, with a note
        Patch patch = Archives.readPatch(Path.of(store.meta(0).source()));
        S2Band[] bands = S2Band.values();
        float[][] values = new float[bands.length][];
        int w = patch.width();
        for (int b = 0; b < bands.length; b++) {
            values[b] = patch.band(bands[b].name()).clone();
            for (int i = 0; i < values[b].length; i++) {
                values[b][i] = i % w < w / 4 ? Float.NaN : values[b][i];
            }
        }
        byte[] warped = GeoTiffWriter.encodeFloat32(w, patch.height(), values, new org.deq.raster.GeoRef(500_000, 5_000_000,
                10, 10, 32633), GeoTiffWriter.Compression.NONE, null);
        String note = "warped.tif: " + (w / 4) * patch.height() + " of " + w * patch.height() + " pixels (25.0 %) are no data";
        JsonNode search = json(upload("/api/search/upload?k=2", new Part("image", "warped.tif", warped)));
        assertThat(search.path("notes").toString()).contains(note);
        HttpResponse<byte[]> change = upload("/api/change/upload?k=2&after=" + enc(idAt(1)), new Part("before", "warped.tif", warped));
        assertThat(change.statusCode()).as(new String(change.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(change).path("notes").toString()).contains(note).doesNotContain("deq-upload-");
    }

    @Test
    void changeMapOfAStoredPairAsPngAndGeoTiff() throws Exception {
        JsonNode pairs = json(get("/api/change/pairs?limit=5")).path("pairs");
        String before = null;
        String after = null;
        int mostChanged = 0;
        for (JsonNode pair : pairs) { // change types cycle, no change among them: some maps are empty
            String b = pair.path("before").path("id").asText();
            String a = pair.path("after").path("id").asText();
            String query = "?before=" + enc(b) + "&after=" + enc(a);
            HttpResponse<byte[]> png = get("/api/change-map.png" + query);
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth()).isEqualTo(120);

            HttpResponse<byte[]> tif = get("/api/change-map.tif" + query);
            assertThat(tif.statusCode()).isEqualTo(200);
            Path file = Files.createTempFile("change-map", ".tif");
            Files.write(file, tif.body());
            org.deq.raster.GeoRaster map = org.deq.raster.GeoTiffReader.read(file);
            Files.delete(file);
            assertThat(map.bandCount()).isEqualTo(2);
            int changed = 0;
            for (float v : map.bands()[0]) {
                changed += (int) v;
            }
            if (changed > mostChanged) {
                mostChanged = changed;
                before = b;
                after = a;
            }
        }
        assertThat(mostChanged).as("pixels changed in the most changed of 5 pairs").isGreaterThan(500);

        String elsewhere = null; // the later patch of another pair: another place, another grid
        for (JsonNode pair : pairs) {
            if (!pair.path("before").path("id").asText().equals(before)) {
                elsewhere = pair.path("after").path("id").asText();
            }
        }
        assertError(get("/api/change-map.png?before=" + enc(before) + "&after=" + enc(elsewhere)), 422, "must cover the same pixels");
        assertError(get("/api/change-map.png?before=nope&after=" + enc(after)), 404, "nope");
        // refused by id before any file is read, in the words of deq change-map
        assertError(get("/api/change-map.png?before=" + enc(before) + "&after=" + enc(before)), 400,
                "before and after are the same patch " + before + "; give two dates");
        HttpResponse<byte[]> tif = get("/api/change-map.tif?before=" + enc(before) + "&after=" + enc(after));
        assertThat(tif.headers().firstValue("content-disposition").orElse("")).contains("change-map_").doesNotContain("/");
        // revalidated, not kept for a day: a folder indexed again may give these ids other files
        assertThat(tif.headers().firstValue("cache-control")).hasValue("no-cache");
        String tag = tif.headers().firstValue("etag").orElseThrow();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/change-map.tif?before="
                + enc(before) + "&after=" + enc(after))).header("If-None-Match", tag).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(304);
        // the tag names the build, not an image: a pair that cannot be drawn is refused with it too, never a 304
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/change-map.png?before="
                + enc(before) + "&after=" + enc(elsewhere))).header("If-None-Match", tag).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(422);
        assertError(get("/api/change-map.tif?before=" + enc(before)), 400, "after");
    }

    @Test
    void changeMapFiguresAreWhatDeqChangeMapComputes() throws Exception {
        JsonNode pairs = json(get("/api/change/pairs?limit=2")).path("pairs");
        JsonNode pair = pairs.get(0);
        String before = pair.path("before").path("id").asText();
        String after = pair.path("after").path("id").asText();
        HttpResponse<byte[]> r = get("/api/change-map.json?before=" + enc(before) + "&after=" + enc(after));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        // the CLI's computation on the two archive folders: deq change-map --before DIR --after DIR --json
        org.deq.analysis.SharpenedPatch a = sharpened(before);
        org.deq.analysis.SharpenedPatch b = sharpened(after);
        org.deq.analysis.ChangeMap map = org.deq.analysis.ChangeMap.between(a, b, org.deq.analysis.ChangeMap.MIN_MAGNITUDE);
        JsonNode figures = json(r);
        assertThat(figures.path("before").asText()).isEqualTo(before);
        assertThat(figures.path("after").asText()).isEqualTo(after);
        assertThat(figures.path("pixels").asInt()).isEqualTo(120 * 120);
        assertThat(figures.path("noDataPixels").asInt()).isEqualTo(map.noDataPixels());
        assertThat(figures.path("changedPixels").asInt()).isEqualTo(map.changedPixels());
        assertThat(figures.path("changedFraction").asDouble()).isEqualTo(map.changedFraction());
        assertThat(figures.path("threshold").floatValue()).isEqualTo(map.threshold());
        assertThat(figures.path("minMagnitude").floatValue()).isEqualTo(org.deq.analysis.ChangeMap.MIN_MAGNITUDE);
        List<String> notes = new ArrayList<>();
        figures.path("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).isEqualTo(map.notes(a, b)); // the pair runs forwards in time: no note of its own
        // refused as the picture is
        assertError(get("/api/change-map.json?before=nope&after=" + enc(after)), 404, "nope");
        assertError(get("/api/change-map.json?before=" + enc(before) + "&after=" + enc(before)), 400,
                "before and after are the same patch " + before + "; give two dates");
        assertError(get("/api/change-map.json?before=" + enc(before) + "&after=" + enc(pairs.get(1).path("after").path("id").asText())), 422,
                "must cover the same pixels"); // another pair's place
    }

    /** A stored patch's archive folder read as deq change-map reads a --before or --after folder. */
    private static org.deq.analysis.SharpenedPatch sharpened(String id) throws IOException {
        return org.deq.analysis.SharpenedPatch.of(Path.of(store.meta(store.ordinal(id)).source()),
                org.deq.analysis.BandSharpening.Method.LOCAL_REGRESSION);
    }

    @Test
    void captionOfAStoredPatchFromItsNeighboursLabels() throws Exception {
        String id = idAt(5);
        JsonNode c = json(get("/api/caption?id=" + enc(id)));
        assertThat(c.path("caption").asText()).matches("[A-Z].*\\.");
        assertThat(c.path("k").asInt()).isEqualTo(10);
        assertThat(c.path("labels").size()).isPositive();
        assertThat(c.path("labels").get(0).path("score").asDouble()).isBetween(0.0, 1.0);
        List<String> stored = new ArrayList<>();
        c.path("stored").forEach(l -> stored.add(l.asText()));
        assertThat(stored).isEqualTo(store.meta(store.ordinal(id)).labels());
        assertThat(c.path("notes").isArray()).isTrue(); // every patch here is labelled: nothing to say about who votes
        assertThat(c.path("notes")).isEmpty();
        assertThat(json(get("/api/caption?k=3&id=" + enc(id))).path("k").asInt()).isEqualTo(3);
        // more voters asked for than the index holds besides the patch: said as deq caption says it
        assertThat(json(get("/api/caption?k=200&id=" + enc(id))).path("notes").toString())
                .contains("k 200 exceeds the " + (TestIndex.PATCHES - 1) + " labelled patches that can vote besides the query");
        assertError(get("/api/caption?id=nope"), 404, "nope");
        assertError(get("/api/caption"), 400, "id");
    }

    @Test
    void biophysicalMapsOfAStoredPatchAsPngAndGeoTiff() throws Exception {
        assertThat(json(get("/api/stats")).path("sentinel2Folders").asBoolean()).isTrue();
        String id = idAt(3);
        HttpResponse<byte[]> png = get("/api/biophysical.png?id=" + enc(id));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(60);
        HttpResponse<byte[]> fine = get("/api/biophysical.png?variable=fcover&resolution=10&id=" + enc(id));
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fine.body())).getWidth()).isEqualTo(120);

        HttpResponse<byte[]> tif = get("/api/biophysical.tif?id=" + enc(id));
        assertThat(tif.statusCode()).isEqualTo(200);
        assertThat(tif.headers().firstValue("content-disposition").orElse("")).contains("biophysical_").doesNotContain("/");
        Path file = Files.createTempFile("biophysical", ".tif");
        Files.write(file, tif.body());
        org.deq.raster.GeoRaster maps = org.deq.raster.GeoTiffReader.readWithNoData(file).raster();
        Files.delete(file);
        assertThat(maps.bandCount()).isEqualTo(4);
        assertThat(maps.width()).isEqualTo(60);
        int leafy = 0; // the synthetic patches mix forests, grassland and crops with water, urban and bare soil
        for (float lai : maps.bands()[0]) {
            if (lai > 1) {
                leafy++;
            }
        }
        assertThat(leafy).isGreaterThan(0).isLessThan(3600);

        // the figures and notes deq biophysical --json writes, for the same maps
        JsonNode figures = json(get("/api/biophysical.json?id=" + enc(id)));
        assertThat(figures.path("patch").asText()).isEqualTo(id);
        assertThat(figures.path("metres").asInt()).isEqualTo(20);
        assertThat(figures.path("pixels").asInt()).isEqualTo(3600);
        double meanLai = 0;
        int valued = 0;
        for (float lai : maps.bands()[0]) {
            if (!Float.isNaN(lai)) {
                meanLai += lai;
                valued++;
            }
        }
        assertThat(figures.path("variables").path("LAI").path("mean").asDouble()).isCloseTo(meanLai / valued,
                org.assertj.core.data.Offset.offset(1e-4));
        assertThat(figures.path("variables").path("LAI").path("valid").asDouble()).isEqualTo(valued / 3600.0);
        assertThat(figures.path("geometry").path("sunZenith").asDouble()).isBetween(0.0, 90.0);
        assertThat(figures.path("notes").isArray()).isTrue();
        assertError(get("/api/biophysical.json?id=" + enc(id) + "&variable=lai"), 400,
                "unknown query parameter 'variable' for GET /api/biophysical.json; it takes id, resolution");

        assertError(get("/api/biophysical.png?id=nope"), 404, "nope");
        assertError(get("/api/biophysical.png?id=" + enc(id) + "&variable=ndvi"), 400, "unknown biophysical variable 'ndvi'");
        assertError(get("/api/biophysical.png?id=" + enc(id) + "&resolution=15"), 400, "resolution must be 10 or 20, got '15'");
        assertError(get("/api/biophysical.png?id=" + enc(id) + "&foo=1"), 400,
                "unknown query parameter 'foo' for GET /api/biophysical.png; it takes id, variable, resolution");
        assertError(get("/api/biophysical.tif?id=" + enc(id) + "&variable=lai"), 400,
                "unknown query parameter 'variable' for GET /api/biophysical.tif; it takes id, resolution");
        assertError(get("/api/biophysical.png"), 400, "id");
    }

    @Test
    void changeQueryBadInputs() throws Exception {
        String a = idAt(0);
        assertError(get("/api/change?before=" + enc(a)), 400, "after");
        assertError(get("/api/change?before=nope&after=" + enc(a)), 404, "nope");
        assertError(get("/api/change?before=" + enc(a) + "&after=" + enc(a)), 400, "same patch");
        assertError(get("/api/change?before=..%2F..%2Fetc&after=" + enc(a)), 404, "../../etc"); // ids are keys, never paths
        assertError(get("/api/change?before=a%01b&after=" + enc(a)), 400, "before contains a control character");
        assertError(upload("/api/change/upload", new Part("before", "t1.tif", geoTiffOf(0))), 400,
                "the after side is missing: upload a file part 'after', or name a stored patch with the query parameter after=ID");
        assertError(upload("/api/change/upload", new Part("before", "t1.tif", geoTiffOf(0)),
                new Part("after", "t2.png", PngBomb.of(100_000, 100_000))), 413, "t2.png");
    }

    @Test
    void uploadedGeoTiffOfAnArchivePatchFindsThatPatchFirst() throws Exception {
        byte[] tiff = geoTiffOf(7);
        JsonNode r = json(upload("/api/search/upload?k=3", new Part("image", "example.tif", tiff)));
        assertThat(r.path("hits").get(0).path("id").asText()).isEqualTo(store.meta(7).id());
        assertThat(r.path("hits").get(0).path("distance").asDouble()).isLessThan(1e-3);
        assertThat(r.path("examples").get(0).asText()).isEqualTo("upload:example.tif");
        // the client's file name says a baseline-04 product, as on the CLI: its digital numbers lose 1000 (they kept it)
        JsonNode recent = json(upload("/api/search/upload?k=3", new Part("image",
                "S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU_20230604T134904.tif", tiff)));
        assertThat(recent.path("hits").get(0).path("distance").asDouble()).isGreaterThan(0.01);

        // refining an upload's list reuses the upload's stored descriptor: the example itself stays out of the list
        String body = "{\"resultId\":\"" + r.path("resultId").asText() + "\",\"irrelevant\":[\"" + store.meta(7).id() + "\"]}";
        JsonNode refined = json(post("/api/feedback/refine?k=3", "application/json", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(refined.path("examples").get(0).asText()).isEqualTo("upload:example.tif");
        assertThat(refined.path("notes").get(0).asText()).isEqualTo(Api.UPLOAD_IRRELEVANT_NOT_LEARNT);
        assertThat(hitIds(refined)).hasSize(3).doesNotContain(store.meta(7).id())
                .isEqualTo(hitIds(json(get("/api/search?k=3&id=" + enc(store.meta(7).id())))));
    }

    @Test
    void uploadedPngAndJpegAreSearchable() throws Exception {
        byte[] png = get("/api/thumbnail?id=" + enc(idAt(8))).body();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(new ByteArrayInputStream(png)), "jpeg", jpeg);
        JsonNode two = json(upload("/api/search/upload?k=4&season=winter",
                new Part("image", "a.png", png), new Part("image", "b.JPG", jpeg.toByteArray())));
        assertThat(two.path("hits")).hasSize(4);
        assertThat(two.path("examples").toString()).contains("upload:a.png", "upload:b.JPG");
    }

    @Test
    void realUcMercedAndEuroSatFilesUpload() throws Exception {
        Path ucm = TestData.require("uc-merced-landuse");
        Path eurosat = TestData.require("eurosat-sample");
        Path jpeg = ucm.resolve("Images/beach/beach00.jpg");
        Path tif = ucm.resolve("originals-tif/agricultural/agricultural00.tif");
        Path ms = eurosat.resolve("EuroSAT_MS/SeaLake/SeaLake_3000.tif");
        for (Path file : List.of(jpeg, tif, ms)) {
            HttpResponse<byte[]> r = upload("/api/search/upload?k=5", new Part("image", file.getFileName().toString(), Files.readAllBytes(file)));
            assertThat(r.statusCode()).as(file + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(json(r).path("hits")).hasSize(5);
            assertThat(json(r).path("examples").get(0).asText()).isEqualTo("upload:" + file.getFileName());
            // the index's descriptor reads colour: a 13-band EuroSAT file is read through B04, B03, B02, and says so
            assertThat(json(r).path("notes").toString().contains("its Sentinel-2 bands B04, B03, B02 were used as red, green,"
                    + " blue (reflectance 0 to 0.3 as full brightness) and its other 10 bands left out")).as(file.toString())
                    .isEqualTo(file.equals(ms));
        }
        // the same real file twice is one example twice: the same ranking as once
        byte[] lake = Files.readAllBytes(ms);
        assertThat(hitIds(json(upload("/api/search/upload?k=5", new Part("image", "a.tif", lake), new Part("image", "b.tif", lake)))))
                .isEqualTo(hitIds(json(upload("/api/search/upload?k=5", new Part("image", "a.tif", lake)))));
    }

    @Test
    void badUploadsAreRefusedBeforeDecoding() throws Exception {
        // counted in pixels, as a user sees an image: the limit is 2^20 samples
        assertError(upload("/api/search/upload", new Part("image", "bomb.png", PngBomb.of(100_000, 100_000))), 413,
                "bomb.png: image of 100000 × 100000 pixels is over the limit of 349525 pixels for 3 bands");
        assertError(upload("/api/search/upload", new Part("image", "bomb.tif", tiffHeaderOnly(50_000, 50_000, 12))), 413,
                "bomb.tif: image of 50000 × 50000 pixels is over the limit of 87381 pixels for 12 bands");
        assertError(upload("/api/search/upload", new Part("image", "noise.png", "not a png".getBytes(StandardCharsets.UTF_8))), 422, "noise.png");
        assertError(upload("/api/search/upload", new Part("image", "notes.txt", new byte[] {1, 2, 3})), 415, "notes.txt");
        assertError(upload("/api/search/upload", new Part("other", "a.png", new byte[] {1})), 400, "unknown part 'other'");
        assertError(upload("/api/search/upload"), 400, "no image uploaded");
        assertError(upload("/api/search/upload", new Part("image", "huge.png", new byte[(int) MAX_UPLOAD + 1])), 413, "over the limit");
        BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream dotPng = new ByteArrayOutputStream();
        ImageIO.write(dot, "png", dotPng);
        assertError(upload("/api/search/upload", new Part("image", "dot.png", dotPng.toByteArray())), 422, "dot.png: patch upload:dot.png is 1x1 pixels; lbp at radius 3 needs at least 9x9");
        byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
        assertError(post("/api/search/upload", "multipart/form-data; boundary=xyz", garbage), 400, "not valid multipart/form-data");
        assertError(post("/api/change/upload", "multipart/form-data; boundary=xyz", garbage), 400, "not valid multipart/form-data");
    }

    @Test
    void refineAveragesRelevantMarksAndShowsTheNextResults() throws Exception {
        String q = idAt(0);
        JsonNode first = json(get("/api/search?k=8&id=" + enc(q)));
        List<String> before = hitIds(first);
        String rel1 = before.get(4);
        String rel2 = before.get(6);
        String irrelevant = before.get(0);
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("resultId", first.path("resultId").asText())
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("relevant", JSON.valueToTree(List.of(rel1, rel2)))
                .set("irrelevant", JSON.valueToTree(List.of(irrelevant))));
        JsonNode refined = json(post("/api/feedback/refine?k=8", "application/json", body.getBytes(StandardCharsets.UTF_8)));
        List<String> after = hitIds(refined);
        Set<String> excluded = Set.of(q, rel1, rel2, irrelevant);
        List<Patch> examples = new ArrayList<>();
        for (String id : List.of(q, rel1, rel2)) {
            examples.add(Archives.readPatch(Path.of(store.meta(store.ordinal(id)).source())));
        }
        List<String> expected = ids(qbe.byExamples(examples, 12, Filter.NONE)).stream().filter(id -> !excluded.contains(id)).limit(8).toList();
        assertThat(after).isEqualTo(expected).hasSize(8).isNotEqualTo(before).doesNotContainAnyElementsOf(excluded);
        assertThat(refined.path("examples").toString()).contains(q, rel1, rel2);

        String rid = refined.path("resultId").asText();
        assertError(post("/api/feedback/refine", "application/json", ("{\"resultId\":\"" + rid + "\"}").getBytes(StandardCharsets.UTF_8)), 400, "mark at least one");
        assertError(post("/api/feedback/refine", "application/json", "{\"resultId\":\"0123456789abcdef\",\"relevant\":[\"x\"]}".getBytes(StandardCharsets.UTF_8)), 404, "no result list");
        assertError(post("/api/feedback/refine", "application/json", "{\"resultId\":\"../x\",\"relevant\":[\"x\"]}".getBytes(StandardCharsets.UTF_8)), 400, "16 hexadecimal digits");
        assertError(post("/api/feedback/refine", "application/json", ("{\"resultId\":\"" + rid + "\",\"relevant\":[\"nope\"]}").getBytes(StandardCharsets.UTF_8)), 404, "no patch with id 'nope'");
        assertError(post("/api/feedback/refine", "application/json", ("{\"resultId\":\"" + rid + "\",\"relevant\":\"x\"}").getBytes(StandardCharsets.UTF_8)), 400, "relevant must be an array");
        assertError(post("/api/feedback/refine", "application/json", ("{\"resultId\":\"" + rid + "\",\"irrelevant\":[\"nope\"]}").getBytes(StandardCharsets.UTF_8)), 404, "no patch with id 'nope'");
        assertError(post("/api/feedback/refine", "application/json", ("{\"resultId\":\"" + rid + "\",\"relevant\":[\"" + rel1 + "\"],\"irrelevant\":[\"" + rel1 + "\"]}").getBytes(StandardCharsets.UTF_8)), 400, "both relevant and irrelevant");
        assertError(post("/api/feedback/refine", "application/json", "{not json".getBytes(StandardCharsets.UTF_8)), 400, "body must be one JSON object");
    }

    @Test
    void feedbackSessionRanksLikeTheCoreEngineAndSuggestsUnmarkedImages() throws Exception {
        String q = idAt(3);
        HttpResponse<byte[]> started = postJson(server, "/api/feedback/sessions?k=10", Map.of("query", List.of(q)));
        assertThat(started.statusCode()).as(new String(started.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode first = json(started);
        String sid = first.path("sessionId").asText();
        assertThat(sid).matches("web-[0-9a-f]{16}");
        assertThat(first.path("model").asText()).isEqualTo("similarity");
        assertThat(first.path("notes").toString()).contains("no marks yet");
        List<String> before = hitIds(first);
        assertThat(before).hasSize(10).doesNotContain(q); // the query is left out, as a search leaves it out

        String rel1 = before.get(2);
        String rel2 = before.get(4);
        List<String> far = hitIds(json(get("/api/feedback/sessions/" + sid + "?k=" + TestIndex.PATCHES)));
        String irr1 = far.get(far.size() - 1);
        String irr2 = far.get(far.size() - 3);
        HttpResponse<byte[]> marked = postJson(server, "/api/feedback/sessions/" + sid + "/marks?k=10",
                Map.of("relevant", List.of(rel1, rel2), "irrelevant", List.of(irr1, irr2)));
        assertThat(marked.statusCode()).as(new String(marked.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode round = json(marked);
        assertThat(round.path("model").asText()).isEqualTo("svm");
        assertThat(round.path("round").asInt()).isEqualTo(1);
        assertThat(round.path("relevant").asInt()).isEqualTo(3);
        assertThat(round.path("irrelevant").asInt()).isEqualTo(2);

        // the oracle: the core engine on the session as saved next to the index
        FeedbackSession saved = new SessionStore(TestIndex.index().resolve("feedback-sessions")).load(sid);
        assertThat(saved.marks()).containsEntry(rel1, true).containsEntry(irr1, false).hasSize(4);
        FeedbackRound core = new FeedbackEngine(store).round(saved, Strategy.ACTIVE, 10, 6, 1);
        assertThat(hitIds(round)).isEqualTo(core.results().stream().map(FeedbackRound.Result::id).toList());
        for (int i = 0; i < 10; i++) {
            JsonNode h = round.path("hits").get(i);
            assertThat(h.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(h.path("distance").isNull()).isTrue();
            assertThat((float) h.path("score").asDouble()).isEqualTo(core.results().get(i).score());
            assertThat(h.path("patch").path("id").asText()).isEqualTo(h.path("id").asText());
        }
        assertThat(round.path("hits").get(0).path("score").asDouble()).isGreaterThanOrEqualTo(round.path("hits").get(9).path("score").asDouble());
        List<String> suggestions = new ArrayList<>();
        round.path("suggestions").forEach(p -> suggestions.add(p.path("id").asText()));
        assertThat(suggestions).isEqualTo(core.suggestions()).hasSize(6).doesNotContain(q, rel1, rel2, irr1, irr2);

        JsonNode shown = json(get("/api/feedback/sessions/" + sid + "?k=10"));
        assertThat(shown.path("hits")).isEqualTo(round.path("hits"));
        assertThat(shown.path("suggestions")).isEqualTo(round.path("suggestions"));
        // another k shows the same computed round, cut: not a model trained again for each k asked
        JsonNode fewer = json(get("/api/feedback/sessions/" + sid + "?k=4"));
        assertThat(fewer.path("k").asInt()).isEqualTo(4);
        assertThat(hitIds(fewer)).isEqualTo(hitIds(shown).subList(0, 4));
        assertThat(fewer.path("suggestions")).isEqualTo(shown.path("suggestions"));
        assertThat(fewer.path("tookMs").asDouble()).isEqualTo(shown.path("tookMs").asDouble());

        // top: the best-ranked images not marked yet
        JsonNode top = json(get("/api/feedback/sessions/" + sid + "?k=" + TestIndex.PATCHES + "&strategy=top&suggest=3"));
        List<String> unmarked = new ArrayList<>();
        top.path("hits").forEach(h -> {
            if (h.path("mark").isNull() && unmarked.size() < 3) {
                unmarked.add(h.path("id").asText());
            }
        });
        List<String> topSuggestions = new ArrayList<>();
        top.path("suggestions").forEach(p -> topSuggestions.add(p.path("id").asText()));
        assertThat(top.path("strategy").asText()).isEqualTo("top");
        assertThat(topSuggestions).isEqualTo(unmarked);

        // a filter keeps the full ranking's order among the patches it lets through, up to k of them
        String label = store.meta(0).labels().get(0);
        List<String> expected = new ArrayList<>();
        top.path("hits").forEach(h -> {
            if (expected.size() < 5 && h.path("patch").path("labels").toString().contains("\"" + label + "\"")) {
                expected.add(h.path("id").asText());
            }
        });
        JsonNode filtered = json(get("/api/feedback/sessions/" + sid + "?k=5&labels-any=" + enc(label)));
        assertThat(hitIds(filtered)).isEqualTo(expected).hasSize(5);
        // and so are the suggestions, of both strategies
        for (String strategy : List.of("active", "top")) {
            JsonNode f = json(get("/api/feedback/sessions/" + sid + "?k=5&suggest=4&strategy=" + strategy
                    + "&labels-any=" + enc(label)));
            assertThat(f.path("suggestions")).as(strategy).hasSize(4)
                    .allMatch(p -> p.path("labels").toString().contains("\"" + label + "\""), "labelled " + label);
            assertThat(f.path("notes").toString()).doesNotContain("no patch of the index has the label");
        }
        // a filter that passes nothing leaves nothing to mark, but not because everything is marked
        for (String nothing : List.of("labels-any=Nowhere", "from=2100-01-01", "bbox=" + enc("-179,-89,-178,-88"))) {
            JsonNode nowhere = json(get("/api/feedback/sessions/" + sid + "?k=5&" + nothing));
            assertThat(nowhere.path("hits")).as(nothing).isEmpty();
            assertThat(nowhere.path("suggestions")).as(nothing).isEmpty();
            assertThat(nowhere.path("notes").toString()).as(nothing)
                    .contains("the filter passes no image of the session's pool: nothing to rank or to mark")
                    .doesNotContain("nothing left to mark");
        }
        assertThat(json(get("/api/feedback/sessions/" + sid + "?k=5&labels-any=Nowhere")).path("notes").toString())
                .contains("no patch of the index has the label 'Nowhere'");
        // one whose every image is marked or the query: nothing left to mark, rightly
        org.deq.raster.GeoBox place = store.meta(store.ordinal(q)).footprint();
        double lon = (place.minLon() + place.maxLon()) / 2;
        double lat = (place.minLat() + place.maxLat()) / 2;
        String point = "&bbox=" + enc(lon + "," + lat + "," + (lon + 1e-6) + "," + (lat + 1e-6));
        List<String> there = new ArrayList<>();
        json(get("/api/patches?limit=500" + point)).path("patches").forEach(p -> there.add(p.path("id").asText()));
        assertThat(there).contains(q);
        there.remove(q);
        if (!there.isEmpty()) {
            postJson(server, "/api/feedback/sessions/" + sid + "/marks", Map.of("relevant", there));
        }
        assertThat(json(get("/api/feedback/sessions/" + sid + "?k=5" + point)).path("notes").toString()).contains(
                "nothing left to mark: every image of the session's pool that the filter passes is marked or a query example");
        assertThat(filtered.path("notes").toString()).doesNotContain("nothing left to mark");
    }

    @Test
    void feedbackSessionBadInputsAreOneLineErrors() throws Exception {
        String q = idAt(7);
        String sid = json(postJson(server, "/api/feedback/sessions", Map.of("query", List.of(q)))).path("sessionId").asText();
        String marks = "/api/feedback/sessions/" + sid + "/marks";
        String other = idAt(8);
        assertError(postJson(server, marks, Map.of("relevant", List.of(), "irrelevant", List.of())), 400, "no marks given");
        assertError(postJson(server, marks, Map.of()), 400, "no marks given");
        assertError(postJson(server, marks, Map.of("relevant", List.of(other), "irrelevant", List.of(other))), 400, "both relevant and irrelevant");
        assertError(postJson(server, marks, Map.of("relevant", List.of(q))), 400, "is a query example");
        assertError(postJson(server, marks, Map.of("irrelevant", List.of("nope"))), 404, "no patch with id 'nope'");
        assertError(postJson(server, marks, Map.of("relevant", "x")), 400, "relevant must be an array");
        assertError(post(marks, "application/json", "{not json".getBytes(StandardCharsets.UTF_8)), 400, "body must be one JSON object");
        assertError(postJson(server, marks + "?strategy=random", Map.of("relevant", List.of(other))), 400, "unknown selection strategy 'random'");
        assertError(post(marks, "application/json", ("{\"relevant\":[\"" + other + "\"]}{\"irrelevant\":[\"" + q + "\"]}")
                .getBytes(StandardCharsets.UTF_8)), 400, "body must be one JSON object");
        assertError(postJson(server, marks, Map.of("relevant", List.of(other), "irelevant", List.of(q))), 400, "unknown field 'irelevant'");
        // a field given twice is a 400 naming it, on every JSON body, as a repeated query parameter is: only the last would count
        String rid = json(get("/api/search?k=3&id=" + enc(q))).path("resultId").asText();
        String[][] twice = {
            {marks, "{\"relevant\":[\"" + other + "\"],\"relevant\":[\"" + idAt(9) + "\"]}", "relevant"},
            {"/api/feedback/sessions", "{\"query\":[\"" + q + "\"],\"query\":[\"" + other + "\"]}", "query"},
            {"/api/feedback/refine", "{\"resultId\":\"" + rid + "\",\"relevant\":[\"" + other + "\"],\"relevant\":[]}", "relevant"}};
        for (String[] c : twice) {
            assertError(post(c[0], "application/json", c[1].getBytes(StandardCharsets.UTF_8)), 400,
                    "field '" + c[2] + "' is given twice in the body; give it once");
        }
        assertError(post(marks, "application/json", new byte[RequestBodies.MAX_JSON_BYTES + 1]), 413, "over the limit");
        assertError(post(marks, "text/plain", ("{\"relevant\":[\"" + other + "\"]}").getBytes(StandardCharsets.UTF_8)), 415, "application/json");
        assertError(get("/api/feedback/sessions/" + sid + "?suggest=99"), 400, "suggest must be an integer within 0..50");
        assertError(get("/api/feedback/sessions/web-0000000000000000"), 404, "no feedback session 'web-0000000000000000'");
        Path damaged = TestIndex.index().resolve("feedback-sessions/damaged.json");
        Files.writeString(damaged, "{\"name\": 3");
        try {
            HttpResponse<byte[]> r = get("/api/feedback/sessions/damaged");
            assertError(r, 409, "feedback session 'damaged' cannot be read: damaged.json: not a feedback session: not valid JSON");
            assertThat(json(r).path("error").asText()).doesNotContain(damaged.getParent().toString());
        } finally {
            Files.delete(damaged);
        }
        // a folder named like a session file is no session: a 404, not a 409 that it cannot be read
        Path folderNamed = Files.createDirectories(TestIndex.index().resolve("feedback-sessions/dirsess.json"));
        try {
            assertError(get("/api/feedback/sessions/dirsess"), 404, "no feedback session 'dirsess'");
        } finally {
            Files.delete(folderNamed);
        }
        // a name no session can have is the naming rule, as the CLI gives it, not "no such session"
        for (String bad : List.of("..%2Fmanifest", "two%20words", ".lock")) {
            assertError(get("/api/feedback/sessions/" + bad), 400, "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        assertError(postJson(server, "/api/feedback/sessions/web-0000000000000000/marks", Map.of("relevant", List.of(other))), 404, "no feedback session");
        assertError(postJson(server, "/api/feedback/sessions", Map.of("query", List.of())), 400, "query must hold at least one patch id");
        assertError(postJson(server, "/api/feedback/sessions", Map.of()), 400, "query must hold at least one patch id");
        assertError(postJson(server, "/api/feedback/sessions", Map.of("query", List.of(q, "nope"))), 404, "no patch with id 'nope'");
        // the CLI's words: an empty id or one given twice is named, not dropped
        assertError(postJson(server, marks, Map.of("relevant", List.of(""))), 400, "relevant holds an empty id");
        assertError(postJson(server, "/api/feedback/sessions", Map.of("query", List.of(q, q))), 400, "query gives '" + q + "' twice");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(idAt(i));
        }
        assertError(postJson(server, "/api/feedback/sessions", Map.of("query", many)), 400, "query holds 65 ids; at most 64 examples make one query");
        // a refused request leaves the session as it was
        assertThat(json(get("/api/feedback/sessions/" + sid)).path("round").asInt()).isZero();
    }

    @Test
    void feedbackSessionsAreListedRefusedMarksLeaveNoTraceAndDamagedOnesCanBeDeleted() throws Exception {
        HttpResponse<byte[]> started = postJson(server, "/api/feedback/sessions", Map.of("query", List.of(idAt(11))));
        assertThat(started.statusCode()).isEqualTo(201);
        String sid = json(started).path("sessionId").asText();
        assertThat(started.headers().firstValue("Location").orElse("")).isEqualTo("/api/feedback/sessions/" + sid);
        postJson(server, "/api/feedback/sessions/" + sid + "/marks", Map.of("relevant", List.of(idAt(12)), "irrelevant", List.of(idAt(13))));

        Path folder = TestIndex.index().resolve("feedback-sessions");
        Path damaged = folder.resolve("truncated.json");
        Files.writeString(damaged, "{\"name\": \"trunc");
        // a session started on another index: none of its query examples is here, so it cannot be ranked
        Path foreign = folder.resolve("x1.json");
        Files.writeString(foreign, "{\"name\": \"x1\", \"index\": \"/elsewhere\", \"query\": [\"nolab/ghost\"],"
                + " \"pool\": [], \"marks\": {}, \"round\": 0}");
        try {
            String before = Files.readString(foreign);
            // the stored session no longer fits the index: a 409, as a damaged file is, without the server's folder
            String misfit = "feedback session 'x1' no longer fits the index: none of its query examples is in it; delete it"
                    + " (DELETE /api/feedback/sessions/x1)";
            assertError(postJson(server, "/api/feedback/sessions/x1/marks", Map.of("irrelevant", List.of(idAt(12)))), 409,
                    misfit);
            assertThat(Files.readString(foreign)).isEqualTo(before);
            HttpResponse<byte[]> shown = get("/api/feedback/sessions/x1");
            assertError(shown, 409, misfit);
            assertThat(new String(shown.body(), StandardCharsets.UTF_8)).doesNotContain(TestIndex.index().toString());

            HttpResponse<byte[]> listed = get("/api/feedback/sessions");
            assertThat(listed.statusCode()).as(new String(listed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            Map<String, JsonNode> byName = new java.util.HashMap<>();
            assertThat(json(listed).path("total").asInt()).isEqualTo(json(listed).path("sessions").size());
            json(listed).path("sessions").forEach(n -> byName.put(n.path("name").asText(), n));
            assertThat(byName.get(sid).path("round").asInt()).isEqualTo(1);
            assertThat(byName.get(sid).path("marks").asInt()).isEqualTo(2);
            assertThat(byName.get(sid).path("error").isNull()).isTrue();
            assertThat(Instant.parse(byName.get(sid).path("lastModified").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(byName.get("truncated").path("round").isNull()).isTrue();
            assertThat(byName.get("truncated").path("error").asText()).startsWith("truncated.json: not a feedback session");

            assertError(get("/api/feedback/sessions/truncated"), 409, "cannot be read");
            HttpResponse<byte[]> deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/feedback/sessions/truncated")).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(deleted.statusCode()).as(new String(deleted.body(), StandardCharsets.UTF_8)).isEqualTo(204);
            assertThat(damaged).doesNotExist();

            JsonNode session = json(get("/api/feedback/sessions/" + sid + "/session.json"));
            // the index by its folder's name: no server path in an answer
            assertThat(session.path("index").asText()).isEqualTo(TestIndex.index().getFileName().toString());
            assertThat(new String(get("/api/feedback/sessions/" + sid + "/session.json").body(), StandardCharsets.UTF_8))
                    .doesNotContain(TestIndex.index().toAbsolutePath().toString());
            assertThat(FeedbackSessions.folderName("/srv/deq/UCM/")).isEqualTo("UCM");
            assertThat(FeedbackSessions.folderName("C:\\deq\\UCM")).isEqualTo("UCM");
            assertThat(session.path("history")).hasSize(1);
        } finally {
            Files.deleteIfExists(damaged);
            Files.deleteIfExists(foreign);
        }
    }

    @Test
    void refineSaysIrrelevantMarksTrainNothingAndRefusesMarkingTheQuery() throws Exception {
        String q = idAt(0);
        JsonNode first = json(get("/api/search?k=8&id=" + enc(q)));
        String rid = first.path("resultId").asText();
        List<String> hits = hitIds(first);
        JsonNode relevantOnly = json(postJson(server, "/api/feedback/refine", Map.of("resultId", rid, "relevant", List.of(hits.get(1)))));
        assertThat(relevantOnly.path("notes").toString()).doesNotContain("irrelevant marks");
        JsonNode withIrrelevant = json(postJson(server, "/api/feedback/refine", Map.of("resultId", rid, "irrelevant", List.of(hits.get(2)))));
        // a list queried by archive ids is refined alike; the note points to the session that would learn from them
        assertThat(withIrrelevant.path("notes").get(0).asText()).isEqualTo(Api.IDS_IRRELEVANT_NOT_LEARNT)
                .contains("start a feedback session from the query's ids (POST /api/feedback/sessions)");
        assertError(postJson(server, "/api/feedback/refine", Map.of("resultId", rid, "irrelevant", List.of(q))), 400,
                "'" + q + "' is a query example, relevant by definition; it cannot be marked");
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            many.add(idAt(i));
        }
        assertError(postJson(server, "/api/feedback/refine", Map.of("resultId", rid, "relevant", many)), 400,
                "too many relevant marks: the list's query has 1 example(s), and with the 64 relevant marks it would have 65; at most 64 make one query");
    }

    @Test
    void feedbackSessionsSurviveAServerRestart() throws Exception {
        String sid;
        JsonNode before;
        try (DeqServer first = DeqServer.start(TestIndex.index(), ServerConfig.local(0))) {
            JsonNode started = json(postJson(first, "/api/feedback/sessions", Map.of("query", List.of(idAt(20)))));
            sid = started.path("sessionId").asText();
            List<String> ids = hitIds(started);
            before = json(postJson(first, "/api/feedback/sessions/" + sid + "/marks",
                    Map.of("relevant", List.of(ids.get(1)), "irrelevant", List.of(ids.get(ids.size() - 1)))));
        }
        assertThat(TestIndex.index().resolve("feedback-sessions").resolve(sid + ".json")).isRegularFile();
        try (DeqServer second = DeqServer.start(TestIndex.index(), ServerConfig.local(0))) {
            HttpResponse<byte[]> r = get(second, "/api/feedback/sessions/" + sid);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode after = json(r);
            assertThat(after.path("round").asInt()).isEqualTo(1);
            assertThat(after.path("model").asText()).isEqualTo("svm");
            assertThat(after.path("hits")).isEqualTo(before.path("hits"));
            assertThat(after.path("suggestions")).isEqualTo(before.path("suggestions"));

            // exported as deq feedback export writes it, then deleted
            HttpResponse<byte[]> exported = get(second, "/api/feedback/sessions/" + sid + "/session.json");
            assertThat(exported.statusCode()).isEqualTo(200);
            assertThat(exported.headers().firstValue("Content-Disposition").orElse("")).contains(sid + ".json");
            JsonNode session = json(exported);
            assertThat(session.path("name").asText()).isEqualTo(sid);
            assertThat(session.path("round").asInt()).isEqualTo(1);
            assertThat(session.path("marks").size()).isEqualTo(2);
            HttpResponse<byte[]> deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                    + "/api/feedback/sessions/" + sid)).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertError(get(second, "/api/feedback/sessions/" + sid), 404, "no feedback session");
            assertError(get(second, "/api/feedback/sessions/" + sid + "/session.json"), 404, "no feedback session");
        }
        assertThat(TestIndex.index().resolve("feedback-sessions").resolve(sid + ".json")).doesNotExist();
    }

    @Test
    void exportsWriteTheResultListAsCsvAndGeoJson() throws Exception {
        String q = idAt(2);
        JsonNode r = json(get("/api/search?k=5&id=" + enc(q)));
        String rid = r.path("resultId").asText();
        HttpResponse<byte[]> csv = get("/api/results/" + rid + "/export.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
        String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).startsWith("rank,id,distance,acquired,min_lon");
        for (int i = 1; i <= 5; i++) {
            JsonNode hit = r.path("hits").get(i - 1);
            String[] cols = lines[i].split(",", 9);
            assertThat(cols[0]).isEqualTo(String.valueOf(i));
            assertThat(cols[1]).isEqualTo(hit.path("id").asText());
            assertThat(Double.parseDouble(cols[2])).isCloseTo(hit.path("distance").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Double.parseDouble(cols[4])).isCloseTo(hit.path("patch").path("bbox").get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        }
        JsonNode geo = json(get("/api/results/" + rid + "/export.geojson"));
        assertThat(geo.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(geo.path("features")).hasSize(5);
        JsonNode f = geo.path("features").get(0);
        JsonNode ring = f.path("geometry").path("coordinates").get(0);
        assertThat(ring).hasSize(5);
        assertThat(ring.get(0)).isEqualTo(ring.get(4));
        assertThat(ring.get(0).get(0).asDouble()).isEqualTo(r.path("hits").get(0).path("patch").path("bbox").get(0).asDouble());
        assertThat(f.path("properties").path("rank").asInt()).isEqualTo(1);
        assertThat(f.path("properties").path("labels")).isEqualTo(r.path("hits").get(0).path("patch").path("labels"));
        assertError(get("/api/results/0123456789abcdef/export.csv"), 404, "no result list");
        assertError(get("/api/results/" + enc("..") + "/export.geojson"), 400, "16 hexadecimal digits");
    }

    @Test
    void evalFiguresAreTheCoreEvaluation() throws Exception {
        JsonNode e = json(get("/api/eval"));
        assertThat(e.path("queries").asInt()).isEqualTo(TestIndex.PATCHES);
        LabelTruth truth = IndexEvaluation.truthOf(store);
        EvalProtocol protocol = EvalProtocol.allVsAll();
        EvalReport at10 = new RetrievalEvaluator(1).evaluate(protocol, truth,
                IndexEvaluation.exactRanker(store, protocol.resolve(truth), store.config().distance()), 10);
        int previousK = 0;
        for (JsonNode p : e.path("points")) {
            assertThat(p.path("k").asInt()).isGreaterThan(previousK);
            previousK = p.path("k").asInt();
            assertThat(p.path("precision").asDouble()).isBetween(0.0, 1.0);
            if (previousK == 10) {
                assertThat(p.path("precision").asDouble()).isCloseTo(at10.precisionAtK(), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(p.path("map").asDouble()).isCloseTo(at10.mapAtK(), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(previousK).isEqualTo(100);
    }

    @Test
    void changeQueryNotesSayWhyTheListIsShort() throws Exception {
        JsonNode page = json(get("/api/change/pairs?limit=1"));
        String before = page.path("pairs").get(0).path("before").path("id").asText();
        String after = page.path("pairs").get(0).path("after").path("id").asText();
        String query = "/api/change?before=" + enc(before) + "&after=" + enc(after);
        assertThat(json(get(query + "&k=3")).path("notes")).isEmpty();
        // as /api/search notes a label no patch has
        JsonNode nope = json(get(query + "&k=3&labels-any=Nope"));
        assertThat(nope.path("hits")).isEmpty();
        assertThat(nope.path("notes").toString()).contains("no patch of the index has the label 'Nope'");
        assertThat(json(get("/api/search?k=3&labels-any=Nope&id=" + enc(after))).path("notes"))
                .isEqualTo(nope.path("notes"));

        // an index without pairs (as UC Merced): an empty list that says why, as deq change does
        try (DeqServer noPairs = DeqServer.start(TestIndex.noPairsIndex(), ServerConfig.local(0));
             IndexStore singles = IndexStore.open(TestIndex.noPairsIndex())) {
            HttpResponse<byte[]> r = get(noPairs, "/api/change?before=" + enc(singles.meta(0).id()) + "&after="
                    + enc(singles.meta(1).id()));
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode none = json(r);
            assertThat(none.path("pairs").asInt()).isZero();
            assertThat(none.path("hits")).isEmpty();
            assertThat(none.path("notes").toString()).contains("the index holds no bi-temporal pairs");
            JsonNode list = json(get(noPairs, "/api/change/pairs"));
            assertThat(list.path("total").asInt()).isZero();
            assertThat(list.path("notes").toString()).contains("the index holds no bi-temporal pairs");
        }
        assertThat(json(get("/api/change/pairs?limit=1")).path("notes")).isEmpty();

        // two places: said as deq change says it (ChangeSearch.notes)
        JsonNode two = json(get("/api/change/pairs?limit=2"));
        String elsewhere = two.path("pairs").get(1).path("after").path("id").asText();
        assertThat(two.path("pairs").get(1).path("after").path("bbox")).isNotEqualTo(page.path("pairs").get(0).path("after").path("bbox"));
        assertThat(json(get("/api/change?k=2&before=" + enc(before) + "&after=" + enc(elsewhere))).path("notes").toString())
                .contains("the before and after examples do not share a footprint");
    }

    @Test
    void feedbackMarksNoteAChangedMarkAsTheCliDoes() throws Exception {
        String sid = json(postJson(server, "/api/feedback/sessions", Map.of("query", List.of(idAt(30))))).path("sessionId").asText();
        String marks = "/api/feedback/sessions/" + sid + "/marks";
        String id = idAt(31);
        JsonNode first = json(postJson(server, marks, Map.of("relevant", List.of(id))));
        assertThat(first.path("notes").toString()).doesNotContain("was marked");
        JsonNode again = json(postJson(server, marks, Map.of("relevant", List.of(id))));
        assertThat(again.path("notes").toString()).doesNotContain("was marked"); // the same mark again changes nothing
        JsonNode changed = json(postJson(server, marks, Map.of("irrelevant", List.of(id))));
        assertThat(changed.path("notes").get(0).asText()).isEqualTo(id + " was marked relevant, now irrelevant");
        JsonNode back = json(postJson(server, marks, Map.of("relevant", List.of(id))));
        assertThat(back.path("notes").get(0).asText()).isEqualTo(id + " was marked irrelevant, now relevant");
        // a note of the request, not of the session: showing the session again has none
        assertThat(json(get("/api/feedback/sessions/" + sid)).path("notes").toString()).doesNotContain("was marked");
    }

    @Test
    void uploadErrorsNameTheUploadedFileNotTheServersTemporaryCopy() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
        // an RGB image against an index described by all Sentinel-2 bands: the descriptor names the example it cannot read
        try (DeqServer s2 = DeqServer.start(TestIndex.noPairsIndex(), ServerConfig.local(0))) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s2.port()
                    + "/api/search/upload?k=3")).header("Content-Type", "multipart/form-data; boundary=b")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("b", new Part("image", "forest05.jpg", jpeg.toByteArray()))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertError(r, 422, "example forest05.jpg: patch upload:forest05.jpg has no band B01");
            assertThat(json(r).path("error").asText()).doesNotContain(System.getProperty("java.io.tmpdir"))
                    .doesNotContain("deq-upload-");
        }
    }

    @Test
    void unknownEndpointsAndStaticPages() throws Exception {
        assertError(get("/api/nothing-here"), 404, "no such endpoint: GET /api/nothing-here (see /api/openapi.json)");
        HttpResponse<byte[]> wrongMethod = post("/api/search", "application/json", new byte[0]);
        assertError(wrongMethod, 405, "POST is not allowed on /api/search; use GET");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertError(get("/api/feedback/sessions/web-0123/marks"), 405, "use POST");
        // the upload endpoints too, though they check Content-Length before any POST body is read
        HttpResponse<byte[]> getUpload = get("/api/search/upload?k=3");
        assertError(getUpload, 405, "GET is not allowed on /api/search/upload; use POST");
        assertThat(getUpload.headers().firstValue("Allow")).hasValue("POST");
        assertError(get("/api/change/upload"), 405, "GET is not allowed on /api/change/upload; use POST");
        assertError(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/search/upload"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[3])).build(), HttpResponse.BodyHandlers.ofByteArray()),
                405, "PUT is not allowed on /api/search/upload; use POST");
        // browsers ask for a favicon on every page load: no content, not a JSON 404
        HttpResponse<byte[]> favicon = get("/favicon.ico");
        assertThat(favicon.statusCode()).isEqualTo(204);
        assertThat(favicon.body()).isEmpty();
        // Javalin would answer HEAD with an empty 200 without running the GET, even for an unknown id
        // (java.net.http on JDK 17 expects a body after HEAD: HttpURLConnection knows better)
        java.net.HttpURLConnection head = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + server.port()
                + "/api/patch?id=nope").toURL().openConnection();
        head.setRequestMethod("HEAD");
        assertThat(head.getResponseCode()).isEqualTo(405);
        assertThat(head.getHeaderField("Allow")).isEqualTo("GET");
        head.disconnect();
        // requests Jetty refuses before any route answer in JSON too
        // an id as long as any index holds fits a GET (Jetty's 8 KiB refused those over ~2.7 KiB of UTF-8); beyond, a 414
        assertError(get("/api/patch?id=" + "%C3%A9".repeat(RequestParams.MAX_ID_BYTES / 2)), 404, "no patch with id");
        assertError(get("/api/patch?id=" + "a".repeat(DeqServer.REQUEST_HEADER_BYTES)), 414, "414 URI Too Long");
        assertError(get("/api/patch%00"), 400, "Bad Request");
        HttpResponse<byte[]> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("Deep Earth Query", "app.js");
        assertThat(get("/eval.html").statusCode()).isEqualTo(200);
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void uploadFileNamesLoseTheClientsFolders() throws Exception {
        assertThat(Uploads.baseName("C:\\Users\\me\\b.jpg")).isEqualTo("b.jpg");
        assertThat(Uploads.baseName("/home/me/b.jpg")).isEqualTo("b.jpg");
        assertThat(Uploads.baseName("/")).isEmpty();
        assertThat(Uploads.baseName("a\u0085b\u009b.png")).as("C1 controls, which ids never hold").isEqualTo("a\ufffdb\ufffd.png");
        assertThat(Uploads.baseName(null)).isEmpty();
        byte[] png = get("/api/thumbnail?id=" + enc(idAt(8))).body();
        // a name that is all folder is no name, as an empty one: not a 500
        assertError(upload("/api/search/upload", new Part("image", "/", png)), 415, "'' is not a GeoTIFF, PNG or JPEG file");
        assertError(upload("/api/change/upload", new Part("before", "/", png), new Part("after", "b.png", png)), 415,
                "'' is not a GeoTIFF, PNG or JPEG file");
        JsonNode windows = json(upload("/api/search/upload?k=1", new Part("image", "C:\\Users\\me\\b.png", png)));
        assertThat(windows.path("examples").get(0).asText()).isEqualTo("upload:b.png");
    }

    @Test
    void eachEndpointTakesOnlyItsOwnQueryParameters() throws Exception {
        String id = enc(idAt(5));
        JsonNode pair = json(get("/api/change/pairs?limit=1")).path("pairs").get(0);
        String ids = "before=" + enc(pair.path("before").path("id").asText()) + "&after=" + enc(pair.path("after").path("id").asText());
        // each would otherwise be ignored: an unfiltered answer, or another endpoint's option silently dropped
        assertError(get("/api/change/pairs?limit=1&labels-any=Pastures&from=2030-01-01"), 400,
                "unknown query parameter 'labels-any' for GET /api/change/pairs; it takes offset, limit");
        assertError(get("/api/caption?id=" + id + "&labels-any=sand"), 400,
                "unknown query parameter 'labels-any' for GET /api/caption; it takes id, k");
        assertError(get("/api/eval?k=5"), 400, "unknown query parameter 'k' for GET /api/eval, which takes none");
        assertError(get("/api/stats?k=5"), 400, "unknown query parameter 'k' for GET /api/stats, which takes none");
        assertError(get("/api/patches?k=5"), 400, "unknown query parameter 'k' for GET /api/patches; it takes offset, limit, labels-any");
        assertError(get("/api/thumbnail?id=" + id + "&k=3"), 400, "unknown query parameter 'k' for GET /api/thumbnail; it takes id");
        for (String other : List.of("strategy=top", "variable=lai", "before=x")) {
            assertError(get("/api/search?id=" + id + "&" + other), 400,
                    "unknown query parameter '" + other.substring(0, other.indexOf('=')) + "' for GET /api/search");
        }
        assertError(get("/api/change-map.png?" + ids + "&labels-any=zz"), 400,
                "unknown query parameter 'labels-any' for GET /api/change-map.png; it takes before, after");
        assertError(upload("/api/search/upload?suggest=3", new Part("image", "a.png", new byte[] {1})), 400,
                "unknown query parameter 'suggest' for POST /api/search/upload");
        assertError(get("/api/feedback/sessions/web-0000000000000000/session.json?k=3"), 400,
                "unknown query parameter 'k' for GET /api/feedback/sessions/web-0000000000000000/session.json, which takes none");
        // their own parameters they still take
        assertThat(get("/api/change/pairs?limit=1&offset=1").statusCode()).isEqualTo(200);
        assertThat(get("/api/change?" + ids + "&k=2&labels-any=zz").statusCode()).isEqualTo(200);
        assertThat(get("/api/feedback/sessions/web-0000000000000000?k=3&strategy=top").statusCode()).isEqualTo(404);
    }

    @Test
    void bodiesOfTheWrongTypeAre415() throws Exception {
        byte[] tiff = geoTiffOf(0);
        assertError(post("/api/search/upload", "image/tiff", tiff), 415, "send the body as multipart/form-data, not image/tiff");
        assertError(post("/api/change/upload", "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 415,
                "send the body as multipart/form-data, not application/json");
        assertError(postWithoutType("/api/search/upload", tiff), 415,
                "send the body as multipart/form-data; the request has no Content-Type");
        assertError(postWithoutType("/api/feedback/sessions", "{}".getBytes(StandardCharsets.UTF_8)), 415,
                "send the body as application/json; the request has no Content-Type");
    }

    private static HttpResponse<byte[]> postWithoutType(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void bodiesTooLargeOrStalledSaySo() throws Exception {
        // chunked, there is no Content-Length to refuse it by: the limit is counted as the body arrives
        byte[] big = ("{\"query\":[\"" + "a".repeat(RequestBodies.MAX_JSON_BYTES) + "\"]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> chunked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/feedback/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertError(chunked, 413, "chunked JSON body goes over the limit of " + RequestBodies.MAX_JSON_BYTES + " bytes");

        // bodies that stop coming: the server gives up after 10 s without a byte (BodyGate.IDLE), both waited for at once
        java.util.concurrent.CompletableFuture<String> json = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                stalled("POST /api/feedback/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"query\":"));
        String upload = stalled("POST /api/search/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: 10000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nabc");
        assertThat(json.get()).startsWith("HTTP/1.1 408")
                .contains("{\"error\":\"the JSON body stopped arriving before its end: nothing came for 10 s\"}");
        assertThat(upload).startsWith("HTTP/1.1 408")
                .contains("{\"error\":\"the upload stopped arriving before its end: nothing came for 10 s\"}");
    }

    /** Sends a request's head and the start of its body, then waits: the server's response, head and body. */
    private static String stalled(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            int length = -1;
            for (String line; !(line = headerLine(in)).isEmpty(); ) {
                response.append(line).append('\n');
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return response.append('\n').append(new String(in.readNBytes(length), StandardCharsets.UTF_8)).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String headerLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void damagedSessionFilesAreOnePlainLine() throws Exception {
        Path folder = TestIndex.index().resolve("feedback-sessions");
        Files.createDirectories(folder);
        Map<String, String> cases = Map.of(
                "[1, 2]", "expected a JSON object with name, index, query, pool, marks and round",
                "{\"name\": \"x\", \"index\": \"i\", \"query\": [\"a\"], \"round\": \"two\"}", "field 'round' has the wrong type",
                "{\"name\": \"x\", \"index\": \"i\", \"query\": [\"a\"], \"rounds\": 2}", "unknown field 'rounds'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(folder.resolve("damaged2.json"), c.getKey());
            try {
                for (String path : List.of("/api/feedback/sessions/damaged2", "/api/feedback/sessions/damaged2/session.json")) {
                    HttpResponse<byte[]> r = get(path);
                    assertError(r, 409, "feedback session 'damaged2' cannot be read: damaged2.json: not a feedback session: "
                            + c.getValue());
                    assertThat(json(r).path("error").asText()).as(c.getKey()).doesNotContain("deserialize", "Token", "org.deq", "`");
                    assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
                }
                assertError(postJson(server, "/api/feedback/sessions/damaged2/marks", Map.of("relevant", List.of(idAt(1)))), 409,
                        "damaged2.json: not a feedback session");
            } finally {
                Files.delete(folder.resolve("damaged2.json"));
            }
        }
        // the download's file name is set only for a session that exists, whose name is file-safe: another is the rule
        HttpResponse<byte[]> quoted = get("/api/feedback/sessions/a%22b.json/session.json");
        assertError(quoted, 400, "must be 1-100 letters, digits, '.', '_' or '-'");
        assertThat(quoted.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void boxesOffTheGlobeAreRefusedAndABoxOnAnIndexWithoutFootprintsIsNoted() throws Exception {
        String id = enc(idAt(0));
        assertError(get("/api/search?bbox=-180,-95,180,90&id=" + id), 400,
                "filter bbox: bounding box must have longitudes within -180..180 and latitudes within -90..90: -180,-95,180,90");
        assertError(get("/api/search?bbox=0,0,181,10&id=" + id), 400, "filter bbox: bounding box must have longitudes within");
        assertError(get("/api/patches?bbox=1,2,3"), 400, "filter bbox: bounding box must be minLon,minLat,maxLon,maxLat");
        assertThat(json(get("/api/search?bbox=-180,-90,180,90&k=3&id=" + id)).path("hits")).hasSize(3);
        // as UC Merced: no footprints, so any box matches none, and the empty list says so as a time filter's does
        try (DeqServer undated = DeqServer.start(TestIndex.undatedIndex(), ServerConfig.local(0));
             IndexStore images = IndexStore.open(TestIndex.undatedIndex())) {
            JsonNode r = json(get(undated, "/api/search?bbox=-180,-90,180,90&from=2017-01-01&id=" + enc(images.meta(0).id())));
            assertThat(r.path("hits")).isEmpty();
            assertThat(r.path("notes").toString()).contains("no patch of the index has a footprint, so bbox matches none",
                    "no patch of the index has an acquisition time, so from/to/season match none");
        }
    }

    @Test
    void responsesAreWhatTheOpenApiDocumentSays() throws Exception {
        OpenApiSchemaCheck doc = new OpenApiSchemaCheck(json(get("/api/openapi.json")));
        String id = idAt(3);
        conforms(doc, "get", "/api/stats", get("/api/stats"));
        conforms(doc, "get", "/api/health", get("/api/health"));
        conforms(doc, "get", "/api/patches", get("/api/patches?limit=3"));
        conforms(doc, "get", "/api/patch", get("/api/patch?id=" + enc(id)));
        conforms(doc, "get", "/api/patch", get("/api/patch?id=nope"));
        HttpResponse<byte[]> search = get("/api/search?k=3&id=" + enc(id));
        conforms(doc, "get", "/api/search", search);
        conforms(doc, "get", "/api/search", get("/api/search?k=3&labels-any=Nowhere&id=" + enc(id))); // with notes
        HttpResponse<byte[]> uploaded = upload("/api/search/upload?k=2", new Part("image", "a.tif", geoTiffOf(3)));
        conforms(doc, "post", "/api/search/upload", uploaded);
        conforms(doc, "post", "/api/feedback/refine", postJson(server, "/api/feedback/refine?k=2",
                Map.of("resultId", json(uploaded).path("resultId").asText(), "relevant", List.of(idAt(4)))));
        HttpResponse<byte[]> started = postJson(server, "/api/feedback/sessions?k=3", Map.of("query", List.of(id)));
        conforms(doc, "post", "/api/feedback/sessions", started);
        String sid = json(started).path("sessionId").asText();
        conforms(doc, "post", "/api/feedback/sessions/{sid}/marks", postJson(server, "/api/feedback/sessions/" + sid
                + "/marks?k=3", Map.of("relevant", List.of(hitIds(json(search)).get(0)), "irrelevant", List.of(idAt(90)))));
        conforms(doc, "get", "/api/feedback/sessions/{sid}", get("/api/feedback/sessions/" + sid + "?k=3"));
        conforms(doc, "get", "/api/feedback/sessions/{sid}/session.json", get("/api/feedback/sessions/" + sid + "/session.json"));
        HttpResponse<byte[]> pairs = get("/api/change/pairs?limit=2");
        conforms(doc, "get", "/api/change/pairs", pairs);
        JsonNode pair = json(pairs).path("pairs").get(0);
        conforms(doc, "get", "/api/change", get("/api/change?k=3&before=" + enc(pair.path("before").path("id").asText())
                + "&after=" + enc(pair.path("after").path("id").asText())));
        conforms(doc, "post", "/api/change/upload", upload("/api/change/upload?k=2", new Part("before", "a.tif", geoTiffOf(3)),
                new Part("after", "b.tif", geoTiffOf(4))));
        conforms(doc, "get", "/api/change-map.json", get("/api/change-map.json?before=" + enc(pair.path("before").path("id").asText())
                + "&after=" + enc(pair.path("after").path("id").asText())));
        conforms(doc, "get", "/api/change-map.json", get("/api/change-map.json?before=nope&after=" + enc(id)));
        conforms(doc, "get", "/api/caption", get("/api/caption?id=" + enc(id)));
        conforms(doc, "get", "/api/eval", get("/api/eval"));
        conforms(doc, "get", "/api/eval", get("/api/eval?k=1"));
        // an index without dates, footprints or pairs: the nulls the document allows
        try (DeqServer undated = DeqServer.start(TestIndex.undatedIndex(), ServerConfig.local(0))) {
            conforms(doc, "get", "/api/stats", get(undated, "/api/stats"));
            conforms(doc, "get", "/api/patches", get(undated, "/api/patches"));
            conforms(doc, "get", "/api/eval", get(undated, "/api/eval"));
        }
    }

    /** The response's status is documented for the operation and its body has the documented shape, no more, no less. */
    private static void conforms(OpenApiSchemaCheck doc, String method, String path, HttpResponse<byte[]> r) throws IOException {
        JsonNode schema = doc.responseSchema(method, path, r.statusCode());
        assertThat(doc.problems(json(r), schema)).as(method + " " + path + " " + r.statusCode()).isEmpty();
    }

    @Test
    void uploadsRefuseUnknownFieldAndRepeatedParts() throws Exception {
        byte[] a = geoTiffOf(3);
        byte[] b = geoTiffOf(4);
        assertError(upload("/api/search/upload", new Part("image", "a.tif", a), new Part("foo", "b.tif", b)), 400,
                "unknown part 'foo' in the upload; POST /api/search/upload takes file parts 'image'");
        assertError(upload("/api/search/upload", new Part("image", "a.tif", a), new Part("note", null, "hello".getBytes(StandardCharsets.UTF_8))),
                400, "unknown part 'note' in the upload");
        assertError(upload("/api/search/upload", new Part("image", null, "hello".getBytes(StandardCharsets.UTF_8))), 400,
                "part 'image' must be a file, not a form field (with curl: -F image=@FILE)");
        // several image parts are one query by several examples
        assertThat(json(upload("/api/search/upload?k=2", new Part("image", "a.tif", a), new Part("image", "b.tif", b)))
                .path("examples")).hasSize(2);
        assertError(upload("/api/change/upload", new Part("before", "a.tif", a), new Part("before", "c.tif", b),
                new Part("after", "b.tif", b)), 400, "part 'before' is given 2 times; POST /api/change/upload takes one before image");
        assertError(upload("/api/change/upload", new Part("image", "x.tif", a), new Part("before", "a.tif", a),
                new Part("after", "b.tif", b)), 400,
                "unknown part 'image' in the upload; POST /api/change/upload takes file parts 'before' and 'after'");
    }

    @Test
    void emptyFiltersAndAMissingResultIdAreRefusedByName() throws Exception {
        String search = "/api/search?id=" + enc(idAt(3));
        assertError(get(search + "&labels-any=" + enc("||")), 400, "filter labels-any has an empty value");
        assertError(get(search + "&labels-all="), 400, "filter labels-all has an empty value");
        assertError(get("/api/patches?season="), 400, "filter season has an empty value");
        assertError(get("/api/patches?exclude-flags=" + enc("|")), 400, "filter exclude-flags has an empty value");
        assertError(postJson(server, "/api/feedback/refine", Map.of("relevant", List.of(idAt(4)))), 400,
                "resultId is required: the resultId of the search to refine");
        assertError(post("/api/feedback/refine", "application/json",
                "{\"resultId\": 5, \"relevant\": [\"x\"]}".getBytes(StandardCharsets.UTF_8)), 400, "resultId must be a string");
    }

    @Test
    void everyOperationDocumentsTheWrongMethodsAndUploadsTheirRetryable503() throws Exception {
        JsonNode doc = json(get("/api/openapi.json"));
        JsonNode shared = doc.at("/components/responses/MethodNotAllowed");
        assertThat(shared.at("/headers/Allow").isMissingNode()).isFalse();
        List<String> busy = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode responses = op.getValue().path("responses");
            assertThat(responses.at("/405/$ref").asText()).as(op.getKey() + " " + path.getKey())
                    .isEqualTo("#/components/responses/MethodNotAllowed");
            if (responses.at("/503/$ref").asText().equals("#/components/responses/UploadsBusy")) {
                busy.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertThat(busy).containsExactlyInAnyOrder("post /api/search/upload", "post /api/change/upload");
        assertThat(doc.at("/components/responses/UploadsBusy/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        // the 405 a wrong method gets is the shared response's: an error, with Allow
        HttpResponse<byte[]> wrong = get("/api/search/upload");
        assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
        assertThat(new OpenApiSchemaCheck(doc).problems(json(wrong), shared.at("/content/application~1json/schema"))).isEmpty();
    }

    @Test
    void theApiRootIsAnUnknownEndpointLikeAnyOther() throws Exception {
        assertError(get("/api"), 404, "no such endpoint: GET /api (see /api/openapi.json)");
    }

    private record Part(String field, String filename, byte[] content) {
    }

    private static HttpResponse<byte[]> upload(String path, Part... parts) throws IOException, InterruptedException {
        String boundary = "deq" + UUID.randomUUID();
        return post(path, "multipart/form-data; boundary=" + boundary, multipart(boundary, parts));
    }

    private static byte[] multipart(String boundary, Part... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            // no filename: a form field rather than a file
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field() + "\""
                    + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"")
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A little-endian TIFF with one IFD claiming width x height x bands 16-bit samples in one tiny strip. */
    private static byte[] tiffHeaderOnly(int width, int height, int bands) {
        int entries = 8;
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries * 12 + 4 + bands * 2 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        int extra = 8 + 2 + entries * 12 + 4;
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        entry(b, 258, 3, bands, extra);
        entry(b, 259, 3, 1, 1);
        entry(b, 262, 3, 1, 1);
        entry(b, 273, 4, 1, extra + bands * 2);
        entry(b, 277, 3, 1, bands);
        entry(b, 279, 4, 1, 16);
        b.putInt(0);
        for (int i = 0; i < bands; i++) {
            b.putShort((short) 16);
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
