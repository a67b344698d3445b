package org.deq.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deq.io.Failures;
import org.deq.spec.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deq} command: query-by-example search over satellite image archives. */
@Command(name = "deq", mixinStandardHelpOptions = true, version = "deq 0.1.0",
        description = "Deep Earth Query: query-by-example search over satellite image archives.",
        subcommands = {DemoCommand.class, SynthCommand.class, IndexCommand.class, InfoCommand.class, QueryCommand.class,
                BatchQueryCommand.class, ChangeCommand.class, SharpenCommand.class, ChangeMapCommand.class,
                BiophysicalCommand.class, CaptionCommand.class, LandCoverCommand.class, EvalCommand.class,
                BenchCommand.class, ServeCommand.class, FeedbackCommand.class, FeedbackEvalCommand.class,
                NestedHelpCommand.class})
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
        // every command lists -V: it prints deq's version, not an empty line
        shareVersion(cl, cl.getCommandSpec().version());
        FeedbackCommand.configure(cl.getSubcommands().get("feedback"));
        // descriptions are written as lines of up to ~120 characters; 80 columns would re-wrap them raggedly
        cl.setUsageHelpWidth(120);
        // User errors (bad files, bad arguments) are one line on stderr and exit code 2, never a stack trace.
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                // an id or a file name in it is shown, not obeyed (controls, bidirectional and invisible characters)
                line.getErr().println("deq: error: " + PrintableText.of(message(t)));
                return 2;
            }
            throw ex;
        });
        // a mistyped option is one line too, with where to look, rather than the whole usage
        cl.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !ex.getCommandLine().getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                ex.getCommandLine().getErr().println("deq: error: unknown command '" + u.getUnmatched().get(0) + "' ("
                        + command + " --help lists the commands)");
                return 2;
            }
            String unknown = ex instanceof CommandLine.MissingParameterException || ex instanceof CommandLine.UnmatchedArgumentException
                    ? unknownOption(ex.getCommandLine(), args) : null;
            if (unknown != null) { // '--indx' is the mistake, not the '--index' it left missing
                ex.getCommandLine().getErr().println("deq: error: unknown option '" + unknown + "' (" + command
                        + " --help lists the options)");
                return 2;
            }
            String partner = ex instanceof CommandLine.MissingParameterException m ? optionWithoutItsGroup(m, args) : null;
            if (partner != null) { // '--grid' given without '--eval': picocli calls --eval missing
                ex.getCommandLine().getErr().println("deq: error: " + partner + " (" + command + " --help lists the options)");
                return 2;
            }
            // picocli names a map option "option option '--spark-conf'" when a value has no '='
            String first = ex.getMessage().lines().findFirst().orElse("bad arguments").replaceFirst("^Error: ", "")
                    .replace("option option '", "option '");
            ex.getCommandLine().getErr().println("deq: error: " + first + " (" + command + " --help lists the options)");
            return 2;
        });
        return cl;
    }

    private static void shareVersion(CommandLine command, String[] version) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().version(version);
            shareVersion(sub, version);
        }
    }

    /**
     * "--grid goes with --eval" when the missing option is the required one of a group of which an optional member was
     * given without it, else null.
     */
    private static String optionWithoutItsGroup(CommandLine.MissingParameterException ex, String[] args) {
        for (CommandLine.Model.ArgSpec missing : ex.getMissing()) {
            if (missing instanceof CommandLine.Model.OptionSpec required && required.group() != null) {
                for (CommandLine.Model.OptionSpec other : required.group().options()) {
                    if (!other.required() && given(other, args)) {
                        return other.longestName() + " goes with " + required.longestName();
                    }
                }
            }
        }
        return null;
    }

    private static boolean given(CommandLine.Model.OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first argument that looks like an option (--name or --name=value) no command of deq has, or null. */
    private static String unknownOption(CommandLine command, String[] args) {
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.startsWith("--") && name.length() > 2 && !hasOption(command, name)) {
                return name;
            }
        }
        return null;
    }

    /**
     * Whether any command of the tree {@code command} belongs to has the option: the arguments of a command line also
     * hold its parents' and sub-commands' options ({@code deq feedback --index I mark --relevant A}).
     */
    private static boolean hasOption(CommandLine command, String name) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return anyHas(root, name);
    }

    private static boolean anyHas(CommandLine command, String name) {
        if (command.getCommandSpec().optionsMap().containsKey(name) || command.getCommandSpec().negatedOptionsMap().containsKey(name)) {
            return true;
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (anyHas(sub, name)) {
                return true;
            }
        }
        return false;
    }

    /** A one-line message; file-system errors, whose message is often just the path, say what happened to it. */
    static String message(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "no such file or folder: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        // the first line only: some libraries (Spark) append where an object was created
        return Failures.firstLine(t);
    }

    public static void main(String[] args) {
        // numbers are written as options read them (a decimal point, ASCII digits) in every locale: one line mixed
        // "6,3 s" with "41.4 patches/s", and Arabic-Indic digits reached file names in deq synth's metadata
        Locale.setDefault(Locale.ROOT); // all categories: PrintWriter.printf formats by the general default
        // a worker or the progress bar's thread running out of memory: one line, not a stack trace before the command's
        // own out-of-memory line (its work fails with it)
        Thread.UncaughtExceptionHandler traces = Thread.getDefaultUncaughtExceptionHandler();
        AtomicBoolean saidOutOfMemory = new AtomicBoolean();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                if (saidOutOfMemory.compareAndSet(false, true)) { // every worker may run out: one line says it
                    System.err.println("deq: thread " + thread.getName() + " ran out of memory");
                }
            } else if (traces != null) {
                traces.uncaughtException(thread, e);
            } else {
                thread.getThreadGroup().uncaughtException(thread, e);
            }
        });
        CommandLine cl = commandLine();
        String unreadable = unreadableNames(args);
        if (unreadable != null) {
            System.err.println("deq: warning: " + unreadable);
        }
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // an Error, which picocli passes on: one line with the way out, not a stack trace (a progress bar it
            // stopped has ended its line on closing)
            cl.getOut().flush();
            System.err.printf("deq: error: out of memory (the Java heap holds at most %d MB); give deq more with"
                    + " DEQ_JAVA_OPTS=-Xmx16g, or give it less at once%n", Runtime.getRuntime().maxMemory() >> 20);
            code = 1;
        }
        cl.getOut().flush();
        cl.getErr().flush();
        // a PrintStream swallows its write errors: a full disk or a closed stdout would exit 0 with the output cut short
        if (System.out.checkError() && code == 0 && !stdoutIsPipe()) {
            System.err.println("deq: error: cannot write to standard output (closed, or its disk is full): the output is"
                    + " incomplete");
            code = 2;
        }
        System.exit(code);
    }

    /**
     * Why non-ASCII file names and arguments may read wrong, or null: Java decodes them in the locale's character set,
     * and a non-UTF-8 one (LANG unset, C, or a locale not installed; the {@code deq} launcher sets C.UTF-8 then) turns
     * each byte it cannot decode into U+FFFD (printed as '?'), which a path or label then holds.
     */
    static String unreadableNames(String[] args) {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8")) {
            return null;
        }
        StringBuilder all = new StringBuilder(System.getProperty("user.dir", ""));
        for (String arg : args) {
            all.append(arg);
        }
        return all.indexOf("\uFFFD") < 0 ? null : "the locale's character set is " + charset
                + ", not UTF-8, so non-ASCII file names and arguments may read as '?' (run with LC_ALL=C.UTF-8)";
    }

    /**
     * Whether standard output is a pipe, whose reader may stop early ({@code | head -1}): that is no error, as for the
     * commands whose output a shell pipes on. Linux's {@code /proc}; elsewhere taken as no pipe.
     */
    private static boolean stdoutIsPipe() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
