package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.deq.hash.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one-line summaries that {@code deq --help} and {@code deq bench --help} list are whole sentences that wrap between
 * words; -V works everywhere; {@code deq help} reaches nested commands; {@code deq index --help} names every hash method.
 */
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

    @Test
    void indexHelpNamesEveryHashMethod() {
        String help = Cli.run("index", "--help").out();
        for (boolean supervised : new boolean[] {false, true}) {
            for (String method : Encoders.methods(supervised)) {
                assertThat(help).as("deq index --help's --hash").contains(method + ":bits=B");
            }
        }
    }

    @Test
    void summariesWrapBetweenWords() {
        // a continuation line of the command list starts with a word, never with the rest of a split one ("json).")
        String[] lines = Cli.run("--help").out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("                   ") && Character.isLowerCase(lines[i].strip().charAt(0))) {
                assertThat(lines[i - 1]).as("line before '%s'", lines[i].strip()).doesNotEndWith(".").doesNotEndWith("/");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"feedback start, --query", "bench index, --sizes", "feedback, --session"})
    void helpReachesNestedCommands(String path, String option) {
        Cli run = Cli.run(("help " + path).split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(Cli.run((path + " --help").split(" ")).out().lines().findFirst().orElseThrow())
                .contains(option);
    }

    @Test
    void helpOfAnUnknownNestedCommandIsOneLine() {
        Cli run = Cli.run("help", "feedback", "strat");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: unknown command 'strat' (deq feedback --help lists the commands)");
        assertThat(Cli.run("help", "feedback", "start", "extra").err().strip())
                .isEqualTo("deq: error: unknown command 'extra' (deq feedback start has no sub-commands)");
    }

    @ParameterizedTest
    @CsvSource({"'', serve", "'', index", "feedback, mark", "bench, ingest"})
    void everyCommandPrintsDeqsVersion(String parent, String command) {
        Cli run = parent.isEmpty() ? Cli.run(command, "-V") : Cli.run(parent, command, "-V");
        assertThat(run.out().strip()).isEqualTo(Cli.run("-V").out().strip()).startsWith("deq ");
    }
}
