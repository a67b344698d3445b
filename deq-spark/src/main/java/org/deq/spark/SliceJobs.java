package org.deq.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.deq.io.Failures;

/** One Spark job per batch: a task per slice, started at once, whose results the driver collects later in slice order. */
final class SliceJobs {

    private SliceJobs() {
    }

    /** Tasks for a batch: twice the cluster's cores, so a slow task does not leave the others idle for long. */
    static int tasks(JavaSparkContext spark) {
        return 2 * Math.max(1, SparkContexts.cores(spark));
    }

    /** Starts a job that runs {@code task} on every slice; a context that cannot take jobs is one line. */
    static <T> JavaFutureAction<List<List<T>>> submit(JavaSparkContext spark, List<Slice> slices, Function<Slice, List<T>> task)
            throws IOException {
        try {
            return spark.parallelize(slices, slices.size()).map(task).collectAsync();
        } catch (IllegalStateException e) { // "Cannot call methods on a stopped SparkContext", then where it was made
            throw new IOException("Spark cannot run the job: " + Failures.firstLine(e), e);
        }
    }

    /**
     * The job's results, slice after slice. A failed job is an {@link IOException} with the first line of Spark's
     * reason (which names the task's exception), not Spark's multi-line report, or the {@link ExecutorWatch}'s reason
     * when it cancelled the job on {@code spark}; {@code what} names the job.
     */
    static <T> List<T> collect(JavaSparkContext spark, JavaFutureAction<List<List<T>>> job, String what) throws IOException {
        List<List<T>> parts;
        try {
            parts = job.get();
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String lost = ExecutorWatch.reason(spark);
            throw new IOException(what + " failed on Spark: " + (lost != null ? lost : Failures.firstLine(cause)), cause);
        }
        List<T> out = new ArrayList<>();
        for (List<T> part : parts) {
            out.addAll(part);
        }
        return out;
    }
}
