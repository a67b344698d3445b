package org.deq.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void messageIsTheMessageOrTheSimpleClassName() {
        assertThat(Failures.message(new IllegalStateException("stopped"))).isEqualTo("stopped");
        assertThat(Failures.message(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void firstLineKeepsOnlyTheFirstLineStripped() {
        assertThat(Failures.firstLine(new IOException("  bad header\n\tat some.Frame\n"))).isEqualTo("bad header");
        assertThat(Failures.firstLine(new IOException("one line"))).isEqualTo("one line");
        assertThat(Failures.firstLine(new IOException((String) null))).isEqualTo("IOException");
    }
}
