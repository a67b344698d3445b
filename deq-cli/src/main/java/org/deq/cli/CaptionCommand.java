package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.analysis.Caption;
import org.deq.analysis.LabelPrediction;
import org.deq.analysis.LabelPrediction.LabelScore;
import org.deq.analysis.LabelPrediction.Neighbours;
import org.deq.analysis.LabelPrediction.Prediction;
import org.deq.analysis.LabelPrediction.Weighting;
import org.deq.analysis.LabelPredictionEvaluation;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.eval.ArchiveOrderSplit;
import org.deq.raster.Patch;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq caption}: a patch's labels predicted from its nearest neighbours in a labelled index, as one sentence. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        header = "Describes a patch in one sentence from the labels of its nearest neighbours, or scores the label prediction.",
        description = {"--id ID | --patch FILE: the k nearest patches of a labelled index vote for their labels, each with weight",
                "1/distance; a label's score is its share of the votes, labels scoring above --threshold (and always the best)",
                "are predicted and turned into a sentence, hedging those below " + Caption.CONFIDENT + " with 'possibly'. The query",
                "itself never votes (a stored --id, or a --patch file the index holds), nor any stored copy of it (distance 0).",
                "--eval: leave-one-out over the whole index, or with --held-out-last P the last P %% of each archive folder",
                "predicted from the rest (every 5th query with --quick): example-based precision/recall/F1,",
                "micro/macro F1, per-label F1 and best-label accuracy, against the majority vote, the nearest neighbour and the",
                "prior, measured in the same run."})
