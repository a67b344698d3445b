package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-line summaries that {@code deq --help} and {@code deq bench --help} list are whole sentences; -V works everywhere. */
class CommandSummaryTest {

    @ParameterizedTest
    @CsvSource({"'', demo", "'', synth", "'', change", "'', feedback-eval", "bench, ingest", "bench, index",
            "bench, feedback"})
    void summaryIsAWholeSentence(String parent, String command) {
        Cli run = parent.isEmpty() ? Cli.run("--help") : Cli.run(parent, "--help");
        String summary = Arrays.stream(run.out().split("\n"))
                .filter(l -> l.startsWith("  " + command + " "))
                .findFirst().orElseThrow().substring(command.length() + 2).strip();
        assertThat(summary).endsWith(".");
    }

    @ParameterizedTest
    @CsvSource({"'', serve", "'', index", "feedback, mark", "bench, ingest"})
    void everyCommandPrintsDeqsVersion(String parent, String command) {
        Cli run = parent.isEmpty() ? Cli.run(command, "-V") : Cli.run(parent, command, "-V");
        assertThat(run.out().strip()).isEqualTo(Cli.run("-V").out().strip()).startsWith("deq ");
    }
}
