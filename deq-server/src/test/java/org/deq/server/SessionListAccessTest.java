package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session list goes to this machine's clients only, unless the operator serves it to every client. */
class SessionListAccessTest {

    @Test
    void onlyLoopbackClientsListUnlessEveryoneIsAllowed() {
        SessionListAccess local = new SessionListAccess(false);
        for (String here : List.of("127.0.0.1", "127.0.0.2", "::1", "0:0:0:0:0:0:0:1")) {
            local.check(here);
        }
        for (String other : List.of("192.0.2.7", "10.0.0.1", "2001:db8::1", "")) {
            assertThatThrownBy(() -> local.check(other)).as(other).isInstanceOf(ApiException.class)
                    .hasMessage("the list of feedback sessions is served only to clients on the server's own machine,"
                            + " since anyone with a session's id may read, mark or delete it; its operator may serve it to"
                            + " every client with deq serve --list-sessions")
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
        }
        new SessionListAccess(true).check("192.0.2.7");
    }
}
