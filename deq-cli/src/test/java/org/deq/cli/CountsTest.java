package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one parsing of id-list options (deq query --id, deq feedback --query, --relevant, --irrelevant). */
class CountsTest {

    @Test
    void idListsSplitAtEveryCommaSoAnEmptyIdAnywhereIsRefused() {
        assertThat(Counts.ids("--query", List.of("a, b", "c"))).containsExactly("a", "b", "c");
        assertThat(Counts.ids("--query", null)).isEmpty();
        // a trailing comma is an empty id, as a leading or doubled one is
        for (String value : List.of("a,", ",a", "a,,b", "a, ", "")) {
            assertThatThrownBy(() -> Counts.ids("--relevant", List.of(value))).as(value)
                    .hasMessage("--relevant holds an empty id");
        }
    }
}
