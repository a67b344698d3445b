package org.deq.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deq.feedback.SessionStore;
import org.deq.feedback.SessionsBusyException;
import org.deq.io.Failures;
import org.deq.raster.BadInputException;
import org.deq.store.IndexStore;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deq HTTP server: the JSON API under {@code /api/} and the web UI's static files at {@code /}, over an index opened
 * read-only and followed as other processes commit to it ({@link LiveIndex}).
 */
public final class DeqServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeqServer.class);
    /** How long a stop waits for running requests before closing their connections. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Where the web UI's files are on the class path. */
    private static final String WEB = "/org/deq/server/web";
    /** The Retry-After of a request that found the feedback sessions' lock held by another process. */
    private static final int SESSIONS_BUSY_RETRY_SECONDS = 5;
    /** Longest request line and headers: two ids of {@link RequestParams#MAX_ID_BYTES}, percent-encoded, and 16 KiB more. */
    static final int REQUEST_HEADER_BYTES = 2 * 3 * RequestParams.MAX_ID_BYTES + 16 * 1024;

    private final Javalin app;
    private final LiveIndex live;
    private final String host;

    private DeqServer(Javalin app, LiveIndex live, String host) {
        this.app = app;
        this.live = live;
        this.host = host;
    }

    /** Opens the index and starts serving it; the server owns the store and closes it on {@link #close()}. */
    public static DeqServer start(Path indexDir, ServerConfig config) throws IOException {
        // by default where the CLI's 'deq feedback' keeps them: both see the same sessions
        SessionsFolder sessions = SessionsFolder.check(config.sessions() != null ? config.sessions()
                : SessionStore.defaultFolder(indexDir), indexDir);
        LiveIndex.Opener opener = () -> ServedIndex.open(indexDir, config, sessions);
        LiveIndex live = new LiveIndex(indexDir, opener.open(), config.reloadCheck(), opener);
        try {
            DeqServer server = start(live, config);
            if (!sessions.writable()) {
                LOG.warn("feedback sessions are unavailable: {} {}; start with --sessions DIR to keep them in a writable"
                        + " folder", sessions.dir(), Files.exists(sessions.dir()) && !Files.isDirectory(sessions.dir())
                        ? "is a file, not a folder" : "cannot be written");
            } else {
                clearLeftovers(sessions.dir());
            }
            return server;
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /** Deletes the temporary files of session writes a killed server or CLI left; a failure is only logged. */
    private static void clearLeftovers(Path sessions) {
        try {
            new SessionStore(sessions).clearLeftovers();
        } catch (IOException e) {
            LOG.warn("could not clear leftover temporary files in {}: {}", sessions, e.getMessage());
        }
    }

    private static DeqServer start(LiveIndex live, ServerConfig config) {
        Api api = new Api(live, config);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxUploadBytes();
            // Jetty's 8 KiB would refuse a GET naming a stored id over ~2.7 KiB of UTF-8 (percent-encoded, up to 3 bytes a
            // byte) with a 414: room for two ids as long as any index holds (a change query names a pair)
            // and the response's too: an export names its patch in Content-Disposition
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
                http.setResponseHeaderSize(REQUEST_HEADER_BYTES);
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                // counts the running requests, for a graceful stop to wait for (see close)
                server.setHandler(new StatisticsHandler());
            });
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = WEB;
                sf.location = Location.CLASSPATH;
            });
            // mounted first, so that they run before every other handler: headers every response carries, then the guard of
            // origins and hosts, which answers CORS for the allowed origins too
            cfg.router.mount(router -> {
                router.before(new SecurityHeaders());
                router.before(new OriginGuard(config.host(), config.corsOrigins(), config.allowedHosts()));
            });
            if (config.logRequests()) {
                cfg.requestLogger.http((ctx, ms) -> {
                    // Jetty serves / by forwarding it to /index.html, which passes the logger too: one request, one line
                    if (ctx.req().getDispatcherType() == DispatcherType.REQUEST) {
                        // who asked, and with what (its User-Agent): the client's text made one printable line
                        LOG.info("{} {} {} {} {} ms \"{}\"", ctx.req().getRemoteAddr(), ctx.req().getMethod(),
                                LogText.line(ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString()),
                                ctx.statusCode(), String.format(Locale.ROOT, "%.1f", ms), LogText.line(ctx.userAgent()));
                    }
                });
            }
        });
        ApiRoutes routes = ApiRoutes.fromOpenApi();
        api.register(app, routes);
        // browsers ask for it on every page load: no icon, rather than a 404 in their console
        app.get("/favicon.ico", ctx -> ctx.status(204));
        // Javalin answers HEAD on a GET route with an empty 200 without running it, whatever the GET would answer
        // (a 404 for an unknown id): the API refuses HEAD rather than mislead
        app.before("/api/*", ctx -> {
            if (ctx.method() == HandlerType.HEAD) {
                ctx.header("Allow", String.join(", ", routes.methods(ctx.path())));
                throw new ApiException(405, "HEAD is not supported on " + ctx.path() + "; use GET");
            }
        });
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            error(ctx, e.status(), e.getMessage());
        });
        app.exception(BadInputException.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
        app.exception(SessionsBusyException.class, (e, ctx) -> { // another process holds the sessions' lock: passing
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", String.valueOf(SESSIONS_BUSY_RETRY_SECONDS));
            error(ctx, 503, "the feedback sessions are being written by another process (or request) for longer than this"
                    + " server waits; nothing was written, try again");
        });
        app.exception(HttpResponseException.class, (e, ctx) -> notFoundOrNotAllowed(ctx, e, routes));
        app.exception(Exception.class, (e, ctx) -> {
            if (DiskFull.is(e)) { // a session saved on a full disk: the operator's to fix, said in words to both
                ApiException full = DiskFull.refusal(ctx.method() + " " + ctx.path(), e);
                error(ctx, full.status(), full.getMessage());
                return;
            }
            // a fault of the server's, not the request's (an IllegalArgumentException too: the handlers turn a library's
            // refusal of the request's input into an ApiException): the operator's log gets the stack trace, the client a
            // pointer to it
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (see the server log)");
        });
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        return new DeqServer(app, live, config.host());
    }

    /** Javalin's own 404 (no route, no static file) said in the API's words: which method to use, or what is not there. */
    private static void notFoundOrNotAllowed(Context ctx, HttpResponseException e, ApiRoutes routes) {
        boolean api = (ctx.path() + "/").startsWith("/api/"); // /api itself too
        Set<String> allowed = e.getStatus() != 404 ? Set.of() : api ? routes.methods(ctx.path())
                : isPage(ctx.path()) ? Set.of("GET") : Set.of(); // the web UI's files are only read
        if (e.getStatus() == 404 && ctx.method() == HandlerType.INVALID) { // a method HTTP does not define
            Set<String> use = allowed.isEmpty() ? Set.of("GET") : allowed;
            ctx.header("Allow", String.join(", ", use));
            error(ctx, 405, "unknown HTTP method " + ctx.req().getMethod() + "; use " + String.join(" or ", use));
        } else if (!allowed.isEmpty()) {
            ctx.header("Allow", String.join(", ", allowed));
            error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; use " + String.join(" or ", allowed));
        } else if (e.getStatus() == 404 && api) {
            // Javalin's own "endpoint not found": say where the endpoints are listed
            error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
        } else if (e.getStatus() == 404) {
            error(ctx, 404, "not found: " + ctx.path());
        } else {
            error(ctx, e.getStatus(), e.getMessage());
        }
    }

    /** Whether {@code path} is one of the web UI's files ({@code /} its page), served to a GET. */
    private static boolean isPage(String path) {
        if (path.contains("..")) {
            return false;
        }
        return DeqServer.class.getResource(WEB + (path.endsWith("/") ? path + "index.html" : path)) != null;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error " + status : message));
    }

    /** The innermost cause's message, or its class name when it has none (an UnknownHostException may not). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "not a host name or address this machine can resolve";
        }
        return Failures.message(t);
    }

    /** What the operator should know of the index served now ({@link IndexStats#notes}), as /api/stats gives it. */
    public List<String> notes() throws IOException {
        ServedIndex served = live.hold();
        try {
            return served.stats().notes();
        } finally {
            served.release();
        }
    }

    /** The port listened on (the chosen one when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /** Whether the server listens on every interface of the machine (--host 0.0.0.0 or ::). */
    public boolean listensOnAllInterfaces() {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) { // it listens, so the host resolved at start
            return false;
        }
    }

    /** Whether other machines may reach the server: it listens on an address other than a loopback one. */
    public boolean reachableFromOtherMachines() {
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) { // it listens, so the host resolved at start
            return true;
        }
    }

    /** The URL of the web UI; listening on all interfaces, the one of this machine's host name (else localhost). */
    public String url() {
        String name = host;
        if (listensOnAllInterfaces()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "localhost";
            }
        }
        return "http://" + (name.contains(":") ? "[" + name + "]" : name) + ":" + port() + "/";
    }

    /** Patches of the index state served now. */
    public int patches() {
        return current(IndexStore::size);
    }

    /** Generation of the index state served now. */
    public long generation() {
        return current(IndexStore::generation);
    }

    private <T> T current(Function<IndexStore, T> figure) {
        ServedIndex state = live.holdCurrent();
        try {
            return figure.apply(state.store());
        } finally {
            state.release();
        }
    }

    /**
     * Stops gracefully: new connections are refused, running requests get up to {@link #STOP_TIMEOUT} to finish; then
     * the index is closed (a request still running past that keeps it open until it ends).
     */
    @Override
    public void close() {
        // set only now: a start that fails stops a server never started, which a graceful stop reports as an error
        app.jettyServer().server().setStopTimeout(STOP_TIMEOUT.toMillis());
        try {
            app.stop();
        } catch (RuntimeException e) { // Javalin reports the graceful stop's timeout as a JavalinException
            LOG.warn("stopped with requests still running after {} s: they were cut off", STOP_TIMEOUT.toSeconds());
        }
        live.close();
    }
}
