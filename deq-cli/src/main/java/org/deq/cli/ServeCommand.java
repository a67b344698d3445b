package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deq.server.DeqServer;
import org.deq.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.deq.index.SearchMethod;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq serve}: the HTTP API and web UI over an index, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves an index over HTTP: the web UI at / and the JSON API under /api/ (described at /api/openapi.json).",
                "Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--search", defaultValue = "flat", description = "How queries search: flat (exact), or hamming, mih,"
            + " table[:radius=R], two-stage[:candidates=N] when the index has hash codes (deq index --out DIR --hash ...), or"
            + " multi-code when it has a multi-code model (--multi-code C). Default ${DEFAULT-VALUE}.")
    String search;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Override
    public Integer call() throws IOException, InterruptedException {
        serveUntilStopped(index, ServerConfig.local(port).withHost(host).withSearch(SearchMethod.parse(search)),
                spec.commandLine().getOut());
        return 0;
    }

    /** Starts the server, prints its URL and blocks until the JVM shuts down (Ctrl-C), then closes it. */
    static void serveUntilStopped(Path index, ServerConfig config, PrintWriter out) throws IOException, InterruptedException {
        DeqServer server = DeqServer.start(index, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("deq serve: closing the index failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        out.println("deq: serving " + index + " at " + server.url() + "  (Ctrl-C to stop)");
        out.flush();
        stopped.await();
    }
}
