package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void aShellWordIsQuotedOnlyWhenAShellWouldSplitOrExpandIt() {
        assertThat(Format.shellWord("/tmp/demo/index")).isEqualTo("/tmp/demo/index");
        assertThat(Format.shellWord("/tmp/my demo/index")).isEqualTo("'/tmp/my demo/index'");
        assertThat(Format.shellWord("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    }

    @Test
    void jsonFieldsKeepTheirOrder() {
        assertThat(OutputFiles.fields("seed", 1, "pairs", 2, "scores", 3).keySet()).containsExactly("seed", "pairs", "scores");
    }
}
