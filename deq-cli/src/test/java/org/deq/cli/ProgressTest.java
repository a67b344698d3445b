package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a stop hook relies on: a closed bar keeps the count it showed last and draws nothing more. */
class ProgressTest {

    @Test
    void aClosedBarIgnoresLaterStepsAndASecondClose() {
        Progress bar = new Progress("test", 10);
        bar.stepTo(4);
        bar.close();
        bar.stepTo(8);
        bar.step();
        bar.stepTo(9, 2);
        bar.close();
        assertThat(bar.current()).isEqualTo(4);
    }
}
