package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's text goes into the request log as one printable, bounded line. */
class LogTextTest {

    @Test
    void controlCharactersQuotesAndLengthCannotForgeOrBuryALine() {
        assertThat(LogText.line("curl/8.5.0")).isEqualTo("curl/8.5.0");
        assertThat(LogText.line("a\r\n127.0.0.1 GET /admin 200")).isEqualTo("a\\x0d\\x0a127.0.0.1 GET /admin 200");
        assertThat(LogText.line("say \"hi\" \\ bye\u0000")).isEqualTo("say \\\"hi\\\" \\\\ bye\\x00");
        assertThat(LogText.line("x".repeat(5000))).hasSize(LogText.MAX_LENGTH + 3).endsWith("...");
        assertThat(LogText.line("x".repeat(LogText.MAX_LENGTH))).isEqualTo("x".repeat(LogText.MAX_LENGTH));
        assertThat(LogText.line(null)).isEqualTo("-");
        // a log viewer breaks the line at U+2028 and reorders the text after U+202E
        assertThat(LogText.line("a\u2028b\u2029c rtl\u202egpj.exe")).isEqualTo("a\\u2028b\\u2029c rtl\\u202egpj.exe");
    }
}
