package org.deq.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deq} command: query-by-example search over satellite image archives. */
@Command(name = "deq", mixinStandardHelpOptions = true, version = "deq 0.1.0",
        description = "Deep Earth Query: query-by-example search over satellite image archives.",
        subcommands = {DemoCommand.class, SynthCommand.class, IndexCommand.class, QueryCommand.class, ChangeCommand.class, EvalCommand.class, BenchCommand.class, ServeCommand.class, FeedbackCommand.class, FeedbackEvalCommand.class, CommandLine.HelpCommand.class})
public final class Deq implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line; tests run commands through it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Deq());
        // descriptions are written as lines of up to ~120 characters; 80 columns would re-wrap them raggedly
        cl.setUsageHelpWidth(120);
        // User errors (bad files, bad arguments) are one line on stderr and exit code 2, never a stack trace.
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                line.getErr().println("deq: error: " + t.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
