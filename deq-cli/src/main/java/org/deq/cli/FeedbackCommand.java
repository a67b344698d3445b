package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deq.feedback.FeedbackEngine;
import org.deq.feedback.FeedbackRound;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.SessionExistsException;
import org.deq.feedback.SessionStore;
import org.deq.feedback.SessionSummary;
import org.deq.feedback.Strategy;
import org.deq.store.IndexStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code deq feedback}: relevance-feedback sessions saved beside an index. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        header = "Relevance-feedback sessions: mark results relevant or irrelevant and get the archive re-ranked.",
        description = {"Relevance feedback: start a session from query patch ids, mark results relevant or irrelevant,",
                "and get the archive re-ranked by a kernel SVM trained on the marks, with the next images to mark.",
                "Sessions are JSON files in <index>/feedback-sessions (or --sessions) and survive restarts."})
final class FeedbackCommand {

    @Spec
    CommandSpec spec;

    /** Options every subcommand shares; given before or after the subcommand's name. */
    static final class Common {
        @Option(scope = ScopeType.INHERIT, names = "--index", required = true, description = "Index directory.")
        Path index;

        @Option(scope = ScopeType.INHERIT, names = "--sessions", description = "Sessions folder (default: <index>/feedback-sessions).")
        Path sessions;

        @Option(scope = ScopeType.INHERIT, names = "--session", description = "Session name: 1-100 letters, digits, '.', '_' or '-', starting with a letter or"
                + " digit; required by start, mark, show, export and delete.")
        String session;

        /** The session the subcommand works on: required by all but list and prune. */
        String session() {
            if (session == null) {
                throw new IllegalArgumentException("--session NAME is required: the session to work on (deq feedback --index"
                        + " DIR list shows them)");
            }
            return session;
        }

        /**
         * The sessions folder's store; a missing folder or one that is no index is an error (as start says), not an empty
         * list.
         */
        SessionStore store() throws IOException {
            IndexStore.requireIndex(index);
            return new SessionStore(sessionsFolder());
        }

        /** The sessions folder used: --sessions, else the index's. */
        private Path sessionsFolder() {
            return sessions != null ? sessions : SessionStore.defaultFolder(index);
        }

        /**
         * Checks an output JSON file before the work ({@link OutputFiles#prepareJson}), refusing one in the sessions folder
         * (by any path, links too): there it would overwrite a session or be read as one.
         */
        void prepareOutput(String option, Path file) throws IOException {
            OutputFiles.outside(option, file, sessionsFolder(), "the sessions folder " + sessionsFolder()
                    + ", where every .json file is a session");
            OutputFiles.prepareJson(option, file, index);
        }

        /**
         * The store of list and prune, which work on every session: --session is refused, and a --sessions folder must
         * exist (the default one appears with the first session).
         */
        SessionStore allSessions(String command) throws IOException {
            if (session != null) {
                throw new IllegalArgumentException(command + " works on every session; leave out --session " + session);
            }
            if (sessions != null && !Files.exists(sessions)) {
                throw new IllegalArgumentException("--sessions " + sessions + ": no such folder");
            }
            return store();
        }
    }

    /** How a round is computed and shown. */
    static final class Display {
        @Option(names = "--k", defaultValue = "20", description = "Results to show (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--suggest", defaultValue = "10", description = "Images to propose for marking, 0.."
                + FeedbackEngine.MAX_SUGGESTIONS + " (default ${DEFAULT-VALUE}).")
        int suggest;

        @Option(names = "--strategy", defaultValue = "active",
                description = "How suggestions are chosen: active (uncertain and diverse) or top (default ${DEFAULT-VALUE}).")
        String strategy;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the clustering (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Also write the round as JSON to this file.")
        Path json;

        /** The strategy, with every display option checked before a session is touched. */
        Strategy checked(Common common) throws IOException {
            Counts.atLeast("--k", k, 1); // as deq query says it
            if (suggest < 0 || suggest > FeedbackEngine.MAX_SUGGESTIONS) {
                throw new IllegalArgumentException("--suggest must be within 0.." + FeedbackEngine.MAX_SUGGESTIONS + ", got " + suggest);
            }
            Strategy parsed = Strategy.parse(strategy);
            common.prepareOutput("--json", json);
            return parsed;
        }
    }

