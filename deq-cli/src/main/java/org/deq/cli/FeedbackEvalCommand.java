package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.feedback.Candidates;
import org.deq.feedback.FeedbackSimulation;
import org.deq.feedback.FeedbackSpace;
import org.deq.feedback.Kernel;
import org.deq.feedback.KernelWidth;
import org.deq.feedback.Relevance;
import org.deq.feedback.SimulationReport;
import org.deq.feedback.SimulationSpec;
import org.deq.feedback.Strategy;
import org.deq.store.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq feedback-eval}: relevance feedback replayed with a simulated user who marks by the stored labels. */
@Command(name = "feedback-eval", mixinStandardHelpOptions = true,
        header = "Simulates relevance-feedback sessions with a user who marks images by the stored labels.",
        description = {"Simulates relevance-feedback sessions over a whole index: for each sampled query image a user",
                "marks images by the stored labels (--relevance: same class or a shared label, or label sets at least",
                "this Jaccard-similar); a kernel SVM (--kernel, width from --kernel-width) is trained on the marks and re-ranks",
                "the archive. Strategies: top (the best-ranked",
                "unmarked images) and active (the --uncertain most uncertain among the --window best-ranked, clustered,",
                "the most central image of each cluster; after Demir & Bruzzone, TGRS 2015).",
                "After each round: precision@10, precision@20 and AP@20 (normalised by R_20) of the ranking without",
                "the query and, unless --keep-marked, without the marked images; averaged over queries."})
final class FeedbackEvalCommand implements Callable<Integer> {

    private static final int DEFAULT_QUERIES_PER_CLASS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory (with labels).")
    Path index;

    @Option(names = "--protocol", defaultValue = "rounds",
            description = "rounds: --rounds rounds of --marks marks from the query alone; demir2015: 3+3 initial marks (the query"
                    + " is one of the 3 relevant), "
                    + "10 rounds of 5 marks from the 20 most uncertain of the whole pool (not with --rounds/--marks/--uncertain/--window) "
                    + "(default ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--rounds", defaultValue = "5", description = "Feedback rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--marks", defaultValue = "10", description = "Images marked per round (default ${DEFAULT-VALUE}).")
    int marks;

    @Option(names = "--uncertain", description = "Uncertain images clustered by active learning (default: 5 x marks).")
    Integer uncertain;

    @Option(names = "--window", description = "Active learning draws its uncertain images from this many best-ranked "
            + "unmarked ones; 0: the whole pool, as Demir & Bruzzone (default: 10 x marks).")
    Integer window;

    @Option(names = "--queries-per-class",
            description = "Seeded random queries per class; a multi-label image is grouped by its lowest label id (ids number the"
                    + " labels in the order they first appear in the archive, not alphabetically) (default "
                    + DEFAULT_QUERIES_PER_CLASS + ").")
    Integer queriesPerClass;

    @Option(names = "--quick", description = "One query per class: a fast smoke run (not with --queries-per-class).")
    boolean quick;

    @Option(names = "--strategy", split = ",", description = "Strategies to compare: top, active (default: both).")
    List<String> strategies;

    @Option(names = "--keep-marked", description = "Score rankings with the marked images left in.")
    boolean keepMarked;

    @Option(names = "--relevance", defaultValue = "shared-label",
            description = "What the simulated user calls relevant, also what the figures count: shared-label (same class, "
                    + "or at least one shared label) or jaccard:T (label sets with |Lq & Lr| / |Lq | Lr| >= T) "
                    + "(default ${DEFAULT-VALUE}).")
    String relevance;

    @Option(names = "--kernel-width", defaultValue = "marks:1",
            description = "Kernel width gamma = F / median kernel distance (L1 or squared L2) between the marked "
                    + "examples (marks:F) or random pool pairs (pool:F) (default ${DEFAULT-VALUE}).")
    String kernelWidth;

    @Option(names = "--kernel", defaultValue = "laplacian",
            description = "Kernel of the SVM and of the similarity to the query: rbf (exp(-gamma L2^2)) or laplacian "
                    + "(exp(-gamma L1)) (default ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--query-half", description = "Only the sampled queries of even or odd ordinal: tune on one half, "
            + "check on the other.")
    String queryHalf;

    @Option(names = "--c", defaultValue = "10", description = "SVM regularisation C (default ${DEFAULT-VALUE}).")
    double c;

    @Option(names = "--query-weight", defaultValue = "1",
            description = "Weight of the kernel similarity to the query added to the SVM score; 0: the SVM alone "
                    + "(default ${DEFAULT-VALUE}).")
    double queryWeight;