final class CaptionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory (built with labels).")
    Path index;

    static final class Mode {
        @Option(names = "--id", description = "Id of a patch stored in the index.")
        String id;

        @Option(names = "--patch", description = "Patch file: GeoTIFF, PNG, JPEG or a patch folder (BigEarthNet, SSL4EO-S12 date).")
        Path patch;

        @Option(names = "--eval", description = "Score the label prediction: leave-one-out over the index, or on --held-out-last.")
        boolean eval;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--k", defaultValue = "" + LabelPrediction.K, description = "Neighbours that vote (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--threshold", defaultValue = "" + LabelPrediction.THRESHOLD,
            description = "Score above which a label is predicted, in [0, 1) (default ${DEFAULT-VALUE}).")
    float threshold;

    @Option(names = "--quick", description = "With --eval: every 5th patch as a query.")
    boolean quick;

    @Option(names = "--held-out-last", paramLabel = "PERCENT", description = "With --eval: predict only the last PERCENT %% of"
            + " each archive folder (name order) from the rest, instead of every patch from all others: pictures cut"
            + " from the same photograph as a query (UC Merced numbers them in turn) then rarely vote.")
    Integer heldOutLast;

    @Option(names = "--json", description = "Write the prediction (or the --eval scores) as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1), got " + threshold);
        }
        if ((quick || heldOutLast != null) && !mode.eval) {
            throw new IllegalArgumentException("--quick and --held-out-last go with --eval");
        }
        Counts.percent("--held-out-last", heldOutLast);
        OutputFiles.prepareJson("--json", json, index, mode.patch);
        PrintWriter out = spec.commandLine().getOut();
        try (IndexStore store = IndexStore.open(index)) {
            LabelPrediction prediction = LabelPrediction.of(store);
            if (mode.eval) {
                return eval(out, store, prediction);
            }
            List<String> notes = new ArrayList<>(); // printed as they come, and kept for --json
            if (prediction.unlabelledNote() != null) {
                notes.add(prediction.unlabelledNote());
                out.println("note: " + prediction.unlabelledNote());
            }
            float[] query;
            int self;
            String name;
            if (mode.id != null) {
                self = store.requireOrdinal(mode.id);
                query = store.vector(self);
                name = mode.id;
            } else {
                GriddedPatch read = Archives.readWithNoData(mode.patch);
                Patch example = read.patch();
                // the other level's look, or colour read from Sentinel-2 bands, decides its neighbours as much as the ground
                for (String note : QueryByExample.exampleNotes(read, store)) {
                    notes.add(note);
                    out.println("note: " + note);
                }
                query = new QueryByExample(store).describe(example);
                self = -1; // a stored copy of the file is left out with the others
                name = mode.patch.toString();
            }
            Neighbours nn = prediction.neighbours(query, k, null, self);
            for (String note : new String[] {LabelPrediction.copiesNote(nn, store),
                    LabelPrediction.kNote(k, prediction.voterCount(null, self) - nn.copies().length)}) {
                if (note != null) {
                    notes.add(note);
                    out.println("note: " + note);
                }
            }
            Prediction p = prediction.vote(nn.nearest(), k, threshold, Weighting.INVERSE_DISTANCE);
            List<LabelScore> labels = p.labels(prediction.labelNames());
            String caption = Caption.of(labels, !prediction.multiLabel());
            out.println(caption);
            for (LabelScore l : labels) {
                out.printf("  %.3f  %s%n", l.score(), l.label());
            }
            if (mode.id != null) {
                out.println("stored labels: " + String.join("; ", store.meta(self).labels()));
            }
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("query", name);
                doc.put("k", k);
                doc.put("threshold", threshold);
                doc.put("caption", caption);
                doc.put("labels", labels);
                doc.put("stored", mode.id != null ? store.meta(self).labels() : null); // as /api/caption gives them
                doc.put("notes", notes);
                OutputFiles.writeJson(json, doc);
                out.println("wrote " + json);
            }
        }
        return 0;
    }

    private int eval(PrintWriter out, IndexStore store, LabelPrediction prediction) throws IOException {
        int[] queries = LabelPredictionEvaluation.everyNth(prediction.size(), quick ? 5 : 1);
        BitSet voters = null;
        String protocol = "leave-one-out";
        if (heldOutLast != null) {
            boolean[] heldOut = ArchiveOrderSplit.heldOut(store, heldOutLast);
            voters = new BitSet(heldOut.length);
            List<Integer> tail = new ArrayList<>();
            for (int i = 0; i < heldOut.length; i++) {
                if (heldOut[i]) {
                    tail.add(i);
                } else {
                    voters.set(i);
                }
            }
            int step = quick ? 5 : 1;
            queries = new int[(tail.size() + step - 1) / step];
            for (int q = 0; q < queries.length; q++) {
                queries[q] = tail.get(q * step);
            }
            protocol = "the last " + heldOutLast + " % of each archive folder from the other " + voters.cardinality();
        }
        // each query votes for none but itself: left out of the voters under leave-one-out, none of them held out
        String many = LabelPrediction.kNote(k, prediction.voterCount(voters, -1) - (voters == null ? 1 : 0));
        if (many != null) {
            out.println("note: " + many);
        }
        long start = System.nanoTime();
        LabelPredictionEvaluation.Report report;
        try (Progress bar = new Progress("caption-eval", queries.length)) {
            report = LabelPredictionEvaluation.run(prediction, queries, voters, k, threshold, bar::stepTo);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.withCopies() > 0) {
            out.println("note: " + (report.withCopies() == 1 ? "1 query has" : report.withCopies() + " queries have")
                    + " stored copies (at distance 0, under other ids), left out of their votes as the queries themselves are");
        }
        out.printf("label prediction, %s: %d of %d patches as queries (%s, %d labels), k=%d, threshold %.2f, %.1f s%n",
                protocol, report.queries(), report.items(), report.multiLabel() ? "multi-label" : "single-label",
                prediction.labelNames().size(), k, threshold, seconds);
        out.println("variant                   precision  recall  F1 (example)  micro F1  macro F1  best-label acc.  exact match");
        for (LabelPredictionEvaluation.Score s : report.scores()) {
            out.printf("%-24s %9.3f %7.3f %13.3f %9.3f %9.3f %16.3f %12.3f%n", s.variant(), s.precision(), s.recall(), s.f1(),
                    s.microF1(), s.macroF1(), s.bestAccuracy(), s.exactMatch());
        }
        StringBuilder bands = new StringBuilder();
        for (LabelPredictionEvaluation.ScoreBand b : report.scores().get(0).byScore()) {
            if (b.labels() > 0) {
                bands.append(String.format("  %.2f-%.2f: %.3f of %d", b.from(), b.to(), b.precision(), b.labels()));
            }
        }
        out.println("predicted labels that are right, by score (" + report.scores().get(0).variant() + "; captions hedge below "
                + Caption.CONFIDENT + "):" + bands);
        List<String> header = new ArrayList<>();
        for (LabelPredictionEvaluation.Score s : report.scores()) {
            header.add(s.variant());
        }
        out.println("per-label F1: label, queries carrying it, then " + String.join(" | ", header));
        for (int l = 0; l < prediction.labelNames().size(); l++) {
            StringBuilder row = new StringBuilder(String.format("  %-28s %5d", prediction.labelNames().get(l),
                    report.scores().get(0).perLabel().get(l).support()));
            for (LabelPredictionEvaluation.Score s : report.scores()) {
                row.append(String.format("  %.3f", s.perLabel().get(l).f1()));
            }
            out.println(row);
        }
        if (json != null) {
            // the protocol beside the figures: the console's line says it, and two runs' files must tell it too
            OutputFiles.writeJson(json, OutputFiles.fields("index", index.toAbsolutePath().normalize().toString(),
                    "protocol", heldOutLast == null ? "leave-one-out" : "held-out-last", "heldOutLastPercent", heldOutLast,
                    "quick", quick, "seconds", seconds, "report", report));
            out.println("wrote " + json);
        }
        return 0;
    }
}
