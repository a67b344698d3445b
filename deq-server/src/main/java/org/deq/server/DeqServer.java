package org.deq.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.deq.ingest.Workers;
import org.deq.raster.BadInputException;
import org.deq.store.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deq HTTP server: the JSON API under {@code /api/} and the web UI's static files at {@code /}, over one index
 * store opened read-only for the server's lifetime.
 */
public final class DeqServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeqServer.class);

    private final Javalin app;
    private final IndexStore store;
    private final String host;

    private DeqServer(Javalin app, IndexStore store, String host) {
        this.app = app;
        this.store = store;
        this.host = host;
    }

    /** Opens the index and starts serving it; the server owns the store and closes it on {@link #close()}. */
    public static DeqServer start(java.nio.file.Path indexDir, ServerConfig config) throws IOException {
        IndexStore store = IndexStore.open(indexDir);
        try {
            return start(store, config);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static DeqServer start(IndexStore store, ServerConfig config) throws IOException {
        try { // read now, as captions, feedback and evaluations need them: a damaged file fails the start, not a request
            store.vectors();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Api api = new Api(store, config);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxUploadBytes();
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/org/deq/server/web";
                sf.location = Location.CLASSPATH;
            });
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
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(BadInputException.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            Set<String> allowed = e.getStatus() == 404 ? routes.methods(ctx.path()) : Set.of();
            if (!allowed.isEmpty()) {
                ctx.header("Allow", String.join(", ", allowed));
                error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; use " + String.join(" or ", allowed));
            } else if (e.getStatus() == 404 && (ctx.path() + "/").startsWith("/api/")) { // /api itself too
                // Javalin's own "endpoint not found": say where the endpoints are listed
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
            } else {
                error(ctx, e.getStatus(), e.getMessage());
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            // a fault of the server's, not the request's: the operator's log gets the stack trace, the client a pointer to it
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (see the server log)");
        });
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        return new DeqServer(app, store, config.host());
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
        return Workers.message(t);
    }

    /** The port listened on (the chosen one when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /** The URL of the web UI. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** Stops serving and closes the index. */
    @Override
    public void close() throws IOException {
        app.stop();
        store.close();
    }
}
