package org.deq.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.deq.archive.PatchSource;
import org.deq.concurrent.LeasedCache;
import org.deq.index.SearchMethod;
import org.deq.search.BatchQuery;
import org.deq.search.BatchQuery.Answer;
import org.deq.search.Filter;
import org.deq.search.QueryByExample;

/**
 * {@code deq batch-query} on a Spark cluster: the query folder's patches are cut into batches of contiguous slices, one
 * task per slice; a worker opens the index once (every worker needs its path) and answers its slices with
 * {@link BatchQuery#answer}, the same code as on local threads. All batches are submitted at once, so the workers never
 * wait for the driver; answers come back in the folder's order.
 */
public final class SparkBatchQuery {

    /** Queries per task. */
    static final int PER_TASK = 64;

    private SparkBatchQuery() {
    }

    /**
     * The k nearest patches of the index in {@code index} (committed generation {@code generation}: a worker that finds
     * another fails the job, so every answer comes from that one) to every patch of {@code queries}, searched by the {@link SearchMethod} spec
     * {@code search}, each query's own stored patch left out with {@code excludeSelf}; {@code progress} gets the count answered.
     */
    public static List<Answer> run(JavaSparkContext spark, ArchiveRef queries, Path index, long generation, String search,
                                   int k, Filter filter, boolean excludeSelf, LongConsumer progress) throws IOException {
        AnswerSlice task = new AnswerSlice(queries, UUID.randomUUID().toString(), index.toAbsolutePath().toString(),
                generation, search, k, filter, excludeSelf);
        List<PatchSource> sources = new ArrayList<>();
        queries.open().forEach(sources::add);
        int tasks = SliceJobs.tasks(spark);
        int batch = tasks * PER_TASK;
        List<JavaFutureAction<List<List<Answer>>>> jobs = new ArrayList<>();
        for (int from = 0; from < sources.size(); from += batch) {
            jobs.add(SliceJobs.submit(spark, Slice.split(sources.subList(from, Math.min(sources.size(), from + batch)), tasks), task));
        }
        List<Answer> answers = new ArrayList<>(sources.size());
        try {
            for (JavaFutureAction<List<List<Answer>>> job : jobs) {
                answers.addAll(SliceJobs.collect(spark, job, "batch query"));
                progress.accept(answers.size());
            }
        } finally {
            jobs.forEach(j -> j.cancel(true)); // after a failure, the batches still queued
            WorkerCache.clear();
        }
        return answers;
    }

    /** A task: answer one slice of the queries on a worker. */
    private record AnswerSlice(ArchiveRef queries, String job, String index, long generation, String search, int k, Filter filter,
                               boolean excludeSelf) implements Function<Slice, List<Answer>> {

        @Override
        public List<Answer> call(Slice slice) throws IOException {
            Map<Slice.Key, PatchSource> listing = WorkerCache.listing(queries, job);
            // held to the last answer: another job's index generation must not close the store under this task
            try (LeasedCache<WorkerCache.OpenIndex>.Lease opened = WorkerCache.query(index, generation, search)) {
                QueryByExample qbe = opened.value().query();
                List<Answer> out = new ArrayList<>(slice.size());
                for (int i = 0; i < slice.size(); i++) {
                    PatchSource source = slice.source(listing, i);
                    out.add(source == null ? Answer.failed(slice.ids()[i], slice.missing(i)) : BatchQuery.answer(qbe, source, k, filter, excludeSelf));
                }
                return out;
            }
        }
    }
}
