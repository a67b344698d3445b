package org.deq.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.deq.archive.Archive;
import org.deq.index.SearchMethod;
import org.deq.io.AtomicFiles;
import org.deq.search.BatchQuery;
import org.deq.search.BatchQuery.Answer;
import org.deq.search.Filter;
import org.deq.search.QueryByExample;
import org.deq.spark.ArchiveRef;
import org.deq.spark.SparkBatchQuery;
import org.deq.store.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq batch-query}: every patch of a folder as a query, answers to a CSV file, on local threads or on Spark. */
@Command(name = "batch-query", mixinStandardHelpOptions = true,
        header = "Answers every patch of a folder as a query and writes the results to a CSV file.",
        description = {"Each query's k results are rows (query,rank,id,distance), queries in the folder's order. The folder",
                "has any layout deq index reads (BigEarthNet patch folders, GeoTIFFs, class folders of pictures); each patch",
                "is read as deq query --image reads an example, so it needs no labels, and noted as it notes one (pixels",
                "without data read as 0, another processing level, Sentinel-2 bands read as colours). Exact search with the",
                "index's distance, or --search.",
                "A query that cannot be read or described is reported and skipped. --spark answers on Apache Spark:",
                "each worker opens the index once, so every worker needs the index and the queries at the same paths."})
final class BatchQueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory.")
    Path index;

    @Option(names = "--queries", required = true, description = "Folder of query patches.")
    Path queries;

    @Option(names = "--k", defaultValue = "10", description = "Results per query (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--filter", description = "Filter term (repeatable), as in deq query.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--exclude-self", description = {"Leave out of each query's results the stored patch of the query's id, as",
            "deq query --id leaves out its query: for queries from the indexed archive itself (ids as deq index gives them)."})
    boolean excludeSelf;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path csv;

    @Option(names = "--search", defaultValue = "flat", description = {"Search method, as in deq query (default ${DEFAULT-VALUE}):",
            "flat, hamming, mih, table[:radius=R], two-stage[:candidates=N] or multi-code."})
    String search;

    @Option(names = "--threads", description = "Worker threads without --spark (default: all cores).")
    Integer threads;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        Counts.threads(threads);
        spark.check(threads, out());
        Filter filter = filters.isEmpty() ? Filter.NONE : Filter.parse(filters);
        SearchMethod method = SearchMethod.parse(search);
        OutputFiles.prepareCsv("--out", csv, index, queries);
        ArchiveRef queryFolder = ArchiveRef.of(queries, null);
        Archive archive = queryFolder.open();
        long start = System.nanoTime();
        List<Answer> answers;
        boolean selfLeftOut = true; // whether --exclude-self found a query's own stored patch (known on local threads)
        try (IndexStore store = IndexStore.open(index)) {
            store.checkSearch(method); // an index without the codes --search needs fails before any work
            out().println("answering the patches of " + archive.name() + " from " + index + " (" + Format.count(store.size(), "patch", "patches") + ", "
                    + store.config().descriptorSpec() + ", " + QueryCommand.describe(method, store) + ")"
                    + (spark.master == null ? "" : " on Spark " + spark.master));
            filter.inertTerms(store.columns()).forEach(n -> out().println("note: " + n)); // why rows may be few or none
            String outdated = store.outdatedReadersNote();
            if (outdated != null) {
                out().println("note: " + outdated);
            }
            long total = archive.sizeHint();
            Progress bar = new Progress("batch-query", total);
            // Ctrl-C: one line on both paths, not Spark's "context stopped" error or nothing; the bar stops first, so
            // the queries still answered meanwhile neither draw it after that line nor contradict its count
            Thread stopped = new Thread(() -> {
                bar.close();
                System.err.printf("deq: stopped; no CSV written (%d%s queries were answered)%n", bar.current(),
                        total < 0 ? "" : " of " + total);
            });
            Runtime.getRuntime().addShutdownHook(stopped);
            try (bar) {
                LongConsumer progress = bar::stepTo;
                if (spark.master == null) {
                    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                    answers = BatchQuery.run(QueryByExample.open(store, method, store.config().distance(), 1), archive, k,
                            filter, excludeSelf, n, progress);
                    selfLeftOut = !excludeSelf || anyStored(store, answers);
                } else {
                    long generation = store.generation();
                    store.close(); // a local master's workers open their own copy in this JVM
                    answers = SparkBatchQuery.run(spark.context(), queryFolder, index, generation, search, k, filter,
                            excludeSelf, progress);
                }
            } catch (IOException | RuntimeException e) {
                if (StopHooks.shuttingDown()) { // the hook says what was answered
                    return 130;
                }
                throw e;
            } finally {
                spark.stop();
                StopHooks.remove(stopped);
            }
            if (StopHooks.shuttingDown()) { // stopped as the last query was answered: the hook said no CSV is written
                return 130;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> bad = answers.stream().filter(a -> a.error() != null).map(Answer::error).toList();
        if (bad.size() == answers.size()) {
            throw new IllegalArgumentException(answers.isEmpty() ? queries + ": no query patches"
                    : "none of the " + answers.size() + " queries could be answered, the first: " + bad.get(0));
        }
        AtomicFiles.write(csv, stream -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
                BatchQuery.writeCsv(answers, w);
            }
        });
        List<String> notes = answers.stream().map(Answer::note).filter(n -> n != null).toList();
        out().printf("answered %s (%d bad%s) in %.1f s, %.1f queries/s; wrote %s%n",
                Format.count(answers.size() - bad.size(), "query", "queries"),
                bad.size(), notes.isEmpty() ? "" : ", " + notes.size() + " with notes", seconds,
                answers.size() / Math.max(seconds, 1e-9), csv);
        Format.badLines(out(), bad, "");
        Format.lines(out(), "note", notes, "");
        if (!selfLeftOut) {
            out().println("note: --exclude-self left nothing out: no query's id is a stored patch's (ids are paths below"
                    + " --queries, so give it the folder that was indexed, e.g. " + index + "'s archive root)");
        }
        return 0;
    }

    /** Whether some answered query's id names a stored patch, which --exclude-self leaves out of its results. */
    private static boolean anyStored(IndexStore store, List<Answer> answers) throws IOException {
        for (Answer a : answers) {
            if (a.error() == null && store.ordinal(a.queryId()) >= 0) {
                return true;
            }
        }
        return false;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
