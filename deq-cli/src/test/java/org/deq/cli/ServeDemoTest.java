package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.deq.server.DeqServer;
import org.deq.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq serve} refuses bad input in one line; {@code deq demo --no-serve} runs to the end without blocking. */
class ServeDemoTest {

    @TempDir
    Path tmp;

    @Test
    void demoWithoutServingEndsAndServesItsIndexOnRequest() throws IOException {
        Cli demo = Cli.run("demo", "--dir", tmp.resolve("demo").toString(), "--n", "40", "--pairs", "0", "--no-serve");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("== 4. retrieval quality").doesNotContain("== 5. web UI");

        Path index = tmp.resolve("demo/index");
        try (DeqServer running = DeqServer.start(index, ServerConfig.local(0))) {
            Cli busy = Cli.run("serve", "--index", index.toString(), "--port", String.valueOf(running.port()));
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.err().strip()).startsWith("deq: error: cannot listen on 127.0.0.1:" + running.port()).doesNotContain("\n");
        }
    }

    @Test
    void serveRefusesBadArgumentsInOneLine() {
        Cli missing = Cli.run("serve", "--index", tmp.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("deq: error: ").contains("nothing").doesNotContain("\n");
        Cli port = Cli.run("serve", "--index", tmp.toString(), "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("deq: error: --port must be within 0..65535, got 70000");
    }
}
