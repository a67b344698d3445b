package org.deq.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code deq bench}: benchmark programs (not tests); each prints its figures and can write JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark programs: rates and ratios measured in one run, medians over repeats.",
        subcommands = {BenchIngestCommand.class, BenchIndexCommand.class, BenchFeedbackCommand.class,
                NestedHelpCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
