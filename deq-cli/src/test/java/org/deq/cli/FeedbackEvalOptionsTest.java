package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deq feedback-eval rejects bad counts by option name before it opens the index (which here does not exist). */
class FeedbackEvalOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--marks|0|--marks must be at least 1, got 0",
        "--rounds|-1|--rounds must be >= 0 (0: the first ranking alone), got -1",
        "--queries-per-class|0|--queries-per-class must be at least 1, got 0",
        "--uncertain|3|--uncertain must be at least --marks (10), got 3",
        "--window|-1|--window must be 0 (the whole pool) or at least the uncertain set (50), got -1"})
    void badCountsAreOneLineErrorsNamingTheOption(String option, String value, String message) {
        Cli run = Cli.run("feedback-eval", "--index", "no-such-index", option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + message);
    }
}