    @Mixin
    Common common;

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a session and shows its first ranking.")
    int start(@Option(names = "--query", required = true, paramLabel = Counts.ID_LIST,
                      description = "Query patch id(s); several make a query by several examples.") List<String> query,
              @Option(names = "--pool", defaultValue = "0", paramLabel = "N",
                      description = "Candidate pool: the query examples and the N images besides them most similar to them,"
                              + " 0 for the whole archive (default ${DEFAULT-VALUE}).") int pool,
              @Mixin Display display) throws IOException {
        if (pool < 0) {
            throw new IllegalArgumentException("--pool must be >= 0 (0: the whole archive), got " + pool);
        }
        query = Counts.ids("--query", query);
        Strategy strategy = display.checked(common);
        SessionStore sessions = common.store();
        String name = common.session();
        if (sessions.names().contains(name)) { // before the work; create checks again, under the lock
            throw exists(sessions, name);
        }
        try (IndexStore store = IndexStore.open(common.index)) {
            FeedbackEngine engine = new FeedbackEngine(store);
            FeedbackSession session = engine.start(name, query, pool);
            FeedbackRound round = round(session, engine, strategy, display);
            try {
                sessions.create(session);
            } catch (SessionExistsException e) { // another start of the name won meanwhile
                throw exists(sessions, name);
            }
            List<String> notes = pool > 0 && engine.poolCovers(pool, query.size())
                    ? List.of("--pool " + pool + ": the index holds " + (store.size() - query.size()) + " images besides the"
                            + " query example(s); the pool is the whole archive")
                    : List.of();
            print(session, round, notes, display);
        }
        return 0;
    }

    /** Why a start is refused: the name is taken; how to continue that session or replace it. */
    private IllegalArgumentException exists(SessionStore sessions, String name) {
        return new IllegalArgumentException("session '" + name + "' exists in " + sessions.dir() + "; continue it with"
                + " 'deq feedback mark', or replace it: 'deq feedback --index " + common.index + " --session " + name
                + " delete' first");
    }

