package org.deq.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.deq.archive.PatchSource;
import org.deq.index.SearchMethod;
import org.deq.search.BatchQuery;
import org.deq.search.BatchQuery.Answer;
import org.deq.search.Filter;

/**
 * {@code deq batch-query} on a Spark cluster: the query archive's patches are cut into contiguous slices, one task
 * each; a worker opens the index once (every worker needs its path) and answers its slice with
 * {@link BatchQuery#answer}, the same code as on local threads. Answers come back in the query archive's order.
 */
public final class SparkBatchQuery {

    /** Queries per task. */
    static final int PER_TASK = 64;

    private SparkBatchQuery() {
    }

    /**
     * The k nearest patches of the index in {@code index} to every patch of {@code queries}, searched by the
     * {@link SearchMethod} spec {@code search}; {@code progress} gets the count answered.
     */
    public static List<Answer> run(JavaSparkContext spark, ArchiveRef queries, Path index, String search, int k, Filter filter,
                                   LongConsumer progress) throws IOException {
        Path dir = index.toAbsolutePath();
        // the manifest names the committed version: a worker reopens the index when it changed since an earlier job
        String version = WorkerCache.sha256(Files.readAllBytes(dir.resolve("manifest.json")));
        AnswerSlice task = new AnswerSlice(queries, UUID.randomUUID().toString(), dir.toString(), version, search, k, filter);
        int tasks = 2 * Math.max(1, spark.defaultParallelism());
        List<String> ids = new ArrayList<>();
        for (PatchSource s : queries.open()) {
            ids.add(s.id());
        }
        List<Answer> answers = new ArrayList<>(ids.size());
        int batch = tasks * PER_TASK;
        for (int from = 0; from < ids.size(); from += batch) {
            int start = from;
            int to = Math.min(ids.size(), start + batch);
            long[] positions = new long[to - start];
            Arrays.setAll(positions, i -> start + i);
            List<Slice> slices = Slice.split(positions, ids.subList(start, to), tasks);
            for (List<Answer> part : spark.parallelize(slices, slices.size()).map(task).collect()) {
                answers.addAll(part);
            }
            progress.accept(answers.size());
        }
        return answers;
    }

    /** A task: answer one slice of the queries on a worker. */
    private record AnswerSlice(ArchiveRef queries, String job, String index, String version, String search, int k, Filter filter)
            implements Function<Slice, List<Answer>> {

        @Override
        public List<Answer> call(Slice slice) throws IOException {
            List<PatchSource> listing = WorkerCache.listing(queries, job);
            var qbe = WorkerCache.query(index, version, search);
            List<Answer> out = new ArrayList<>(slice.size());
            for (int i = 0; i < slice.size(); i++) {
                PatchSource source = slice.source(listing, i);
                out.add(source == null ? Answer.failed(slice.ids()[i], slice.moved(i)) : BatchQuery.answer(qbe, source, k, filter));
            }
            return out;
        }
    }
}
