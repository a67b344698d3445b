package org.deq.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * Headers every response carries, before any other handler runs: no MIME sniffing, no framing by other pages
 * (clickjacking; the old header and CSP's), a content security policy under which the UI runs only its own files (a
 * string of the archive's that ever reached the page as markup could run no script: no inline script, no other
 * origin), no referrer sent on from the UI's links; and {@code Cache-Control:
 * no-store} on the API's answers, which hold data a shared machine's browser cache should not keep, unless a handler
 * makes its own cacheable (the drawn images' {@code ETag} with {@code no-cache}, {@link ImageCaching}).
 */
final class SecurityHeaders implements Handler {

    /** The UI's files and the images and downloads its script makes (data: and blob: URLs), nothing else. */
    static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** Sent on every response, Jetty's own errors too ({@link JsonErrorHandler}). */
    static final Map<String, String> ALWAYS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", POLICY,
            "Referrer-Policy", "no-referrer");

    @Override
    public void handle(Context ctx) {
        ALWAYS.forEach(ctx::header);
        if ((ctx.path() + "/").startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
