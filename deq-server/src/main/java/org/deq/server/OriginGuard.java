package org.deq.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before any other handler runs, a request that a web page of another origin made: one whose {@code Origin}
 * is neither the server's own nor one {@code --cors-origin} allows. A browser sends a page's simple POST (a form, or a
 * fetch without custom headers) without asking first, so answering it without acting is the only way such a page
 * cannot start, mark or delete sessions. Requests without {@code Origin} (curl, the CLI, a page's own GETs) pass. It
 * also answers the origins it allows as CORS asks (the allowing headers, preflights); it replaced Javalin's CORS plugin,
 * which turned the server's own pages' requests into 400s whenever other origins were allowed.
 *
 * <p>It first refuses a request for a {@code Host} the server does not go by: a page of a name that an attacker's DNS
 * later points at the server's address (DNS rebinding) is, to the browser, of the server's own origin, so only the
 * name tells it apart. The server goes by IP addresses, {@code localhost}, the address it was bound to, the machine's
 * host name, the names given with {@code --allowed-host} and the hosts of the {@code --cors-origin} origins; by any
 * name when those origins are {@code *}.
 */
final class OriginGuard implements Handler {

    /** An IPv4 address or a bracketed IPv6 one: no DNS name to rebind. */
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-f:.]+(%[0-9a-z._~-]+)?]");

    /** The API's response headers a page of an allowed origin may read, which CORS otherwise hides from it. */
    static final String EXPOSED = "Location, Retry-After, Content-Disposition, Allow";

    private final List<String> allowed;
    /** {@code --cors-origin '*'}: every origin may call, so no host name needs protecting either. */
    private final boolean any;
    private final Set<String> hosts = new HashSet<>();
    private static final Logger LOG = LoggerFactory.getLogger(OriginGuard.class);
    /** Refused host names logged, at most this many an hour: any client can send any name. */
    private static final int WARNED_HOSTS = 20;
    private static final long WARNED_PERIOD_NANOS = 3_600_000_000_000L;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile long warnedSince = System.nanoTime();

    /**
     * Allows the server's own origin and {@code corsOrigins} ({@code *}: any), as {@link ServerConfig} normalised them, and
     * requests for {@code boundHost} (the {@code --host} address), {@code allowedHosts} ({@code --allowed-host}), those
     * origins' hosts, localhost and this machine's name.
     */
    OriginGuard(String boundHost, List<String> corsOrigins, List<String> allowedHosts) {
        this.allowed = corsOrigins;
        this.any = corsOrigins.contains("*");
        hosts.add("localhost");
        hosts.add(boundHost.toLowerCase(Locale.ROOT));
        hosts.addAll(allowedHosts);
        try {
            InetAddress self = InetAddress.getLocalHost();
            hosts.add(self.getHostName().toLowerCase(Locale.ROOT));
            hosts.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT)); // the machine's full name in its domain
        } catch (UnknownHostException e) {
            // a machine without a resolvable name of its own is called by address or localhost
        }
        for (String origin : corsOrigins) {
            if (!origin.equals("*")) {
                hosts.add(hostName(origin.substring(origin.indexOf("://") + 3)));
            }
        }
    }

    @Override
    public void handle(Context ctx) {
        String host = ctx.header("Host");
        // with --cors-origin '*' every page may call the API anyway: a rebound name would gain nothing; a health check
        // (a load balancer's, by whatever name it calls) reads nothing a page could misuse
        String name = host == null || any || ctx.path().equals("/api/health") ? null : hostName(host);
        if (name != null && !ADDRESS.matcher(name).matches() && !hosts.contains(name)) {
            // once per name, at most 20 names an hour: an operator behind a proxy that passes its own Host sees why
            // every page fails, also on a server whose scanners sent other names first
            long now = System.nanoTime();
            if (now - warnedSince > WARNED_PERIOD_NANOS) {
                warned.clear();
                warnedSince = now;
            }
            if (warned.size() < WARNED_HOSTS && warned.add(name)) {
                String shown = LogText.line(name); // any client's text: printable, one line, bounded
                LOG.warn("refused requests for host {} (names other than the server's are refused against DNS rebinding);"
                        + " if it is the server's, start it with --allowed-host {}", shown, shown);
            }
            throw new ApiException(403, "requests for host " + host + " are refused: call the server by its address,"
                    + " localhost, its machine's name or a name it was started with (--allowed-host NAME, or a --cors-origin host)");
        }
        String origin = ctx.header("Origin");
        if (origin == null || sameOrigin(ctx, origin)) { // curl, the CLI, the server's own pages: no CORS to answer
            return;
        }
        if (!any && !allowed.contains(ServerConfig.normalizeOrigin(origin))) {
            throw new ApiException(403, "requests from origin " + origin + " are refused: only the server's own pages"
                    + (allowed.isEmpty() ? "" : " and the origins it was started with (--cors-origin)") + " may call it");
        }
        if (ctx.path().startsWith("/api/")) { // an allowed other origin: what its browser needs to hand the page the answer
            ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
            ctx.header("Vary", "Origin");
            // beyond the few headers CORS lets a page read by default: a new session's address, when to retry a 503, an
            // export's file name, the methods a 405 names
            ctx.header("Access-Control-Expose-Headers", EXPOSED);
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

    /**
     * The name or address of a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}), lower case, without the
     * trailing dot of a fully qualified name ({@code localhost.} is {@code localhost}).
     */
    private static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        String name = colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
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
