package org.deq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deq} command: query-by-example search over satellite image archives. */
@Command(name = "deq", mixinStandardHelpOptions = true, version = "deq 0.1.0",
        description = "Deep Earth Query: query-by-example search over satellite image archives.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Deq implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Deq()).execute(args));
    }
}
