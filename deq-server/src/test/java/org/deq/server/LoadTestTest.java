package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load-test program's clients reach a real server and count what they get (a short run; figures are not checked). */
class LoadTestTest {

    @Test
    void clientsOnKeepAliveConnectionsGetAnswersAndNoErrors() throws Exception {
        try (DeqServer server = DeqServer.start(TestIndex.index(), ServerConfig.local(0))) {
            LoadTest.Result r = LoadTest.run("http://127.0.0.1:" + server.port(), 4, 1, 5);
            assertThat(r.errors()).isZero();
            assertThat(r.requests()).isGreaterThan(20);
            assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms()).isPositive();
        }
    }

    @Test
    void errorsAreCountedNotThrown() throws Exception {
        try (DeqServer server = DeqServer.start(TestIndex.index(), ServerConfig.local(0))) {
            // k over the server's limit: every request is a 400, each counted as an error
            LoadTest.Result r = LoadTest.run("http://127.0.0.1:" + server.port(), 2, 1, 1_000_000);
            assertThat(r.requests()).isPositive();
            assertThat(r.errors()).isEqualTo(r.requests());
        }
    }
}
