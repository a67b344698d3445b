package org.deq.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Refuses, before any other handler runs, a request that a web page of another origin made: one whose {@code Origin}
 * is neither the server's own nor one {@code --cors-origin} allows. A browser sends a page's simple POST (a form, or a
 * fetch without custom headers) without asking first, so answering it without acting is the only way such a page
 * cannot start, mark or delete sessions. Requests without {@code Origin} (curl, the CLI, a page's own GETs) pass. It
 * also answers the origins it allows as CORS asks (the allowing headers, preflights); it replaced Javalin's CORS plugin,
 * which turned the server's own pages' requests into 400s whenever other origins were allowed.
 */
final class OriginGuard implements Handler {

    private final List<String> allowed;

    /** Allows the server's own origin and {@code corsOrigins} ({@code *}: any), as {@link ServerConfig} normalised them. */
    OriginGuard(List<String> corsOrigins) {
        this.allowed = corsOrigins;
    }

    @Override
    public void handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || sameOrigin(ctx, origin)) { // curl, the CLI, the server's own pages: no CORS to answer
            return;
        }
        boolean any = allowed.contains("*");
        if (!any && !allowed.contains(ServerConfig.normalizeOrigin(origin))) {
            throw new ApiException(403, "requests from origin " + origin + " are refused: only the server's own pages"
                    + (allowed.isEmpty() ? "" : " and the origins it was started with (--cors-origin)") + " may call it");
        }
        if (ctx.path().startsWith("/api/")) { // an allowed other origin: what its browser needs to hand the page the answer
            ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
            ctx.header("Vary", "Origin");
            if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
                String headers = ctx.header("Access-Control-Request-Headers");
                if (headers != null) {
                    ctx.header("Access-Control-Allow-Headers", headers);
                }
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204).skipRemainingHandlers();
            }
        }
    }

    private static boolean sameOrigin(Context ctx, String origin) {
        // browsers set Sec-Fetch-Site themselves (no page can), and it holds behind a proxy that rewrites Host
        if ("same-origin".equals(ctx.header("Sec-Fetch-Site"))) {
            return true;
        }
        String host = ctx.header("Host");
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
