package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deq.archive.Archives;
import org.deq.change.ChangePairs;
import org.deq.io.FileTrees;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.server.ServerConfig;
import org.deq.store.IndexStore;
import org.deq.synth.SyntheticArchiveSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq demo}: the whole job on an embedded synthetic archive, from nothing to ranked results. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Generates a synthetic archive and runs deq on it: search, evaluation, change queries and maps.",
        description = {"Generates a synthetic Sentinel-2 archive, indexes it, runs a few queries by example and prints the",
                "results with their labels, then measures retrieval quality. Re-running reuses what --dir already holds; an",
                "index that an interrupted run left short of the archive is completed first."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = "demo-work", description = "Working folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--n", defaultValue = "1000", description = "Synthetic patches (default ${DEFAULT-VALUE}).")
    long patches;

    @Option(names = "--pairs", defaultValue = "50", description = "Bi-temporal pairs (default ${DEFAULT-VALUE}).")
    long pairs;

    @Option(names = "--k", defaultValue = "5", description = "Results per query (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the synthetic archive (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serve", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Then serve the demo index over HTTP until Ctrl-C (default ${DEFAULT-VALUE}; --no-serve to stop after the figures).")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the demo server (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        // checked before the minutes of work they would otherwise end
        Counts.atLeastOne("--k", k);
        if (patches < 1 || pairs < 0 || port < 0 || port > 65535) {
            throw new IllegalArgumentException("--n must be >= 1, --pairs >= 0 and --port within 0..65535, got " + patches + ", "
                    + pairs + " and " + port);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dir " + dir + " is a file; give a folder");
        }
        Path archive = dir.resolve("archive");
        Path index = dir.resolve("index");
        if (!Files.isDirectory(archive)) {
            out.println("== 1. synthetic archive");
            // written beside and renamed when complete, so an interrupted demo never reuses half an archive
            Path partial = dir.resolve("archive.partial");
            if (Files.exists(partial)) {
                FileTrees.delete(partial);
            }
            SynthCommand.write(new SyntheticArchiveSpec(seed, patches, pairs, false), partial, false,
                    Runtime.getRuntime().availableProcessors(), out);
            Files.move(partial, archive);
            out.println("archive complete: " + archive);
        } else {
            out.println("== 1. reusing synthetic archive " + archive + " (--n, --pairs and --seed apply to a new --dir)");
        }
        long archived = Archives.open(archive).sizeHint(); // the demo's own archive: one patch per folder
        if (!IndexStore.exists(index)) {
            out.println("== 2. index");
            run("index", "--archive", archive.toString(), "--out", index.toString());
        } else {
            int indexed;
            try (IndexStore store = IndexStore.open(index)) {
                indexed = store.size();
            }
            if (indexed < archived) { // an interrupted index commits what it described: deq index adds the rest
                out.println("== 2. resuming index " + index + ": it holds " + indexed + " of the archive's " + archived
                        + " patches (an interrupted run)");
                run("index", "--archive", archive.toString(), "--out", index.toString());
            } else {
                out.println("== 2. reusing index " + index);
            }
        }
        out.println("== 3. queries by example");
        String firstQuery = null;
        try (IndexStore store = IndexStore.open(index)) {
            QueryByExample qbe = new QueryByExample(store);
            for (int ordinal : queryExamples(store)) {
                PatchMeta q = store.meta(ordinal);
                firstQuery = firstQuery == null ? q.source() : firstQuery;
                out.println("query " + q.id() + "  [" + String.join("; ", q.labels()) + "]");
                for (Hit h : qbe.byId(q.id(), k, Filter.NONE)) {
                    out.println(Format.hit(h));
                }
                out.println();
            }
        }
        out.println("== 4. retrieval quality (every patch a query, k=10)");
        run("eval", "--index", index.toString(), "--k", "10");
        try (IndexStore store = IndexStore.open(index)) {
            ChangePairs pairs = ChangePairs.of(store.columns());
            if (pairs.size() > 0) {
                String before = store.meta(pairs.before()[0]).id();
                String after = store.meta(pairs.after()[0]).id();
                out.println("== 5. change query: pairs that changed like " + before + " → " + after);
                run("change", "--index", index.toString(), "--before", before, "--after", after, "--k", String.valueOf(k));
                run("change", "--index", index.toString(), "--eval", "--k", "10");
                out.println("== 6. change map: which pixels of " + after + " changed");
                run("change-map", "--before", store.meta(pairs.before()[0]).source(), "--after", store.meta(pairs.after()[0]).source(),
                        "--out", index.resolveSibling("change-map.tif").toString());
            } else {
                out.println("== 5-6. change query and change map: skipped, the archive has no bi-temporal pairs (--pairs)");
            }
        }
        if (firstQuery != null) {
            out.println("== 7. biophysical maps (leaf area index, FAPAR, FCOVER, chlorophyll) of the first query");
            run("biophysical", "--patch", firstQuery, "--out", index.resolveSibling("biophysical.tif").toString());
        }
        String indexWord = Format.shellWord(index.toString()); // to paste into a shell, "my demo" included
        out.println("Next: deq query --index " + indexWord + " --id <patch id>   |   deq change --index " + indexWord
                + " --before <id> --after <id>   |   deq --help");
        if (serve) {
            out.println("== 8. web UI (patch cards have an LAI map button, pair cards a change map button)");
            ServeCommand.serveUntilStopped(index, ServerConfig.local(port), out, spec.root().version()[0]);
        }
        return 0;
    }

    /** Up to three patches whose label sets differ, so the demo shows different kinds of places. */
    private static List<Integer> queryExamples(IndexStore store) throws IOException {
        List<Integer> picks = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (int i = 0; i < store.size() && picks.size() < 3; i++) {
            if (seen.add(store.meta(i).labels())) {
                picks.add(i);
            }
        }
        return picks;
    }

    private void run(String... args) {
        CommandLine cl = Deq.commandLine();
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        int code = cl.execute(args);
        if (code != 0) {
            throw new IllegalStateException("demo step 'deq " + String.join(" ", args) + "' failed with exit code " + code);
        }
    }
}
