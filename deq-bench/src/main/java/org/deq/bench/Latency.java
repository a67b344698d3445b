package org.deq.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.deq.concurrent.Workers;

/** Timing of a query set: per-query latency percentiles on one thread and throughput on a pool, medians over repeats. */
final class Latency {

    /** Median p50 and p99 single-thread latency (ms) and median throughput (queries/s) over the repeats. */
    record Figures(double p50Ms, double p99Ms, double qps) {
    }

    private Latency() {
    }

    /** Runs {@code query} for 0..queries-1: once to warm up, then {@code repeats} timed passes on one thread and on {@code threads}. */
    static Figures measure(int queries, int repeats, int threads, IntConsumer query) {
        for (int q = 0; q < queries; q++) {
            query.accept(q);
        }
        double[] p50 = new double[repeats];
        double[] p99 = new double[repeats];
        double[] qps = new double[repeats];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < repeats; r++) {
                long[] sorted = timedPass(queries, query);
                p50[r] = p50(sorted);
                p99[r] = sorted[(int) Math.ceil(0.99 * queries) - 1] / 1e6;
                qps[r] = queries / parallelSeconds(pool, queries, threads, query);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Figures(median(p50), median(p99), median(qps));
    }

    /**
     * Per-repeat speed-ups of {@code candidate} over {@code baseline}: single-thread p50 of a baseline pass over the
     * p50 of a candidate pass run right after it, so that a change in the machine's load hits both alike. Ascending.
     */
    static double[] pairedSpeedups(int queries, int repeats, IntConsumer baseline, IntConsumer candidate) {
        double[] ratios = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            ratios[r] = p50(timedPass(queries, baseline)) / p50(timedPass(queries, candidate));
        }
        Arrays.sort(ratios);
        return ratios;
    }

    /** Nanoseconds of each query of one pass on this thread, ascending. */
    private static long[] timedPass(int queries, IntConsumer query) {
        long[] nanos = new long[queries];
        for (int q = 0; q < queries; q++) {
            long start = System.nanoTime();
            query.accept(q);
            nanos[q] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Median of ascending nanoseconds, in ms. */
    private static double p50(long[] sorted) {
        return sorted[(sorted.length - 1) / 2] / 1e6;
    }

    /** Wall seconds for {@code threads} workers to take the queries one by one from a shared counter. */
    private static double parallelSeconds(ExecutorService pool, int queries, int threads, IntConsumer query) {
        int[] next = {0};
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                for (int q = take(next); q < queries; q = take(next)) {
                    query.accept(q);
                }
                return null;
            });
        }
        long start = System.nanoTime();
        try {
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw Workers.unwrap(e, "benchmark query", RuntimeException.class);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int take(int[] next) {
        synchronized (next) {
            return next[0]++;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
