package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deq feedback-eval rejects bad counts, and options another one would override, by option name before it opens the
 * index (which here does not exist).
 */
class FeedbackEvalOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--marks|0|--marks must be at least 1, got 0",
        "--rounds|-1|--rounds must be >= 0 (0: the first ranking alone), got -1",
        "--queries-per-class|0|--queries-per-class must be at least 1, got 0",
        "--uncertain|3|--uncertain must be at least --marks (10), got 3",
        "--window|-1|--window must be 0 (the whole pool) or at least the uncertain set (50), got -1",
        "--uncertain|500|--uncertain 500 is more than the default --window (10 × --marks = 100); give --window 0 (the whole"
                + " pool) or at least 500"})
    void badCountsAreOneLineErrorsNamingTheOption(String option, String value, String message) {
        Cli run = Cli.run("feedback-eval", "--index", "no-such-index", option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--quick --queries-per-class 3|--quick runs one query per class; give --quick or --queries-per-class 3, not both",
        "--protocol demir2015 --rounds 3 --marks 5|--protocol demir2015 fixes the rounds, marks, uncertain set and window"
                + " (10 rounds of 5 marks from the 20 most uncertain of the whole pool); leave out --rounds and --marks"})
    void optionsThatOthersOverrideAreRefusedNotDropped(String options, String message) {
        Cli run = Cli.run(("feedback-eval --index no-such-index " + options).split(" "));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + message);
    }
}
