package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.index.Distance;
import org.deq.index.MultiCodeModel;
import org.deq.index.SearchMethod;
import org.deq.raster.GeoBox;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.spec.EnumNames;
import org.deq.store.IndexStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq query}: the patches of an index most similar to an example. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Query by example: prints the index's patches most similar to a stored patch or to image files.",
                "Several --image options query by several examples (their descriptors are averaged)."})
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Example example;

    static final class Example {
        @Option(names = "--id", paramLabel = Counts.ID_LIST, description = "Id of a patch stored in the index, itself left"
                + " out of the results (repeatable or comma-separated, as deq feedback's --query: several ids are averaged).")
        List<String> ids;

        @Option(names = "--image", description = "Example file: GeoTIFF, PNG, JPEG or a patch folder (BigEarthNet, SSL4EO-S12 date) (repeatable).")
        List<Path> images;
    }

    @Option(names = "--k", defaultValue = "10", description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--distance", description = "Distance of the exact search and of two-stage's re-ranking (l1, l2, chi2,"
            + " cosine); default: the index's.")
    String distance;

    @Option(names = "--filter", description = {"Filter term (repeatable): labels-any=A|B, labels-all=A|B, from=2017-06-01,",
            "to=2018-01-01, bbox=minLon,minLat,maxLon,maxLat (minLon east of maxLon: across the antimeridian), exclude-flags=snow|cloud|level-1c,",
            "season=winter|spring|summer|autumn (UTC month of acquisition, northern seasons); days are UTC and a to= day is included."})
    List<String> filters = new ArrayList<>();

    @Option(names = "--json", description = "Also write the results (rank, id, distance, acquired, bbox, labels, flags) and notes as JSON to this file.")
    Path json;

    @Option(names = "--search", defaultValue = "flat", description = {"Search method (default ${DEFAULT-VALUE}): flat (exact), hamming (popcount scan),",
            "mih (multi-index hashing), table[:radius=R] (hash-table lookup, codes of at most 64 bits), two-stage[:candidates=N]",
            "(Hamming candidates re-ranked exactly) or multi-code (multi-code hashing of the regions of a",
            "local-hist descriptor, model stored by deq index --multi-code); all but flat need an index built with --hash."})
    String search;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        if (example.ids != null) {
            example.ids = Counts.ids("--id", example.ids);
        }
        Filter filter = filters.isEmpty() ? Filter.NONE : Filter.parse(filters);
        OutputFiles.prepareJson("--json", json, index);
        SearchMethod method = SearchMethod.parse(search);
        Distance dist = distance == null ? null : Distance.parse(distance);
        method.checkDistance(distance);
        try (IndexStore store = IndexStore.open(index)) {
            QueryByExample qbe = QueryByExample.open(store, method, dist == null ? store.config().distance() : dist,
                    Runtime.getRuntime().availableProcessors());
            long start = System.nanoTime();
            List<Hit> hits;
            if (example.ids != null) {
                hits = qbe.byIds(example.ids, k, filter);
            } else {
                List<Patch> patches = new ArrayList<>();
                for (Path p : example.images) {
                    GriddedPatch read = Archives.readWithNoData(p);
                    Patch patch = read.patch();
                    QueryByExample.exampleNotes(read, store).forEach(this::note);
                    patches.add(patch);
                }
                hits = qbe.byExamples(patches, k, filter);
            }
            double ms = (System.nanoTime() - start) / 1e6;
            out().printf("%s in %.1f ms (%s over %s, %s)%n", Format.count(hits.size(), "result", "results"), ms,
                    store.config().descriptorSpec(), Format.count(store.size(), "patch", "patches"), describe(method, store)
                            + (dist != null ? ", " + EnumNames.key(dist) : ""));
            // a term that matches nothing, or removes nothing (a flag no patch has), is said whatever the list's length
            filter.inertTerms(store.columns()).forEach(this::note);
            if (hits.size() < k) {
                // a probe radius short of the code length misses codes the index holds; say so, unless a filter or the
                // index's size is what limits the results
                int available = store.size() - (example.ids != null ? example.ids.size() : 0);
                if (method.kind() == SearchMethod.Kind.TABLE && filter == Filter.NONE && hits.size() < available
                        && method.radius() < store.encoder().bits()) {
                    note(String.format("%s within Hamming radius %d of the query's; a larger --search table:radius=R"
                            + " finds more, --search mih finds the %d nearest codes", hits.isEmpty() ? "no stored code lies"
                            : "only " + Format.count(hits.size(), "stored code lies", "stored codes lie"), method.radius(),
                            Math.min(k, available)));
                } else if (available == 0) { // the query examples, left out of the results, are all the index holds
                    note("the index holds no patch besides the query" + (store.size() > 1 ? "'s " + store.size() + " examples"
                            : "") + ", and a query's examples are left out of its results");
                }
            }
            for (Hit h : hits) {
                out().println(Format.hit(h));
            }
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("index", index.toString());
                doc.put("search", describe(method, store));
                doc.put("k", k);
                doc.put("ms", ms);
                doc.put("notes", notes);
                doc.put("results", hits.stream().map(QueryCommand::row).toList());
                OutputFiles.writeJson(json, doc);
                out().println("wrote " + json);
            }
        }
        return 0;
    }

    private final List<String> notes = new ArrayList<>();

    /** Prints a note and keeps it for --json. */
    private void note(String text) {
        notes.add(text);
        out().println("note: " + text);
    }

    /** One result as --json writes it: rank, id, distance, then the patch as {@link #patch} gives it. */
    private static Map<String, Object> row(Hit h) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rank", h.rank());
        r.put("id", h.id());
        r.put("distance", h.distance());
        r.putAll(patch(h.meta()));
        return r;
    }

    /**
     * A patch as the --json outputs of deq query and deq change write it: id, acquired, bbox (its footprint as
     * {@code [minLon, minLat, maxLon, maxLat]}, maxLon west of minLon across the antimeridian), labels and flags.
     */
    static Map<String, Object> patch(PatchMeta m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", m.id());
        r.put("acquired", m.acquired() == null ? null : m.acquired().toString());
        GeoBox b = m.footprint();
        r.put("bbox", b == null ? null : List.of(b.minLon(), b.minLat(), b.east(), b.maxLat())); // as the API gives it
        r.put("labels", m.labels());
        r.put("flags", m.flags().stream().sorted().toList());
        return r;
    }

    /**
     * The search method with the encoder it uses, e.g. {@code mih over lsh:bits=64}; distances are then Hamming. A
     * multi-code model is named by its own clusters and codes, which may be another spec than the index's encoder.
     */
    static String describe(SearchMethod method, IndexStore store) {
        return switch (method.kind()) {
            case FLAT -> "flat";
            case MULTI_CODE -> {
                MultiCodeModel model = store.multiCodeModel();
                yield method + " of " + model.clusters() + " clusters over " + model.codes();
            }
            default -> method + " over " + store.encoder().spec();
        };
    }
}
