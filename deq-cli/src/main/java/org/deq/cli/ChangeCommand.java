package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.change.ChangeEvaluation;
import org.deq.change.ChangeExample;
import org.deq.change.ChangeHit;
import org.deq.change.ChangeIndex;
import org.deq.change.ChangeRecords;
import org.deq.change.ChangeSearch;
import org.deq.search.Filter;
import org.deq.store.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq change}: query by a before/after pair, or evaluate change queries on a synthetic archive. */
@Command(name = "change", mixinStandardHelpOptions = true,
        header = "Change query: finds the bi-temporal pairs whose change is most like an example change.",
        description = {"Change query: prints the index's bi-temporal pairs (one footprint, consecutive dates) whose change",
                "is most like the change from a 'before' to an 'after' example (after minus before in descriptor space);",
                "each example is a stored id (--before, --after) or a file (--before-image, --after-image).",
                "--eval instead queries with every pair whose change type the archive records (deq synth --pairs)",
                "and prints precision@k of the same change type."})
final class ChangeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    // plain options checked in call(): picocli's nested groups word a mistake in their own grammar
    @Option(names = "--before", description = "Id of the earlier patch, stored in the index.")
    String beforeId;

    @Option(names = "--before-image", description = "Earlier example: GeoTIFF, PNG, JPEG or a patch folder (BigEarthNet, SSL4EO-S12 date).")
    Path beforeImage;

    @Option(names = "--after", description = "Id of the later patch, stored in the index.")
    String afterId;

    @Option(names = "--after-image", description = "Later example, of the same kind.")
    Path afterImage;

    @Option(names = "--eval", description = "Evaluate change retrieval against the archive's recorded change types.")
    boolean eval;

    @Option(names = "--k", defaultValue = "10", description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--filter", description = {"Filter term on the later patch (repeatable): labels-any=A|B, labels-all=A|B,",
            "from=2017-06-01, to=2018-01-01, bbox=minLon,minLat,maxLon,maxLat (minLon east of maxLon: across the antimeridian), exclude-flags=snow|cloud|level-1c,",
            "season=winter|spring|summer|autumn (UTC month of acquisition, northern seasons); days are UTC and a to= day is included."})
    List<String> filters = new ArrayList<>();

    @Option(names = "--json", description = "Also write the pairs (rank, distance, before and after: id, acquired, bbox, labels,"
            + " flags) and notes as JSON to this file; with --eval, the figures (precision, afterImagePrecision, types).")
    Path json;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        checkExamples();
        if (eval && !filters.isEmpty()) { // the figures are of every recorded pair: a filter would be ignored in silence
            throw new IllegalArgumentException("--filter applies to a query's pairs; --eval scores every pair whose change"
                    + " type the archive records, and takes no --filter");
        }
        OutputFiles.prepareJson("--json", json, index, beforeImage, afterImage);
        PrintWriter out = spec.commandLine().getOut();
        try (IndexStore store = IndexStore.open(index)) {
            long start = System.nanoTime();
            ChangeSearch search = new ChangeSearch(store, Runtime.getRuntime().availableProcessors());
            int pairs = search.index().pairs().size();
            if (pairs == 0) {
                throw new IllegalArgumentException("the index " + index + " holds no bi-temporal pairs (patches of one footprint"
                        + " at two dates); nothing to compare a change with");
            }
            if (eval) {
                return evaluate(out, store, search);
            }
            Filter filter = filters.isEmpty() ? Filter.NONE : Filter.parse(filters);
            ChangeExample before = example(beforeId, beforeImage);
            ChangeExample after = example(afterId, afterImage);
            ChangeSearch.Answer answer = search.query(before, after, k, filter);
            List<ChangeHit> hits = answer.hits();
            notes.addAll(answer.notes());
            answer.notes().forEach(n -> out.println("note: " + n)); // as the server's responses carry them
            double ms = (System.nanoTime() - start) / 1e6;
            out.printf("%s in %.1f ms (%s of %s, %s)%n", Format.count(hits.size(), "result", "results"), ms,
                    Format.count(pairs, "pair", "pairs"), Format.count(store.size(), "patch", "patches"),
                    store.config().descriptorSpec());
            for (ChangeHit h : hits) {
                out.println(Format.changeHit(h));
            }
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("index", index.toString());
                doc.put("before", search.meta(before).id());
                doc.put("after", search.meta(after).id());
                doc.put("k", k);
                doc.put("ms", ms);
                doc.put("pairs", pairs);
                doc.put("notes", notes);
                doc.put("results", hits.stream().map(ChangeCommand::row).toList());
                OutputFiles.writeJson(json, doc);
                out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** Notes printed so far, kept for --json. */
    private final List<String> notes = new ArrayList<>();

    /** One pair as --json writes it: rank, distance, and its two patches as deq query's --json writes a patch. */
    private static Map<String, Object> row(ChangeHit h) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rank", h.rank());
        r.put("distance", h.distance());
        r.put("before", QueryCommand.patch(h.before()));
        r.put("after", QueryCommand.patch(h.after()));
        return r;
    }

    /** Either --eval or one example per side, each a stored id or a file. */
    private void checkExamples() {
        boolean anyExample = beforeId != null || beforeImage != null || afterId != null || afterImage != null;
        if (eval) {
            if (anyExample) {
                throw new IllegalArgumentException("--eval queries with the archive's own pairs; it takes no --before, --after,"
                        + " --before-image or --after-image");
            }
            return;
        }
        if (!anyExample) {
            throw new IllegalArgumentException("give a before example (--before ID or --before-image FILE) and an after one"
                    + " (--after ID or --after-image FILE), or --eval");
        }
        checkSide("before", beforeId, beforeImage);
        checkSide("after", afterId, afterImage);
    }

    private static void checkSide(String side, String id, Path image) {
        if (id != null && image != null) {
            throw new IllegalArgumentException("--" + side + " and --" + side + "-image both give the " + side
                    + " example; give one");
        }
        if (id == null && image == null) {
            throw new IllegalArgumentException("missing the " + side + " example: --" + side + " ID or --" + side + "-image FILE");
        }
    }

    /** One side: a stored id, or a file read with its no-data pixels as 0, which a note then counts. */
    private ChangeExample example(String id, Path image) throws IOException {
        if (id != null) {
            return ChangeExample.stored(id);
        }
        GriddedPatch read = Archives.readWithNoData(image);
        if (read.noDataNote() != null) {
            notes.add(read.noDataNote());
            spec.commandLine().getOut().println("note: " + read.noDataNote());
        }
        return ChangeExample.of(read.patch());
    }

    private int evaluate(PrintWriter out, IndexStore store, ChangeSearch search) throws IOException {
        String[] truth = ChangeRecords.types(store, search.index().pairs());
        ChangeEvaluation eval = ChangeEvaluation.of(search.index(), truth, k);
        if (eval.queries() == 0) {
            throw new IllegalArgumentException("no pair of the index " + index + " has a recorded change type (deq_change in"
                    + " the patches' metadata, written by deq synth --pairs)");
        }
        ChangeEvaluation afterOnly = ChangeEvaluation.of(ChangeIndex.ofAfterImages(store, Runtime.getRuntime().availableProcessors()),
                truth, k);
        out.printf("change queries: %d pairs with a known type of %d, precision@%d of the same type %.3f "
                + "(ranking by the after image alone: %.3f)%n", eval.queries(), search.index().pairs().size(), k,
                eval.precision(), afterOnly.precision());
        double ceiling = ceiling(truth, k);
        if (ceiling < 1) {
            out.printf("  at most %.3f: some change types have fewer than %d other pairs (more pairs: deq synth --pairs)%n",
                    ceiling, k);
        }
        List<Map<String, Object>> types = new ArrayList<>();
        for (Map.Entry<String, Double> e : eval.precisionByType().entrySet()) {
            out.printf("  %-14s %.3f  (after image alone %.3f)%n", e.getKey(), e.getValue(),
                    afterOnly.precisionByType().get(e.getKey()));
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("type", e.getKey());
            type.put("precision", e.getValue());
            type.put("afterImagePrecision", afterOnly.precisionByType().get(e.getKey()));
            types.add(type);
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("index", index.toString());
            doc.put("k", k);
            doc.put("pairs", search.index().pairs().size());
            doc.put("queries", eval.queries());
            doc.put("precision", eval.precision());
            doc.put("afterImagePrecision", afterOnly.precision());
            doc.put("ceiling", ceiling);
            doc.put("types", types);
            OutputFiles.writeJson(json, doc);
            out.println("wrote " + json);
        }
        return 0;
    }

    /** The best precision@k any ranking reaches: a query of a type with n pairs finds at most n − 1 others. */
    private static double ceiling(String[] truth, int k) {
        Map<String, Integer> count = new HashMap<>();
        for (String t : truth) {
            if (t != null) {
                count.merge(t, 1, Integer::sum);
            }
        }
        double sum = 0;
        int queries = 0;
        for (String t : truth) {
            if (t != null) {
                sum += Math.min(k, count.get(t) - 1) / (double) k;
                queries++;
            }
        }
        return queries == 0 ? 1 : sum / queries;
    }
}
