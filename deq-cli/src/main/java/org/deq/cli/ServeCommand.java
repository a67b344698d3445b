package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deq.index.SearchMethod;
import org.deq.server.DeqServer;
import org.deq.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq serve}: the HTTP API and web UI over an index, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves an index over HTTP: the web UI at / and the JSON API under /api/ (see /api/openapi.json).",
                "Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--search", defaultValue = "flat", description = {"How queries search (default ${DEFAULT-VALUE}): flat, the exact scan;",
            "hamming, mih, table[:radius=R] or two-stage[:candidates=N], when the index has hash codes",
            "(deq index --hash ...); multi-code, with a multi-code model (deq index --multi-code C)."})
    String search;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}: this"
            + " machine only; 0.0.0.0 or :: for every interface). The API has no authentication: anyone who can reach the"
            + " port can search, and start, mark and delete feedback sessions; to expose it, put a reverse proxy with"
            + " authentication in front.")
    String host;

    @Option(names = "--list-sessions", description = "Serve the list of feedback sessions (GET /api/feedback/sessions) to every"
            + " client; by default only to clients on this machine, since a session's id is all it takes to read, mark or delete it.")
    boolean listSessions;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "10000", description = "Most feedback sessions kept"
            + " (default ${DEFAULT-VALUE}); starting one more is refused (503) until old ones are deleted (deq feedback prune).")
    int maxSessions;

    @Option(names = "--sessions", description = "Feedback sessions folder (default: <index>/feedback-sessions, as deq feedback).")
    Path sessions;

    @Option(names = "--log-requests", description = "Log one line per request: client address, method, path and query,"
            + " status, milliseconds, User-Agent.")
    boolean logRequests;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Allow the API to be called from web pages of this"
            + " origin, e.g. https://example.org (repeatable; * for any). Requests from pages of other origins are refused"
            + " (403). Default: only the server's own pages.")
    List<String> corsOrigins = List.of();

    @Option(names = "--allowed-host", paramLabel = "NAME", description = "Answer requests that call the server by this name"
            + " too: a DNS alias or a reverse proxy's public name (repeatable). Requests for other names are refused (403),"
            + " against DNS rebinding; IP addresses, localhost, the machine's name and --host always pass.")
    List<String> allowedHosts = List.of();

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerConfig config = ServerConfig.local(port).withHost(host).withSearch(SearchMethod.parse(search))
                .withSessions(sessions).withLogRequests(logRequests).withCorsOrigins(corsOrigins)
                .withAllowedHosts(allowedHosts).withListSessions(listSessions)
                .withMaxSessions(maxSessions);
        serveUntilStopped(index, config, spec.commandLine().getOut(), spec.root().version()[0]);
        return 0;
    }

    /**
     * Starts the server, prints what it serves and where, and blocks until the JVM shuts down (Ctrl-C, SIGTERM); then
     * stops it gracefully, running requests finishing first.
     */
    static void serveUntilStopped(Path index, ServerConfig config, PrintWriter out, String version)
            throws IOException, InterruptedException {
        DeqServer server = DeqServer.start(index, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(stamped("deq: stopping: no new requests; running ones get up to " + DeqServer.STOP_TIMEOUT.toSeconds()
                    + " s"));
            out.flush();
            server.close();
            stopped.countDown();
        }));
        out.println(stamped(startLine(index, server, config.search(), version) + "  (Ctrl-C to stop)"));
        String exposed = exposureLine(server);
        if (exposed != null) {
            out.println(stamped(exposed));
        }
        for (String note : server.notes()) {
            out.println(stamped("note: " + note));
        }
        out.flush();
        stopped.await();
    }

    /**
     * The line after the time it is printed, ISO-8601 with the offset as the server's log lines have it (its
     * simplelogger.properties), so that an operator's log orders the start and the stop among them.
     */
    static String stamped(String line) {
        return TIME.format(ZonedDateTime.now()) + " " + line;
    }

    /** For a server other machines may reach, that its API has no authentication and what to do; null for a local one. */
    static String exposureLine(DeqServer server) {
        return !server.reachableFromOtherMachines() ? null : "deq: the API has no authentication: anyone who can reach"
                + " port " + server.port() + " can search, and start, mark and delete feedback sessions; to expose it, put a"
                + " reverse proxy with authentication in front";
    }

    /** What is served, its state and version, and the URL to open (saying so when every interface is listened on). */
    static String startLine(Path index, DeqServer server, SearchMethod search, String version) {
        return "deq: serving " + index + " (" + server.patches() + " patches, generation " + server.generation() + ", search "
                + search + ", " + version + ") at " + server.url() + (server.listensOnAllInterfaces() ? " (listening on all"
                + " interfaces)" : "");
    }
}
