package org.deq.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deq.analysis.AcquisitionGeometry;
import org.deq.analysis.BiophysicalMap;
import org.deq.analysis.BiophysicalVariable;
import org.deq.analysis.Caption;
import org.deq.analysis.ChangeMap;
import org.deq.analysis.LabelPrediction;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.Archives;
import org.deq.change.ChangeExample;
import org.deq.change.ChangeHit;
import org.deq.change.ChangePairs;
import org.deq.change.ChangeSearch;
import org.deq.feedback.FeedbackEngine;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.Strategy;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.TrueColor;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.spec.IdLists;
import org.deq.store.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API's handlers, each over the index state its request holds ({@link LiveIndex}); {@link #register} binds them
 * under {@code /api/}.
 */
final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final int DEFAULT_K = 20;
    /** Patches or pairs of a page, by default (the web page's 60 cards) and at most. */
    private static final int DEFAULT_PAGE = 60;
    private static final int MAX_PAGE = 500;
    /** Longest side of a thumbnail: a card's, with room for a screen of twice the density. */
    static final int THUMBNAIL_EDGE = 256;
    private static final int MAX_UPLOADS = 8;
    private static final int MAX_EXAMPLES = QueryByExample.MAX_EXAMPLES;
    private static final int RESULT_LISTS = 256;
    /** The web page's strip of suggestions holds 6; the CLI's default is a round of 10 marks, as feedback-eval's. */
    private static final int DEFAULT_SUGGESTIONS = 6;
    /** What a refinement does with irrelevant marks: a client expecting a classifier learns it has none here. */
    private static final String IRRELEVANT_LEFT_OUT = "irrelevant marks are left out of the new list but train nothing: ";
    static final String UPLOAD_IRRELEVANT_NOT_LEARNT = IRRELEVANT_LEFT_OUT + "a query by uploaded images is refined by"
            + " averaging it with the relevant marks; only a query by archive images trains a classifier on relevant and"
            + " irrelevant marks alike (a feedback session)";
    static final String IDS_IRRELEVANT_NOT_LEARNT = IRRELEVANT_LEFT_OUT + "refine averages the query with the relevant"
            + " marks; to train a classifier on relevant and irrelevant marks alike, start a feedback session from the"
            + " query's ids (POST /api/feedback/sessions)";
    private final LiveIndex live;
    private final ServerConfig config;
    // result lists are keyed by patch id, which a newer commit of the index keeps: they outlive a state; drawn images by
    // the index's build too, as a folder built again may give an id another picture
    private final DrawnImages drawn;
    private final ImageCaching images = new ImageCaching();
    private final ResultLists results = new ResultLists(RESULT_LISTS);
    private final Uploads uploads;
    private final SearchGate gate = new SearchGate(Runtime.getRuntime().availableProcessors());
    private final BodyGate bodies;
    private final SessionListAccess sessionList;

    Api(LiveIndex live, ServerConfig config) {
        this.live = live;
        this.config = config;
        this.drawn = new DrawnImages(config.thumbnailCacheBytes());
        this.uploads = new Uploads(config.maxUploadBytes(), config.maxImageSamples());
        this.bodies = new BodyGate(config.bodies());
        this.sessionList = new SessionListAccess(config.listSessions());
    }

    /** A handler over the index state its request holds. */
    private interface IndexHandler {
        void handle(Context ctx, ServedIndex index) throws Exception;
    }

    /** The handler over the current index state, held until it returns, so that the state is not closed under it. */
    private Handler served(IndexHandler handler) {
        return ctx -> {
            ServedIndex index = live.hold();
            try {
                handler.handle(ctx, index);
            } catch (OutOfMemoryError e) { // a large upload described, many maps at once: the request fails, not the server
                LOG.error("{} {}: out of memory (the heap holds at most {} MB)", ctx.method(), ctx.path(),
                        Runtime.getRuntime().maxMemory() >> 20);
                throw ApiException.busy("the server ran out of memory answering this request; try again shortly",
                        Uploads.RETRY_AFTER_SECONDS);
            } catch (Error e) {
                // Javalin's exception handlers take Exceptions only: an Error would be an empty 500 that logs nothing
                throw new IllegalStateException(ctx.method() + " " + ctx.path() + ": " + e, e);
            } finally {
                index.release();
            }
        };
    }

    /** Binds the handlers; {@code routes} (the OpenAPI document) says which query parameters each one takes. */
    void register(Javalin app, ApiRoutes routes) {
        app.before("/api/*", ctx -> RequestParams.checkNames(ctx, routes));
        app.get("/api/openapi.json", this::openApi);
        app.get("/api/health", served(this::health));
        app.get("/api/stats", served((ctx, index) -> ctx.json(index.stats())));
        app.get("/api/patches", served(this::patches));
        app.get("/api/patch", served((ctx, index) -> ctx.json(Views.patch(index.meta(RequestParams.id(ctx.queryParam("id")))))));
        app.get("/api/thumbnail", served(this::thumbnail));
        app.get("/api/search", served(this::searchByIds));
        app.before("/api/search/upload", this::checkUpload);
        app.post("/api/search/upload", served(this::searchByUpload));
        app.post("/api/feedback/refine", served(this::refine));
        app.post("/api/feedback/sessions", served(this::startSession));
        app.get("/api/feedback/sessions", served((ctx, index) -> {
            sessionList.check(ctx.req().getRemoteAddr());
            RequestParams.Page asked = RequestParams.page(ctx, DEFAULT_PAGE, MAX_PAGE);
            FeedbackSessions.Listed listed = index.sessions().list(asked.offset(), asked.limit());
            ctx.json(new Views.SessionPageView(listed.total(), asked.offset(), Views.sessions(listed.page())));
        }));
        app.get("/api/feedback/sessions/{sid}", served((ctx, index) -> showRound(ctx, index, roundOptions(ctx),
                index.sessions().load(ctx.pathParam("sid")))));
        app.post("/api/feedback/sessions/{sid}/marks", served(this::markSession));
        app.get("/api/feedback/sessions/{sid}/session.json", served((ctx, index) -> {
            String sid = ctx.pathParam("sid");
            String json = index.sessions().export(sid);
            attachment(ctx, sid + ".json"); // named only once found
            ctx.contentType("application/json").result(json);
        }));
        app.delete("/api/feedback/sessions/{sid}", served((ctx, index) -> {
            index.sessions().delete(ctx.pathParam("sid"));
            ctx.status(204);
        }));
        app.get("/api/results/{resultId}/export.geojson", ctx -> export(ctx, true));
        app.get("/api/results/{resultId}/export.csv", ctx -> export(ctx, false));
        app.get("/api/eval", served((ctx, index) -> ctx.json(index.evalFigures())));
        app.get("/api/change/pairs", served(this::changePairs));
        app.get("/api/change", served(this::changeByIds));
        app.get("/api/change-map.png", served((ctx, index) -> changeMap(ctx, index, "png")));
        app.get("/api/change-map.tif", served((ctx, index) -> changeMap(ctx, index, "tif")));
        app.get("/api/change-map.json", served((ctx, index) -> changeMap(ctx, index, "json")));
        app.get("/api/caption", served(this::caption));
        app.get("/api/biophysical.png", served((ctx, index) -> biophysical(ctx, index, "png")));
        app.get("/api/biophysical.tif", served((ctx, index) -> biophysical(ctx, index, "tif")));
        app.get("/api/biophysical.json", served((ctx, index) -> biophysical(ctx, index, "json")));
        app.before("/api/change/upload", this::checkUpload);
        app.post("/api/change/upload", served(this::changeByUpload));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    /** Cheap enough for a load balancer's every probe: the state's own figures, no statistics computed. */
    private void health(Context ctx, ServedIndex index) {
        IndexStore store = index.store();
        String reloadError = live.reloadFailure();
        // still a 200: the state held is served whole, but a monitor should see that the folder moved on without it
        ctx.json(new Views.HealthView(reloadError == null ? "ok" : "degraded", store.size(), store.generation(),
                store.created(), store.updated(), store.encoder() == null ? null : store.encoder().spec(), reloadError));
    }

    /**
     * The caption of a stored patch (deq-analysis' {@link Caption}): its labels voted by its k nearest neighbours, the
     * patch itself and its stored copies not voting, with their scores and the labels the index stores for it.
     */
    private void caption(Context ctx, ServedIndex index) throws IOException {
        String id = RequestParams.id("id", ctx.queryParam("id"));
        int k = RequestParams.k(ctx, LabelPrediction.K, config.maxK());
        PatchMeta meta = index.meta(id);
        LabelPrediction prediction = index.labels();
        int self = index.store().ordinal(id);
        LabelPrediction.Neighbours nn = gate.run(() -> prediction.neighbours(index.store().vector(self), k, null, self));
        LabelPrediction.Prediction p;
        try {
            p = prediction.vote(nn.nearest(), k, LabelPrediction.THRESHOLD, LabelPrediction.Weighting.INVERSE_DISTANCE);
        } catch (IllegalArgumentException e) { // a valid request the index cannot answer: no other patch has labels
            throw new ApiException(409, "cannot caption '" + id + "': no other patch of the index has labels to vote");
        }
        List<LabelPrediction.LabelScore> labels = p.labels(prediction.labelNames());
        List<String> notes = new ArrayList<>(); // as deq caption prints them
        for (String note : new String[] {prediction.unlabelledNote(), LabelPrediction.copiesNote(nn, index.store()),
                LabelPrediction.kNote(k, prediction.voterCount(null, self) - nn.copies().length)}) {
            if (note != null) {
                notes.add(note);
            }
        }
        ctx.json(new Views.CaptionView(id, Caption.of(labels, !prediction.multiLabel()), k, labels, meta.labels(), notes));
    }

    /** A page of the patches that pass the filter, in index order: what the UI offers to click as examples. */
    private void patches(Context ctx, ServedIndex index) throws IOException {
        RequestParams.Page asked = RequestParams.page(ctx, DEFAULT_PAGE, MAX_PAGE);
        int offset = asked.offset();
        int limit = asked.limit();
        Filter filter = RequestParams.filter(ctx);
        BitSet allowed = index.qbe().engine().allowed(filter);
        int total = allowed == null ? index.store().size() : allowed.cardinality();
        List<Views.PatchView> page = new ArrayList<>(Math.min(limit, total));
        int ordinal = allowed == null ? offset : nthSetBit(allowed, offset);
        while (ordinal >= 0 && ordinal < index.store().size() && page.size() < limit) {
            page.add(Views.patch(index.store().meta(ordinal)));
            ordinal = allowed == null ? ordinal + 1 : allowed.nextSetBit(ordinal + 1);
        }
        // a filter says which of its terms can match nothing (or remove nothing), as a short search list does
        List<String> notes = allowed == null ? List.of() : index.qbe().engine().inertTerms(filter);
        ctx.json(new Views.PageView(total, offset, page, notes));
    }

    private static int nthSetBit(BitSet bits, int n) {
        int bit = bits.nextSetBit(0);
        for (int i = 0; i < n && bit >= 0; i++) {
            bit = bits.nextSetBit(bit + 1);
        }
        return bit;
    }

    /**
     * A stored patch drawn in true colour, at most {@link #THUMBNAIL_EDGE} pixels on its longer side. Reading and drawing
     * take a CPU slot as a search does: a page of cards asks for 60 at once, and a patch cut from a scene by a large
     * --tile holds hundreds of MB of pixels.
     */
    private void thumbnail(Context ctx, ServedIndex index) throws IOException {
        String id = RequestParams.id(ctx.queryParam("id"));
        PatchMeta meta = index.meta(id);
        String build = ImageCaching.tag(index.store());
        if (images.notModified(ctx, build)) {
            return;
        }
        byte[] png = drawn.get(build, "thumbnail\n" + id, "png",
                () -> Map.of("png", gate.run(() -> TrueColor.png(ArchiveFiles.trueColour(meta), THUMBNAIL_EDGE))));
        images.cacheable(ctx, build);
        ctx.contentType("image/png").result(png);
    }

    /** One id: its nearest patches (itself excluded); several: the nearest to their average, the examples excluded. */
    private void searchByIds(Context ctx, ServedIndex index) throws IOException {
        List<String> ids = checkedIds("id", ctx.queryParams("id"));
        if (ids.isEmpty()) {
            throw ApiException.badRequest("parameter id is required (repeat it to query by several examples)");
        }
        int k = RequestParams.k(ctx, DEFAULT_K, config.maxK());
        Filter filter = RequestParams.filter(ctx);
        long start = System.nanoTime();
        List<Hit> hits;
        if (ids.size() == 1) {
            index.meta(ids.get(0));
            hits = gate.run(() -> index.qbe().byId(ids.get(0), k, filter));
        } else {
            hits = byExamples(index, ids, List.of(), Set.copyOf(ids), k, filter);
        }
        respond(ctx, index, new ResultLists.ResultList(ids, List.of(), hits), k, filter, start, List.of());
    }

    /**
     * Content-Type and Content-Length are checked before the body is read, so an upload of the wrong kind or size is
     * refused without being received. Only a POST is an upload: another method falls through to the wrong-method 405
     * every endpoint answers.
     */
    private void checkUpload(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return;
        }
        RequestBodies.requireContentType(ctx, "multipart/form-data");
        long length = ctx.req().getContentLengthLong();
        if (length < 0) {
            throw new ApiException(411, "an upload needs a Content-Length header");
        }
        if (length > config.maxUploadBytes()) {
            throw new ApiException(413, "upload of " + length + " bytes is over the limit of " + config.maxUploadBytes() + " bytes");
        }
    }

    private void searchByUpload(Context ctx, ServedIndex index) throws IOException {
        int k = RequestParams.k(ctx, DEFAULT_K, config.maxK());
        Filter filter = RequestParams.filter(ctx);
        RequestBodies.checkParts(ctx, bodies, List.of("image"), true);
        List<UploadedFile> files = RequestBodies.multipart(ctx, () -> ctx.uploadedFiles("image"));
        if (files.isEmpty()) {
            throw ApiException.badRequest("no image uploaded: send multipart/form-data with one or more 'image' file parts");
        }
        if (files.size() > MAX_UPLOADS) {
            throw ApiException.badRequest("at most " + MAX_UPLOADS + " images per query, got " + files.size());
        }
        // described one by one, so that at most one upload's pixels are held at a time
        List<ResultLists.Upload> described = new ArrayList<>();
        List<String> exampleNotes = new ArrayList<>();
        for (UploadedFile file : files) {
            try (Uploads.Decoded decoded = uploads.read(file)) {
                Patch patch = decoded.patches().get(0);
                exampleNotes.addAll(decoded.notes());
                // as deq query --image says them
                for (String note : new String[] {QueryByExample.levelNote(patch, index.store()),
                        QueryByExample.bandsNote(patch, index.store())}) {
                    if (note != null) {
                        exampleNotes.add(note);
                    }
                }
                described.add(describeExample(index, patch));
            }
        }
        long start = System.nanoTime();
        List<Hit> hits = byExamples(index, List.of(), described, Set.of(), k, filter);
        respond(ctx, index, new ResultLists.ResultList(List.of(), described, hits), k, filter, start, exampleNotes);
    }

    /** A page of the index's bi-temporal pairs (one footprint, consecutive dates), the examples of change queries. */
    private void changePairs(Context ctx, ServedIndex index) throws IOException {
        RequestParams.Page asked = RequestParams.page(ctx, DEFAULT_PAGE, MAX_PAGE);
        int offset = asked.offset();
        int limit = asked.limit();
        ChangePairs pairs = index.changes().index().pairs();
        List<Views.PairView> page = new ArrayList<>();
        for (int i = offset; i < pairs.size() && page.size() < limit; i++) {
            page.add(new Views.PairView(Views.patch(index.store().meta(pairs.before()[i])), Views.patch(index.store().meta(pairs.after()[i]))));
        }
        ctx.json(new Views.PairPageView(pairs.size(), offset, page, pairs.size() == 0 ? List.of(ChangeSearch.NO_PAIRS) : List.of()));
    }

    /** Change query by two stored patches: the pairs whose change is most like before → after. */
    private void changeByIds(Context ctx, ServedIndex index) throws IOException {
        String before = RequestParams.id("before", ctx.queryParam("before"));
        String after = RequestParams.id("after", ctx.queryParam("after"));
        twoDates(before, after);
        index.meta(before);
        index.meta(after);
        int k = RequestParams.k(ctx, DEFAULT_K, config.maxK());
        Filter filter = RequestParams.filter(ctx);
        long start = System.nanoTime();
        ChangeSearch.Answer answer;
        try {
            answer = gate.run(() -> index.changes().query(ChangeExample.stored(before), ChangeExample.stored(after), k, filter));
        } catch (IllegalArgumentException e) { // two patches alike: no change to search for
            throw ApiException.badRequest(e.getMessage());
        }
        respondChange(ctx, index, before, after, k, start, answer, List.of());
    }

    /** A 400 for one stored patch given as both dates, in the words of deq change-map. */
    private static void twoDates(String before, String after) {
        try {
            ChangeMap.checkTwoDates("patch", before, after);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The per-pixel change map of two stored patches of one place (deq-analysis' {@link ChangeMap}): a PNG overlay for
     * the UI, the GeoTIFF, or its figures and notes as JSON ({@link ChangeMap#summary}, as {@code deq change-map --json}
     * writes them). Both must be Sentinel-2 patch folders on one grid.
     */
    private void changeMap(Context ctx, ServedIndex index, String format) throws IOException {
        String before = RequestParams.id("before", ctx.queryParam("before"));
        String after = RequestParams.id("after", ctx.queryParam("after"));
        twoDates(before, after);
        PatchMeta first = index.meta(before);
        PatchMeta second = index.meta(after);
        String build = ImageCaching.tag(index.store());
        if (images.notModified(ctx, build)) {
            return;
        }
        if (!first.source().isEmpty() && !second.source().isEmpty()) {
            try { // one folder twice, or a Level-1C date against a Level-2A one: refused as deq change-map refuses them
                ChangeMap.checkPair(Path.of(first.source()), Path.of(second.source()));
            } catch (IllegalArgumentException e) { // named by ids: the archive's paths are the server's
                throw new ApiException(422, ArchiveFiles.withoutPaths(e.getMessage(), first, second));
            } catch (BadInputException e) { // a file damaged or replaced since it was indexed, as reading it says
                PatchMeta bad = e.file() != null && e.file().startsWith(Archives.sourcePath(second.source())) ? second : first;
                throw ArchiveFiles.unreadable(bad, "cannot read patch '" + bad.id() + "' for a change map", e);
            }
        }
        // the UI asks for a pair's overlay and its figures at once: one drawing gives both; the GeoTIFF is a download
        byte[] body = drawn.get(build, "change-map\n" + before + "\n" + after + (format.equals("tif") ? "\ntif" : ""), format,
                () -> gate.run(() -> drawChangeMap(ctx, first, second, format.equals("tif")))); // CPU work like a search
        images.cacheable(ctx, build);
        switch (format) {
            case "png" -> ctx.contentType("image/png").result(body);
            case "json" -> ctx.contentType("application/json").result(body);
            default -> {
                attachment(ctx, "change-map_" + before + "_" + after + ".tif");
                ctx.contentType("image/tiff").result(body);
            }
        }
    }

    /** Reads, sharpens and maps a pair: its GeoTIFF, or its PNG overlay and its figures as JSON. */
    private static Map<String, byte[]> drawChangeMap(Context ctx, PatchMeta first, PatchMeta second, boolean geoTiff)
            throws IOException {
        SharpenedPatch a = ArchiveFiles.sharpened(first);
        SharpenedPatch b = ArchiveFiles.sharpened(second);
        ChangeMap map;
        try {
            map = ChangeMap.between(a, b, ChangeMap.MIN_MAGNITUDE);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, first.id() + " → " + second.id() + ": "
                    + ArchiveFiles.withoutPaths(e.getMessage(), first, second));
        }
        if (!geoTiff) {
            return Map.of("png", map.overlayPng(b), "json", ctx.jsonMapper().toJsonString(map.summary(first.id(), second.id(),
                    ChangeMap.MIN_MAGNITUDE, changeMapNotes(map, a, b, first, second)), Map.class).getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Map.of("tif", map.geoTiff(a.geo()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "cannot write the change map of " + first.id() + " as a GeoTIFF: "
                    + ArchiveFiles.withoutPaths(e.getMessage(), first, second));
        }
    }

    /** A change map's notes as deq change-map prints them: no data and clouds, then dates that run backwards. */
    private static List<String> changeMapNotes(ChangeMap map, SharpenedPatch a, SharpenedPatch b, PatchMeta first, PatchMeta second) {
        List<String> notes = map.notes(a, b);
        String backwards = ChangeSearch.timeOrderNote(first.acquired(), second.acquired());
        if (backwards != null) {
            notes.add(backwards);
        }
        return notes;
    }

    /**
     * The biophysical maps of a stored Sentinel-2 L2A patch (deq-analysis' {@link BiophysicalMap}): one variable as a
     * PNG for the UI ({@code variable}, default LAI), all four as a Float32 GeoTIFF, or their figures and notes as JSON
     * ({@link BiophysicalMap#summary}, as {@code deq biophysical --json} writes them), on the 20 m grid or with
     * {@code resolution=10} on the 10 m one; the sun placed from the patch's sensing time and centre.
     */
    private void biophysical(Context ctx, ServedIndex index, String format) throws IOException {
        String id = RequestParams.id("id", ctx.queryParam("id"));
        String name = ctx.queryParam("variable");
        BiophysicalVariable variable;
        try {
            variable = name == null ? BiophysicalVariable.LAI : BiophysicalVariable.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String resolution = ctx.queryParam("resolution");
        if (resolution != null && !resolution.strip().equals("10") && !resolution.strip().equals("20")) {
            throw ApiException.badRequest("resolution must be 10 or 20, got '" + resolution + "'");
        }
        int metres = resolution == null ? 20 : Integer.parseInt(resolution.strip());
        PatchMeta meta = index.meta(id);
        String build = ImageCaching.tag(index.store());
        if (images.notModified(ctx, build)) {
            return;
        }
        // the UI asks for a map and its figures at once: one drawing gives both; the GeoTIFF is a download
        byte[] body = drawn.get(build, "biophysical\n" + id + "\n" + metres + "\n" + (format.equals("tif") ? "tif" : variable),
                format, () -> gate.run(() -> drawBiophysical(ctx, meta, metres, format.equals("tif") ? null : variable)));
        images.cacheable(ctx, build);
        switch (format) {
            case "png" -> ctx.contentType("image/png").result(body);
            case "json" -> ctx.contentType("application/json").result(body);
            default -> {
                attachment(ctx, "biophysical_" + id + ".tif");
                ctx.contentType("image/tiff").result(body);
            }
        }
    }

    /**
     * Reads a patch and runs the networks: its GeoTIFF of all four variables, or (variable given) that variable's PNG and
     * the figures as JSON. CPU work like a search.
     */
    private static Map<String, byte[]> drawBiophysical(Context ctx, PatchMeta meta, int metres, BiophysicalVariable variable)
            throws IOException {
        Path folder = ArchiveFiles.folder(meta, "biophysical maps");
        BiophysicalMap map;
        List<String> notes;
        try {
            BiophysicalMap.Reflectances bands = BiophysicalMap.read(folder, metres);
            map = BiophysicalMap.estimate(bands, AcquisitionGeometry.of(folder, null, null));
            notes = map.notes();
        } catch (BadInputException e) {
            throw ArchiveFiles.unreadable(meta, "cannot map patch '" + meta.id() + "'", e);
        }
        if (variable != null) {
            return Map.of("png", map.png(variable),
                    "json", ctx.jsonMapper().toJsonString(map.summary(meta.id(), notes), Map.class).getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Map.of("tif", map.geoTiff());
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "cannot write the biophysical maps of " + meta.id() + " as a GeoTIFF: "
                    + ArchiveFiles.withoutPaths(e.getMessage(), meta));
        }
    }

    /**
     * Has the response downloaded as a file of this name, every character but letters, digits, {@code .}, {@code _} and
     * {@code -} replaced by {@code _}: ids hold slashes, and a quote or control character would break the header.
     */
    private static void attachment(Context ctx, String name) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    }

    /**
     * Change query with uploaded images, multipart parts {@code before} and {@code after}; either side may instead be a
     * stored patch, named by the {@code before} or {@code after} query parameter (as {@code deq change --before ID
     * --after-image F}).
     */
    private void changeByUpload(Context ctx, ServedIndex index) throws IOException {
        int k = RequestParams.k(ctx, DEFAULT_K, config.maxK());
        Filter filter = RequestParams.filter(ctx);
        RequestBodies.checkParts(ctx, bodies, List.of("before", "after"), false);
        UploadedFile beforeFile = RequestBodies.multipart(ctx, () -> ctx.uploadedFile("before"));
        UploadedFile afterFile = RequestBodies.multipart(ctx, () -> ctx.uploadedFile("after"));
        String beforeId = storedSide(index, ctx, "before", beforeFile);
        String afterId = storedSide(index, ctx, "after", afterFile);
        if (beforeFile == null && afterFile == null) {
            throw ApiException.badRequest("a change query by upload needs at least one image: multipart/form-data with file"
                    + " parts 'before' and 'after', or one of them and the other side's stored id as a query parameter (two"
                    + " stored patches: GET /api/change?before=ID&after=ID)");
        }
        List<UploadedFile> files = new ArrayList<>();
        for (UploadedFile f : new UploadedFile[] {beforeFile, afterFile}) {
            if (f != null) {
                files.add(f);
            }
        }
        long start;
        ChangeSearch.Answer answer;
        PatchMeta before;
        PatchMeta after;
        List<String> readNotes;
        try (Uploads.Decoded decoded = uploads.read(files.toArray(UploadedFile[]::new))) {
            Patch beforePatch = beforeFile == null ? null : decoded.patches().get(0);
            Patch afterPatch = afterFile == null ? null : decoded.patches().get(decoded.patches().size() - 1);
            ChangeExample beforeSide = beforePatch == null ? ChangeExample.stored(beforeId) : ChangeExample.of(beforePatch);
            ChangeExample afterSide = afterPatch == null ? ChangeExample.stored(afterId) : ChangeExample.of(afterPatch);
            readNotes = decoded.notes();
            before = index.changes().meta(beforeSide);
            after = index.changes().meta(afterSide);
            start = System.nanoTime();
            answer = gate.run(() -> index.changes().query(beforeSide, afterSide, k, filter));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, e.getMessage());
        }
        respondChange(ctx, index, before.id(), after.id(), k, start, answer, readNotes);
    }

    /**
     * The stored id given for one side of an upload change query, or null when that side is uploaded; an id with an
     * upload of the same side, an unknown id, or neither for that side, is refused.
     */
    private static String storedSide(ServedIndex index, Context ctx, String side, UploadedFile file) throws IOException {
        String id = ctx.queryParam(side);
        if (file != null && id != null) {
            throw ApiException.badRequest("'" + side + "' is given twice: as an uploaded file and as the stored id '" + id
                    + "'; give one");
        }
        if (file != null) {
            return null;
        }
        if (id == null) {
            throw ApiException.badRequest("the " + side + " side is missing: upload a file part '" + side + "', or name a"
                    + " stored patch with the query parameter " + side + "=ID");
        }
        String checked = RequestParams.id(side, id);
        index.meta(checked); // a 404 naming it
        return checked;
    }

    /**
     * The change results with their notes: {@code readNotes} (about the uploads as read), then the core's ({@link
     * ChangeSearch#notes}: about the query, and why a list is short), as deq change prints them.
     */
    private void respondChange(Context ctx, ServedIndex index, String before, String after, int k, long startNanos,
                               ChangeSearch.Answer answer, List<String> readNotes) throws IOException {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        List<Views.ChangeHitView> views = new ArrayList<>(answer.hits().size());
        for (ChangeHit h : answer.hits()) {
            views.add(new Views.ChangeHitView(h.rank(), h.distance(), Views.patch(h.before()), Views.patch(h.after())));
        }
        List<String> notes = new ArrayList<>(readNotes);
        notes.addAll(answer.notes());
        ctx.json(new Views.ChangeResultsView(before, after, k, ms, index.changes().index().pairs().size(), views, notes));
    }

    /**
     * Refinement of a result list, meant for one whose query has uploaded images, which a feedback session (archive
     * ids only) cannot hold; a list queried by archive ids is refined alike: the previous list's examples plus the
     * patches marked relevant are averaged; every example and marked patch is left out of the new list, which shows the
     * next ones. No classifier is trained, so irrelevant marks only leave those images out, and the response says so
     * (for an id query, pointing to the feedback session that would train one).
     */
    private void refine(Context ctx, ServedIndex index) throws IOException {
        JsonNode body = RequestBodies.jsonObject(ctx, bodies, "{\"resultId\": ..., \"relevant\": [ids], \"irrelevant\": [ids]}",
                "resultId", "relevant", "irrelevant");
        JsonNode resultId = body.path("resultId");
        if (resultId.isMissingNode() || resultId.isNull()) {
            throw ApiException.badRequest("resultId is required: the resultId of the search to refine");
        }
        if (!resultId.isTextual()) {
            throw ApiException.badRequest("resultId must be a string, the resultId of the search to refine; got " + resultId);
        }
        ResultLists.ResultList previous = results.get(resultId.asText());
        List<String> relevant = idList(body, "relevant");
        List<String> irrelevant = idList(body, "irrelevant");
        if (relevant.isEmpty() && irrelevant.isEmpty()) {
            throw ApiException.badRequest("mark at least one result relevant or irrelevant before refining");
        }
        checkMarks(index, relevant, irrelevant);
        for (ResultLists.Upload upload : previous.uploads()) {
            if (!upload.describedAlikeBy(index.store().config())) {
                throw new ApiException(409, "the list's example '" + upload.id() + "' was described for an earlier"
                        + " build of the index, which describes images otherwise now (" + index.store().config().descriptorSpec()
                        + "): search with the image again, then refine");
            }
        }
        List<String> query = new ArrayList<>(previous.exampleIds());
        previous.uploads().forEach(u -> query.add(u.id()));
        try {
            FeedbackSession.checkNotQuery("", query, concat(relevant, irrelevant)); // as a session says it
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int k = RequestParams.k(ctx, DEFAULT_K, config.maxK());
        Filter filter = RequestParams.filter(ctx);
        List<String> examples = distinctIds(concat(previous.exampleIds(), relevant));
        if (examples.size() + previous.uploads().size() > MAX_EXAMPLES) {
            throw ApiException.badRequest("too many relevant marks: the list's query has " + query.size()
                    + " example(s), and with the " + relevant.size() + " relevant marks it would have "
                    + (examples.size() + previous.uploads().size()) + "; at most " + MAX_EXAMPLES + " make one query");
        }
        Set<String> excluded = new LinkedHashSet<>(examples);
        excluded.addAll(irrelevant);
        long start = System.nanoTime();
        List<Hit> hits = byExamples(index, examples, previous.uploads(), excluded, k, filter);
        List<String> notes = irrelevant.isEmpty() ? List.of()
                : List.of(previous.uploads().isEmpty() ? IDS_IRRELEVANT_NOT_LEARNT : UPLOAD_IRRELEVANT_NOT_LEARNT);
        respond(ctx, index, new ResultLists.ResultList(examples, previous.uploads(), hits), k, filter, start, notes);
    }

    /** Starts a feedback session from archive examples and shows its first ranking (by similarity to them). */
    private void startSession(Context ctx, ServedIndex index) throws IOException {
        RoundOptions options = roundOptions(ctx);
        List<String> query = idList(RequestBodies.jsonObject(ctx, bodies, "{\"query\": [ids]}", "query"), "query");
        if (query.isEmpty()) {
            throw ApiException.badRequest("query must hold at least one patch id");
        }
        if (query.size() > MAX_EXAMPLES) {
            throw ApiException.badRequest("query holds " + query.size() + " ids; at most " + MAX_EXAMPLES
                    + " examples make one query");
        }
        for (String id : query) {
            index.meta(id);
        }
        // a file written and synced, no CPU work: outside the gate, which two marks' disk syncs would otherwise hold
        FeedbackSession session = index.sessions().start(query);
        ctx.status(201);
        ctx.header("Location", "/api/feedback/sessions/" + session.name()); // a file-safe name: nothing to escape
        showRound(ctx, index, options, session);
    }

    /** Adds the marks to a session, trains on all its marks and shows the new ranking and suggestions. */
    private void markSession(Context ctx, ServedIndex index) throws IOException {
        String sid = ctx.pathParam("sid");
        RoundOptions options = roundOptions(ctx);
        JsonNode body = RequestBodies.jsonObject(ctx, bodies, "{\"relevant\": [ids], \"irrelevant\": [ids]}", "relevant", "irrelevant");
        List<String> relevant = idList(body, "relevant");
        List<String> irrelevant = idList(body, "irrelevant");
        if (relevant.isEmpty() && irrelevant.isEmpty()) {
            throw ApiException.badRequest("no marks given: mark at least one image relevant or irrelevant");
        }
        checkMarks(index, relevant, irrelevant);
        Map<String, Boolean> marks = new LinkedHashMap<>();
        relevant.forEach(id -> marks.put(id, true));
        irrelevant.forEach(id -> marks.put(id, false));
        FeedbackSessions.Marked marked = index.sessions().mark(sid, marks); // file I/O under locks: outside the gate
        ctx.json(index.sessions().round(marked.session(), options.strategy(), options.k(), options.suggest(),
                options.filter(), gate).withNotesFirst(marked.notes()));
    }

    /** How a feedback round is shown, read from the query parameters. */
    private record RoundOptions(Strategy strategy, int k, int suggest, Filter filter) {
    }

    /** Read before any change is saved, so that a bad parameter leaves the session as it was. */
    private RoundOptions roundOptions(Context ctx) {
        String strategy = ctx.queryParam("strategy");
        Strategy parsed;
        try {
            parsed = strategy == null ? Strategy.ACTIVE : Strategy.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int suggest = RequestParams.intParam(ctx, "suggest", DEFAULT_SUGGESTIONS, 0, FeedbackEngine.MAX_SUGGESTIONS);
        return new RoundOptions(parsed, RequestParams.k(ctx, DEFAULT_K, config.maxK()), suggest, RequestParams.filter(ctx));
    }

    private void showRound(Context ctx, ServedIndex index, RoundOptions options, FeedbackSession session) throws IOException {
        ctx.json(index.sessions().round(session, options.strategy(), options.k(), options.suggest(), options.filter(), gate));
    }

    private void export(Context ctx, boolean geoJson) {
        ResultLists.ResultList list = results.get(ctx.pathParam("resultId"));
        String name = "deq-results-" + ctx.pathParam("resultId") + (geoJson ? ".geojson" : ".csv");
        attachment(ctx, name);
        if (geoJson) {
            ctx.contentType("application/geo+json").result(Exports.geoJson(list.hits()));
        } else {
            ctx.contentType("text/csv; charset=utf-8").result(Exports.csv(list.hits()));
        }
    }

    /** The k nearest to the average of archive examples and uploaded patches, leaving out the excluded ids. */
    private List<Hit> byExamples(ServedIndex index, List<String> ids, List<ResultLists.Upload> uploaded, Set<String> excluded, int k,
                                 Filter filter) throws IOException {
        if (ids.size() + uploaded.size() > MAX_EXAMPLES) {
            throw ApiException.badRequest("at most " + MAX_EXAMPLES + " examples per query");
        }
        List<float[]> vectors = new ArrayList<>();
        uploaded.forEach(u -> vectors.add(u.descriptor()));
        for (String id : ids) {
            vectors.add(index.store().vector(index.ordinal(id))); // as indexed: no archive read, and a moved archive still answers
        }
        return gate.run(() -> index.qbe().byDescriptors(vectors, k, filter, excluded));
    }

    /** The results, with {@code queryNotes} (about the examples themselves) and why a short list is short. */
    private void respond(Context ctx, ServedIndex index, ResultLists.ResultList list, int k, Filter filter, long startNanos, List<String> queryNotes) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        List<String> examples = new ArrayList<>(list.exampleIds());
        list.uploads().forEach(u -> examples.add(u.id()));
        List<String> notes = new ArrayList<>(queryNotes);
        // which filter terms can match nothing or remove nothing, as deq query says
        notes.addAll(index.qbe().engine().inertTerms(filter));
        ctx.json(new Views.ResultsView(results.add(list), examples, k, ms, Views.hits(list.hits()), notes));
    }

    /** An example described with the index's descriptor; one it cannot describe (bands, size) is a 422. */
    private ResultLists.Upload describeExample(ServedIndex index, Patch patch) throws IOException {
        try {
            return new ResultLists.Upload(patch.meta().id(), gate.run(() -> index.qbe().describe(patch)), index.store().config());
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, e.getMessage());
        }
    }

    /** Marked ids: each one in the index (else a 404), none both relevant and irrelevant (a 400). */
    private void checkMarks(ServedIndex index, List<String> relevant, List<String> irrelevant) throws IOException {
        for (String id : irrelevant) {
            if (relevant.contains(id)) {
                throw ApiException.badRequest("'" + id + "' is marked both relevant and irrelevant");
            }
        }
        for (String id : concat(relevant, irrelevant)) {
            index.meta(id);
        }
    }

    private static List<String> idList(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array of patch ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must hold patch ids as strings, got " + item);
            }
            ids.add(item.asText());
        }
        return checkedIds(field, ids);
    }

    /** Ids of a list parameter or field: none empty or given twice (the CLI's words), each as {@link RequestParams#id}. */
    private static List<String> checkedIds(String field, List<String> ids) {
        try {
            IdLists.distinct(field, ids);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ids.forEach(id -> RequestParams.id(field, id));
        return List.copyOf(ids);
    }

    private static List<String> distinctIds(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(RequestParams.id(id));
        }
        return List.copyOf(out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
