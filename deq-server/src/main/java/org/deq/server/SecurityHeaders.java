package org.deq.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * Headers every response carries, before any other handler runs: no MIME sniffing, no framing by other pages
 * (clickjacking; the old header and CSP's), no referrer sent on from the UI's links; and {@code Cache-Control:
 * no-store} on the API's answers, which hold data a shared machine's browser cache should not keep, unless a handler
 * makes its own cacheable (the drawn images' {@code ETag} with {@code no-cache}, {@link ImageCaching}).
 */
final class SecurityHeaders implements Handler {

    /** Sent on every response, Jetty's own errors too ({@link JsonErrorHandler}). */
    static final Map<String, String> ALWAYS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer");

    @Override
    public void handle(Context ctx) {
        ALWAYS.forEach(ctx::header);
        if ((ctx.path() + "/").startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
