package org.deq.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code deq help [COMMAND...]}: the help of a command at any depth ({@code deq help feedback start}); picocli's own
 * help command only looks one level down and printed the parent's help for a nested one.
 */
@Command(name = "help", helpCommand = true,
        description = "Display help information about the specified command (also nested: 'help feedback start').",
        synopsisHeading = "%nUsage: ", optionListHeading = "%nOptions:%n")
final class NestedHelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its sub-command, to show the help of.")
    List<String> path = List.of();

    private CommandLine self;
    private PrintWriter out;
    private PrintWriter err;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                String parent = target.getCommandSpec().qualifiedName();
                err.println("deq: error: unknown command '" + name + "' (" + (target.getSubcommands().isEmpty()
                        ? parent + " has no sub-commands" : parent + " --help lists the commands") + ")");
                return 2;
            }
            target = sub;
        }
        target.usage(out, colors);
        return 0;
    }
}
