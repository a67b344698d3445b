package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The --filter help of the commands that filter names every key {@link org.deq.search.Filter} accepts. */
class FilterHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"query", "change"})
    void filterHelpListsEveryKey(String command) {
        Cli run = Cli.run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("labels-any=", "labels-all=", "from=", "to=", "bbox=", "exclude-flags=",
                "season=winter|spring|summer|autumn");
    }
}
