package org.deq.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeqServerStartTest {

    @Test
    void aHostThatIsNoAddressFailsNamingTheErrorNotNull() {
        ServerConfig config = ServerConfig.local(0).withHost("999.1.1.1");
        assertThatThrownBy(() -> DeqServer.start(TestIndex.index(), config)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on 999.1.1.1:0: ")
                .hasMessageNotContaining("null");
    }
}
