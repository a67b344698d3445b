package org.deq.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deq.archive.Archive;
import org.deq.archive.PatchSource;
import org.deq.describe.Descriptor;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.io.FileTrees;
import org.deq.raster.BadInputException;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;

/**
 * Ingest throughput on one archive: patches per second to read, to read and describe, and for the whole ingest (read,
 * describe, store and commit), on 1 thread and on {@code threads}; each measured {@code repeats} times, median reported,
 * after an untimed warm-up.
 */
public final class IngestBenchmark {

    /**
     * One measured configuration: the median and every run's patches per second, on {@code threads} local threads or
     * on {@code workers} cores of another describe step such as Spark's (the other one null, left out of the JSON).
     */
    public record Result(String stage, @JsonInclude(Include.NON_NULL) Integer threads,
                         @JsonInclude(Include.NON_NULL) Integer workers, long patches, double medianPatchesPerSecond,
                         double[] runs) {

        /** One aligned line for the console, naming the parallelism as the JSON does. */
        public String line() {
            return String.format("%-14s %s  %8.1f patches/s (median of %d: %s)", stage,
                    threads != null ? "threads=" + threads : "workers=" + workers, medianPatchesPerSecond, runs.length,
                    Arrays.toString(runs));
        }
    }

    /**
     * Patches read and described in the untimed warm-up (after every patch is read once), so that the JIT has compiled
     * the reader and the descriptor before the first measurement, which otherwise runs slower for coming first.
     */
    public static final int WARM_UP_DESCRIBED = 200;

    private final Archive archive;
    private final Descriptor descriptor;
    private final int repeats;
    private final Path scratch;

    /** A benchmark of {@code archive} with a fitted {@code descriptor}; stores go to sub-folders of {@code scratch}. */
    public IngestBenchmark(Archive archive, Descriptor descriptor, int repeats, Path scratch) {
        this.archive = archive;
        this.descriptor = descriptor;
        this.repeats = Math.max(1, repeats);
        this.scratch = scratch;
    }

    /**
     * Runs every stage on 1 thread and on {@code threads}, after the untimed warm-up on {@code threads}; {@code log} gets
     * a line for the warm-up and one per finished measurement.
     */
    public List<Result> run(int threads, Consumer<String> log) throws IOException {
        List<PatchSource> sources = new ArrayList<>();
        archive.forEach(sources::add);
        // untimed: the files into the OS cache, the reader and the descriptor through the JIT
        readAll(sources, threads, false);
        int described = Math.min(WARM_UP_DESCRIBED, sources.size());
        readAll(sources.subList(0, described), threads, true);
        log.accept(String.format("%-14s threads=%d  read %d patches, read+described %d (untimed)", "warm-up", threads,
                sources.size(), described));
        List<Result> results = new ArrayList<>();
        for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
            results.add(measure("read", t, null, sources.size(), () -> readAll(sources, t, false)));
            results.add(measure("read+describe", t, null, sources.size(), () -> readAll(sources, t, true)));
            results.add(measure("ingest", t, null, sources.size(), () -> ingest(t)));
            for (Result r : results.subList(results.size() - 3, results.size())) {
                log.accept(r.line());
            }
        }
        return results;
    }

    private interface Run {
        void go() throws IOException;
    }

    private Result measure(String stage, Integer threads, Integer workers, long n, Run run) throws IOException {
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            run.go();
            rates[i] = Math.round(10 * n / ((System.nanoTime() - start) / 1e9)) / 10.0;
        }
        return new Result(stage, threads, workers, n, Latency.median(rates), rates);
    }

    private void readAll(List<PatchSource> sources, int threads, boolean describe) {
        // plain parallel loop: the stage cost, not the pipeline's ordering, is what is measured here
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> sources.parallelStream().forEach(s -> {
                try {
                    var patch = s.read();
                    if (describe) {
                        descriptor.describe(patch);
                    }
                } catch (BadInputException e) {
                    throw new UncheckedIOException(e);
                }
            })).join();
        } finally {
            pool.shutdown();
        }
    }

    private void ingest(int threads) throws IOException {
        ingest(store -> new Ingest(threads, 10_000).run(archive, descriptor, store, n -> { }));
    }

    /**
     * The whole ingest with another describe step (such as deq-spark's), measured as the local runs are: {@code stage}
     * names it in the results, {@code workers} is the number of cores it uses, and {@code describer} makes the step for
     * each run's new store.
     */
    public Result ingestWith(String stage, int workers, Function<StoreConfig, Ingest.BatchDescriber> describer,
                             Consumer<String> log) throws IOException {
        long size = archive.sizeHint();
        Result r = measure(stage, null, workers, size >= 0 ? size : count(), () -> ingest(store -> {
            try (Ingest.BatchDescriber step = describer.apply(store.config())) {
                return new Ingest(10_000).run(archive, step, store, n -> { });
            }
        }));
        log.accept(r.line());
        return r;
    }

    private interface IngestRun {
        Ingest.Report into(IndexStore store) throws IOException;
    }

    private void ingest(IngestRun run) throws IOException {
        Path dir = scratch.resolve("bench-store");
        FileTrees.delete(dir);
        try (IndexStore store = IndexStore.create(dir, descriptor, Distance.L2)) {
            Ingest.Report r = run.into(store);
            if (!r.bad().isEmpty()) {
                throw new IllegalStateException("benchmark archive has bad patches: " + r.bad().get(0).error());
            }
        }
        FileTrees.delete(dir);
    }

    private long count() {
        long n = 0;
        for (PatchSource ignored : archive) {
            n++;
        }
        return n;
    }
}
