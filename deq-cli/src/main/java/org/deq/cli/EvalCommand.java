package org.deq.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.eval.EvalProtocol;
import org.deq.eval.EvalReport;
import org.deq.eval.EvalSets;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.eval.Ranker;
import org.deq.eval.RetrievalEvaluator;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.index.Index;
import org.deq.index.SearchMethod;
import org.deq.spec.EnumNames;
import org.deq.store.IndexStore;
import org.deq.store.TrainingSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq eval}: retrieval quality of an index, every selected item a query in turn. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measures retrieval quality of an index against the labels stored with it.",
                "Each query item is excluded from its own results. Relevance: sharing at least one label.",
                "AP@k = (1/R_k) * sum_{i<=k} P@i * rel_i with R_k = relevant items in the top k (0 when none);",
                "map_full divides by all relevant database items over the full ranking.",
                "Multi-label truth adds ACG@k, WAP@k and the label-level precision/recall/accuracy/Hamming loss",
                "of Dai, Demir, Sankur & Bruzzone (JSTARS 2018), averaged over the k results and all queries."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @Option(names = "--k", defaultValue = "20", description = "Results per query (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--distance", description = "Distance to rank by (l1, l2, chi2, cosine); default: the index's.")
    String distance;

    @Option(names = "--queries", defaultValue = "all", description = "Query items: all, train or test (default ${DEFAULT-VALUE}).")
    String queries;

    @Option(names = "--database", defaultValue = "all", description = "Database items: all, train or test (default ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--split", defaultValue = "60/40", description = "Seeded per-class train/test split used by train/test scopes (default ${DEFAULT-VALUE}).")
    String split;

    /** Seed of the split when --seed is not given; deq index splits with it too. */
    static final long DEFAULT_SPLIT_SEED = 1;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SPLIT_SEED, description = "Seed of the split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--full-ranking", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also rank the whole database for map_full (default ${DEFAULT-VALUE}).")
    boolean fullRanking;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--search", defaultValue = "flat", description = {"Search method (default ${DEFAULT-VALUE}): flat, hamming, mih, table[:radius=R],",
            "two-stage[:candidates=N] (at least k candidates are re-ranked; its map_full ranks the rest in Hamming order),",
            "multi-code; see deq query. table (codes of at most 64 bits) ranks only the codes within its radius, so it",
            "gives no map_full."})
    String search;

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        Counts.threads(threads);
        OutputFiles.prepareJson("--json", json, index);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        SearchMethod method = SearchMethod.parse(search);
        method.checkDistance(distance);
        try (IndexStore store = IndexStore.open(index)) {
            if (store.size() < 2) {
                throw new IllegalArgumentException(index + ": the index holds " + Format.count(store.size(), "patch", "patches") + "; evaluation needs at least 2");
            }
            LabelTruth truth = IndexEvaluation.truthOf(store);
            List<String> notes = new ArrayList<>();
            boolean full = fullRanking;
            // a table probe ranks only the codes within its radius: it has no full ranking to score
            if (full && method.kind() == SearchMethod.Kind.TABLE) {
                if (spec.commandLine().getParseResult().hasMatchedOption("--full-ranking")) {
                    throw new IllegalArgumentException("--search " + search + " ranks only its candidates, and map_full needs"
                            + " every item ranked; leave out --full-ranking");
                }
                full = false;
                notes.add("note: --search " + search + " ranks only its candidates, so map_full (every item ranked) is left out");
            }
            EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.parse(queries), EvalProtocol.Scope.parse(database),
                    EvalProtocol.parseSplit(split), seed, full);
            var parsed = spec.commandLine().getParseResult();
            if ((parsed.hasMatchedOption("--split") || parsed.hasMatchedOption("--seed"))
                    && protocol.queries() == EvalProtocol.Scope.ALL && protocol.database() == EvalProtocol.Scope.ALL) {
                notes.add("note: --split and --seed choose train and test parts; with --queries all --database all they change nothing");
            }
            EvalSets sets = protocol.resolve(truth);
            sets.notes().forEach(n -> notes.add("note: " + n));
            Distance dist = distance == null ? store.config().distance() : Distance.parse(distance);
            // one thread per query: the evaluator runs queries in parallel, and ms per query is single-thread latency
            Index searched = store.index(method, dist, 1);
            Ranker ranker = IndexEvaluation.ranker(store, sets, searched, k, method.ranksByCodes());
            EvalReport report;
            try (Progress bar = new Progress("eval", sets.queries().length)) {
                report = new RetrievalEvaluator(nThreads).evaluate(protocol, truth, ranker, k, done -> bar.stepTo(done));
            }
            out().println("index " + index + " (" + store.config().descriptorSpec() + ", " + dist.name().toLowerCase() + ", "
                    + QueryCommand.describe(method, store) + ")");
            out().print(report.toTable());
            report.notes().forEach(n -> notes.add("note: " + n)); // figures that say little: no relevant item, k past the database
            if (method.kind() != SearchMethod.Kind.FLAT && store.encoder() != null && Encoders.supervised(store.encoder().spec())) {
                String note = trainingNote(store.encoder().spec(), store.encoderTrainedOn(), store.size(), protocol.queries(),
                        split, seed);
                if (note != null) {
                    notes.add(note);
                }
            }
            String outdated = store.outdatedReadersNote();
            if (outdated != null) {
                notes.add("note: " + outdated);
            }
            notes.forEach(out()::println);
            if (json != null) {
                // what was measured travels with the figures: two runs' files tell their index and method apart
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("index", index.toString());
                doc.put("descriptor", store.config().descriptorSpec());
                doc.put("distance", EnumNames.key(dist));
                doc.put("search", QueryCommand.describe(method, store));
                doc.put("notes", notes.stream().map(n -> n.replaceFirst("^note: ", "")).toList());
                doc.putAll(new ObjectMapper().readValue(report.toJson(), new TypeReference<LinkedHashMap<String, Object>>() { }));
                OutputFiles.writeJson(json, doc);
                out().println("wrote " + json);
            }
        }
        return 0;
    }

    /**
     * A note when codes learned from labels are scored on images they may have learned from (the codes of training
     * images carry their labels, so as queries they flatter the encoder): queries other than the test part, a split
     * other than the one recorded with the encoder, or patches added since it was trained (the same split over more
     * patches is another partition), or a split not recorded (an index built before deq recorded it); null when the
     * evaluation is clean.
     */
    static String trainingNote(String encoder, TrainingSplit trainedOn, int items, EvalProtocol.Scope queries, String split,
                               long seed) {
        boolean known = trainedOn != null && trainedOn.split() != null;
        if (known && trainedOn.items() != items) {
            return "note: " + encoder + " learned from the train part of --split " + trainedOn.split() + " --seed "
                    + trainedOn.seed() + " when the index held " + trainedOn.items() + " patches; with the " + items
                    + " it holds now, every split mixes its training images into the test part (train it again with"
                    + " deq index --hash)";
        }
        String advice = known ? "--split " + trainedOn.split() + " --seed " + trainedOn.seed() + ", the split it was trained with"
                : "the --split/--seed it was trained with";
        if (queries != EvalProtocol.Scope.TEST) {
            return "note: " + encoder + " learned from labels; score it on unseen images with --queries test and " + advice;
        }
        if (!known) { // an index built before deq recorded it: the test part may hold training images, or may not
            return "note: " + encoder + " learned from labels, and the split it was trained with is not recorded (an"
                    + " index built before deq recorded it): unless --split " + split + " --seed " + seed + " is that split,"
                    + " the test part holds some of its training images (deq index --hash trains it again, recorded)";
        }
        if (!(EvalProtocol.parseSplit(trainedOn.split()) == EvalProtocol.parseSplit(split) && trainedOn.seed() == seed)) {
            return "note: " + encoder + " learned from the train part of --split " + trainedOn.split() + " --seed "
                    + trainedOn.seed() + "; the test part of --split " + split + " --seed " + seed
                    + " holds some of its training images";
        }
        return null;
    }
}