    @Command(name = "mark", mixinStandardHelpOptions = true, description = "Adds marks to a session and shows the new ranking.")
    int mark(@Option(names = "--relevant", paramLabel = Counts.ID_LIST,
                     description = "Ids the user finds relevant.") List<String> relevant,
             @Option(names = "--irrelevant", paramLabel = Counts.ID_LIST,
                     description = "Ids the user finds irrelevant.") List<String> irrelevant,
             @Mixin Display display) throws IOException {
        Map<String, Boolean> marks = new LinkedHashMap<>();
        for (String id : Counts.ids("--relevant", relevant)) {
            marks.put(id, true);
        }
        for (String id : Counts.ids("--irrelevant", irrelevant)) {
            if (marks.containsKey(id)) {
                throw new IllegalArgumentException("'" + id + "' is given both --relevant and --irrelevant");
            }
            marks.put(id, false);
        }
        Strategy strategy = display.checked(common);
        try (IndexStore store = IndexStore.open(common.index)) {
            FeedbackEngine engine = new FeedbackEngine(store);
            List<String> notes = new ArrayList<>();
            // under the sessions' lock: a server marking the same session at once keeps its marks too
            FeedbackSession session = common.store().update(common.session(), current -> {
                notes.addAll(current.changedMarks(marks));
                return engine.mark(current, marks);
            });
            print(session, round(session, engine, strategy, display), notes, display);
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a session's current ranking.")
    int show(@Mixin Display display) throws IOException {
        Strategy strategy = display.checked(common);
        try (IndexStore store = IndexStore.open(common.index)) {
            FeedbackSession session = common.store().load(common.session());
            FeedbackEngine engine = new FeedbackEngine(store);
            print(session, round(session, engine, strategy, display), List.of(), display);
        }
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, header = "Writes a session as JSON.",
            description = {"Writes a session as JSON: name, index (absolute path), indexCreated, query, pool, marks, round",
            "and history (the marks each round added); missing folders of --out are created, as for every command's output."})
    int export(@Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON file to write.") Path out) throws IOException {
        SessionStore store = common.store();
        common.prepareOutput("--out", out); // a copy there would be one more live session
        store.export(common.session(), out);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a saved session, a damaged one (that no longer reads) too.")
    int delete() throws IOException {
        SessionStore store = common.store();
        store.delete(common.session());
        spec.commandLine().getOut().println("deleted session " + common.session + " from " + store.dir());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the saved sessions: name, round, marks, last written.")
    int list() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SessionStore store = common.allSessions("list");
        List<SessionSummary> all = store.summaries();
        out.println(Format.count(all.size(), "session", "sessions") + " in " + store.dir());
        for (SessionSummary s : all) {
            Instant written = s.lastModified().truncatedTo(ChronoUnit.SECONDS);
            if (s.error() == null) {
                out.printf(Locale.ROOT, "  %-28s round %3d  %4d marks  %s%n", s.name(), s.round(), s.marks(), written);
            } else { // one damaged file does not hide the others
                out.printf(Locale.ROOT, "  %-28s unreadable (%s)  %s%n", s.name(), s.error(), written);
            }
        }
        return 0;
    }

    /**
     * Adds {@code help SUBCOMMAND} and fits the inherited options to each subcommand: list and prune work on every
     * session, so their help does not offer {@code --session}; the other commands' usage shows it required (it stays
     * inherited, so that it may come before or after the subcommand's name, and {@link Common#session()} says when it
     * is missing); help reads none of them, so its usage hides them.
     */
    static void configure(CommandLine feedback) {
        CommandLine help = new CommandLine(new NestedHelpCommand());
        help.getCommandSpec().usageMessage().description("Display help information about the specified sub-command:"
                + " 'deq feedback help start'.");
        feedback.addSubcommand(help);
        for (CommandLine sub : feedback.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            boolean isHelp = sub == help;
            for (OptionSpec option : List.copyOf(spec.options())) {
                if (option.inherited() && (isHelp || option.longestName().equals("--session"))) {
                    spec.remove(option);
                    if (isHelp) { // hidden, not removed: picocli sets an inherited option on every subcommand
                        spec.addOption(OptionSpec.builder(option).hidden(true).build());
                    } else if (!List.of("list", "prune").contains(spec.name())) {
                        spec.addOption(OptionSpec.builder(option).required(true).build());
                    }
                }
            }
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            header = "Deletes the sessions not written for --older-than days.",
            description = {"Deletes the sessions not written (started or marked) for --older-than days, and lists their names:",
                    "the web UI starts one at the first Refine of each list queried by archive images. Sessions this deq",
                    "cannot read (a newer deq's, or damaged) are kept and named."})
    int prune(@Option(names = "--older-than", required = true, paramLabel = "DAYS",
                      description = "Age in days of the last start or mark (0: every readable session).") int days) throws IOException {
        if (days < 0) {
            throw new IllegalArgumentException("--older-than must be >= 0 days, got " + days);
        }
        SessionStore store = common.allSessions("prune");
        SessionStore.Pruned pruned = store.prune(Instant.now().minus(Duration.ofDays(days)));
        List<String> deleted = pruned.deleted();
        PrintWriter out = spec.commandLine().getOut();
        out.println("deleted " + Format.count(deleted.size(), "session", "sessions")
                + (days == 0 ? " (--older-than 0: every one)" : " not written for " + Format.count(days, "day", "days"))
                + " from " + store.dir() + (deleted.isEmpty() ? "" : ":"));
        deleted.forEach(name -> out.println("  " + name));
        if (!pruned.unreadable().isEmpty()) {
            out.println("note: kept " + Format.count(pruned.unreadable().size(), "session", "sessions") + " this deq cannot"
                    + " read (a newer deq's, or damaged; deq feedback list says why, --session NAME delete removes one): "
                    + String.join(", ", pruned.unreadable()));
        }
        return 0;
    }

    private static FeedbackRound round(FeedbackSession session, FeedbackEngine engine, Strategy strategy, Display display)
            throws IOException {
        return engine.round(session, strategy, display.k, display.suggest, display.seed);
    }

    /** Shows the round, with {@code requestNotes} (replaced marks, the pool asked for) before its own, on screen and in --json. */
    private void print(FeedbackSession session, FeedbackRound computed, List<String> requestNotes, Display display)
            throws IOException {
        FeedbackRound round = computed.withNotesFirst(requestNotes);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "session %s, round %d: %s model on %d relevant / %d irrelevant, %.1f ms%n", session.name(),
                session.round(), round.model(), round.relevant(), round.irrelevant(), round.millis());
        round.notes().forEach(n -> out.println("note: " + n));
        for (FeedbackRound.Result r : round.results()) {
            String mark = r.mark() == null ? "" : r.mark() ? "  [relevant]" : "  [irrelevant]";
            out.printf(Locale.ROOT, "%3d  %-40s %9.4f%s%n", r.rank(), r.id(), r.score(), mark);
        }
        if (display.suggest > 0) { // --suggest 0 asked for none
            out.println("mark next: " + (round.suggestions().isEmpty() ? "nothing left to mark"
                    : String.join(",", round.suggestions())));
        }
        out.flush();
        if (display.json != null) {
            OutputFiles.writeJson(display.json, round);
        }
    }
}