    @Option(names = "--nearest-weight", defaultValue = "0",
            description = "Weight of the kernel similarity to the nearest relevant example added to every score "
                    + "(default ${DEFAULT-VALUE}).")
    double nearestWeight;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of queries, kernel width and clustering (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        SimulationSpec sim = simulationSpec();
        OutputFiles.prepareJson("--json", json, index);
        Counts.threads(threads);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        try (IndexStore store = IndexStore.open(index)) {
            if (store.size() < 2) {
                throw new IllegalArgumentException(index + ": the index holds " + Format.count(store.size(), "patch", "patches") + "; feedback needs at least 2");
            }
            LabelTruth truth = IndexEvaluation.truthOf(store); // the simulated user marks by labels: none is the first problem
            long marked = sim.initialRelevant() + sim.initialIrrelevant() + (long) sim.rounds() * sim.marks();
            if (marked + 10 > store.size()) { // the residual ranking would have nothing left to measure
                throw new IllegalArgumentException("the simulated user marks " + marked + " images of the " + store.size()
                        + " in " + index + "; leave at least 10 unmarked (fewer --rounds or --marks, or a larger index)");
            }
            var out = spec.commandLine().getOut();
            sim = fitted(sim, store.size() - 1, out);
            FeedbackSpace space = FeedbackSpace.all(store.vectors(), store.config().dimension(), seed);
            int perClass = quick ? 1 : queriesPerClass == null ? DEFAULT_QUERIES_PER_CLASS : queriesPerClass;
            int[] sampled = FeedbackSimulation.sampleQueries(truth, perClass, seed);
            int groups = (int) Arrays.stream(sampled).map(truth::stratum).distinct().count();
            int[] queries = half(sampled);
            long start = System.nanoTime();
            SimulationReport report = new FeedbackSimulation(space, truth, sim).run(queries, nThreads);
            double seconds = (System.nanoTime() - start) / 1e9;
            String truthKind = truth.isMultiLabel() ? "multi-label" : "single-label";
            out.printf("index %s (%s, %d patches, %s truth), protocol %s, relevance %s, kernel %s, kernel width %s, "
                    + "C %s, query weight %s, nearest weight %s, active from the %d most uncertain in %s, marked images %s, "
                    + "%d queries (%s), %.1f s%n",
                    index, store.config().descriptorSpec(), store.size(), truthKind, protocol, sim.relevance().key(),
                    sim.kernel().key(), sim.kernelWidth().key(), c, queryWeight, nearestWeight,
                    sim.candidates().uncertain(), sim.candidates().window() == 0 ? "the whole pool"
                            : "the top " + sim.candidates().window(),
                    keepMarked ? "kept in the figures (--keep-marked)" : "left out of the figures",
                    queries.length, queryGroups(truth, perClass, groups), seconds);
            out.print(report.toTable());
            long unlabelled = IntStream.range(0, truth.size()).filter(i -> truth.labelSetSize(i) == 0).count();
            if (unlabelled > 0) {
                out.println("note: " + Format.count(unlabelled, "patch without labels is", "patches without labels are")
                        + " not used as queries");
            }
            out.flush();
            if (json != null) {
                OutputFiles.writeJson(json, new FeedbackEvalRun(index.toAbsolutePath().normalize().toString(),
                        store.config().descriptorSpec(), truthKind, protocol, perClass, groups, queryHalf, report));
                out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** How the queries were drawn: per class, or per lowest label of multi-label images; the half taken. */
    private String queryGroups(LabelTruth truth, int perClass, int groups) {
        String per = truth.isMultiLabel()
                ? "up to " + perClass + " per lowest label, " + Format.count(groups, "lowest label", "lowest labels")
                        + ": a multi-label image is grouped by its lowest label id, labels numbered in the order they first"
                        + " appear in the archive"
                : "up to " + perClass + " per class, " + Format.count(groups, "class", "classes");
        return queryHalf == null ? per : per + "; the " + queryHalf + " half (--query-half)";
    }

    /**
     * The spec with its candidate set cut to the {@code others} images besides the query, which is all active learning
     * can draw from, with a note when that cut it.
     */
    private static SimulationSpec fitted(SimulationSpec sim, int others, PrintWriter out) {
        Candidates asked = sim.candidates();
        if (asked.uncertain() <= others && asked.window() <= others) {
            return sim;
        }
        Candidates cut = new Candidates(Math.min(asked.uncertain(), others), asked.window() == 0 ? 0 : Math.min(asked.window(), others));
        out.println("note: the index holds " + others + " images besides the query: active learning draws from the "
                + cut.uncertain() + " most uncertain" + (cut.window() == 0 ? "" : " in the top " + cut.window())
                + ", not " + asked.uncertain() + (asked.window() == 0 ? "" : " in the top " + asked.window()));
        return sim.withCandidates(cut);
    }

    private int[] half(int[] queries) {
        if (queryHalf == null) {
            return queries;
        }
        if (!queryHalf.equals("even") && !queryHalf.equals("odd")) {
            throw new IllegalArgumentException("unknown --query-half '" + queryHalf + "'; expected even or odd");
        }
        int parity = queryHalf.equals("even") ? 0 : 1;
        return Arrays.stream(queries).filter(q -> q % 2 == parity).toArray();
    }

    private Kernel kernel() {
        return Kernel.parse(kernel);
    }

    private KernelWidth width() {
        return KernelWidth.parse(kernelWidth);
    }

    /** Which of these options the command line gives. */
    private List<String> given(String... options) {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                out.add(o);
            }
        }
        return out;
    }

    /** --uncertain and --window, each defaulting to {@link Candidates#forMarks}. */
    private Candidates candidates() {
        Candidates defaults = Candidates.forMarks(marks);
        return new Candidates(uncertain == null ? defaults.uncertain() : uncertain, window == null ? defaults.window() : window);
    }

    /** Counts checked before the index is opened, so a bad one is named by its option, not by the simulation. */
    private void checkCounts() {
        if (rounds < 0) {
            throw new IllegalArgumentException("--rounds must be >= 0 (0: the first ranking alone), got " + rounds);
        }
        Counts.atLeastOne("--marks", marks);
        Counts.atLeastOne("--queries-per-class", queriesPerClass);
        if (quick && queriesPerClass != null) { // one would silently win
            throw new IllegalArgumentException("--quick runs one query per class; give --quick or --queries-per-class "
                    + queriesPerClass + ", not both");
        }
        if (uncertain != null && uncertain < marks) { // each round marks images out of the uncertain set
            throw new IllegalArgumentException("--uncertain must be at least --marks (" + marks + "), got " + uncertain);
        }
        Candidates defaults = Candidates.forMarks(marks);
        int uncertainSet = uncertain != null ? uncertain : defaults.uncertain();
        if (window != null && (window < 0 || window > 0 && window < uncertainSet)) {
            throw new IllegalArgumentException("--window must be 0 (the whole pool) or at least the uncertain set ("
                    + uncertainSet + "), got " + window);
        }
        if (window == null && uncertainSet > defaults.window()) {
            throw new IllegalArgumentException("--uncertain " + uncertainSet + " is more than the default --window ("
                    + Candidates.WINDOW_PER_MARK + " × --marks = " + defaults.window() + "); give --window 0 (the whole"
                    + " pool) or at least " + uncertainSet);
        }
    }

    private SimulationSpec simulationSpec() {
        List<String> fixed = given("--rounds", "--marks", "--uncertain", "--window");
        if (protocol.equals("demir2015") && !fixed.isEmpty()) { // the protocol's own counts would silently win
            throw new IllegalArgumentException("--protocol demir2015 fixes the rounds, marks, uncertain set and window"
                    + " (10 rounds of 5 marks from the 20 most uncertain of the whole pool); leave out "
                    + String.join(" and ", fixed));
        }
        checkCounts();
        Relevance user = Relevance.parse(relevance);
        List<Strategy> chosen = new ArrayList<>();
        for (String s : strategies == null ? List.of("top", "active") : strategies) {
            chosen.add(Strategy.parse(s));
        }
        return switch (protocol) {
            case "rounds" -> new SimulationSpec(rounds, marks, candidates(), 0, 0, !keepMarked, user, kernel(), width(), c,
                    queryWeight, nearestWeight, chosen, seed);
            case "demir2015" -> {
                SimulationSpec d = SimulationSpec.demir2015(seed);
                yield new SimulationSpec(d.rounds(), d.marks(), d.candidates(), d.initialRelevant(), d.initialIrrelevant(),
                        !keepMarked, user, kernel(), width(), c, queryWeight, nearestWeight, chosen, seed);
            }
            default -> throw new IllegalArgumentException("unknown --protocol '" + protocol + "'; expected rounds or demir2015");
        };
    }
}
