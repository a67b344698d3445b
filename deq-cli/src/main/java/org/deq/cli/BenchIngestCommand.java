package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.bench.IngestBenchmark;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.ingest.Ingest;
import org.deq.io.FileTrees;
import org.deq.spark.ArchiveRef;
import org.deq.spark.SparkContexts;
import org.deq.spark.SparkDescriber;
import org.deq.synth.SyntheticArchiveSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq bench ingest}: read, describe and ingest throughput on a synthetic BigEarthNet-layout archive. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Ingest throughput (patches/s) of an archive, on one thread and on all cores.",
        description = {"Ingest throughput (patches/s) on a BigEarthNet-layout archive: read only, read + describe, and the",
                "whole ingest (read, describe, store, commit), on 1 thread and on all cores, median of --repeats runs,",
                "after an untimed warm-up on the parallel runs' threads (every patch read, the first "
                        + IngestBenchmark.WARM_UP_DESCRIBED + " also described),",
                "so that the first measurement does not pay for the JIT compiler and a cold file cache.",
                "Without --archive it writes a synthetic archive of --n patches to a temporary folder first.",
                "--spark MASTER adds the whole ingest with the describe step on Spark (spark-ingest), in the same run."})
final class BenchIngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--archive", description = "Archive to measure (default: a synthetic one).")
    Path archive;

    @Option(names = "--n", defaultValue = "2000", description = "Synthetic patches when no --archive (default ${DEFAULT-VALUE}).")
    long n;

    @Option(names = "--quick", description = "Small run (200 patches, 1 repeat) for smoke tests.")
    boolean quick;

    // one spec per line, as deq index lists them: wrapped inside a spec, a line could not be copied
    @Option(names = "--descriptor", description = {"Descriptor spec; default deq index's for the archive: for Sentinel-2",
            "  " + DescriptorSpecs.DEFAULT_S2, "for Sentinel-1", "  " + DescriptorSpecs.DEFAULT_S1, "for RGB",
            "  " + DescriptorSpecs.BEST_UNFITTED})
    String descriptor;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs per measurement (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", description = "Threads of the parallel runs (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Write the settings and results as JSON to this file ({settings, results}).")
    Path json;

    @Mixin
    SparkOptions spark;

    /**
     * The JSON's settings: the archive ({@code synthetic}: the patches written for the run, null for --archive), the
     * runs per median, the threads of the parallel runs, the machine's cores, the patches described in the warm-up,
     * and --spark and --spark-conf (null and empty without --spark).
     */
    record Settings(String archive, Long synthetic, String descriptor, int repeats, int threads, int cores,
                    int warmUpDescribed, String sparkMaster, Map<String, String> sparkConf) {
    }

    /** The JSON written by --json. */
    record Report(Settings settings, List<IngestBenchmark.Result> results) {
    }

    @Override
    public Integer call() throws IOException {
        OutputFiles.prepareJson("--json", json, archive);
        PrintWriter out = spec.commandLine().getOut();
        spark.check(null, out); // --threads sets the local runs, so it may go with --spark here
        var parsed = spec.commandLine().getParseResult();
        if (quick && (parsed.hasMatchedOption("--n") || parsed.hasMatchedOption("--repeats"))) {
            throw new IllegalArgumentException("--quick runs 200 patches once; leave out --n and --repeats, or --quick");
        }
        Counts.atLeast("--n", n, 1);
        Counts.atLeast("--repeats", repeats, 1);
        Counts.threads(threads);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path scratch = Files.createTempDirectory("deq-bench-ingest");
        // a benchmark stopped with Ctrl-C would otherwise leave its synthetic archive (hundreds of MB) behind
        Thread cleanup = new Thread(() -> {
            try {
                FileTrees.delete(scratch);
            } catch (IOException e) {
                System.err.println("deq: could not remove " + scratch + ": " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Path root = archive;
            if (root == null) {
                root = scratch.resolve("archive");
                SynthCommand.write(new SyntheticArchiveSpec(1, quick ? 200 : n, 0, false), root, false, nThreads, out);
            }
            Archive source = Archives.open(root);
            Descriptor d = Ingest.fit(DescriptorSpecs.parse(descriptor != null ? descriptor : IndexCommand.defaultSpec(source)),
                    source, 500, 42);
            int runs = quick ? 1 : repeats;
            out.println("ingest benchmark: " + source.name() + ", descriptor " + d.spec() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, parallel runs on " + Format.count(nThreads, "thread", "threads")
                    + ", medians of " + runs);
            IngestBenchmark bench = new IngestBenchmark(source, d, runs, scratch);
            List<IngestBenchmark.Result> results = new ArrayList<>(bench.run(nThreads, out::println));
            if (spark.master != null) {
                ArchiveRef ref = ArchiveRef.of(root, null);
                try (JavaSparkContext sc = spark.context()) {
                    results.add(bench.ingestWith("spark-ingest", SparkContexts.cores(sc),
                            config -> new SparkDescriber(sc, ref, config), out::println));
                }
            }
            if (json != null) {
                Settings settings = new Settings(source.name(), archive == null ? results.get(0).patches() : null, d.spec(),
                        runs, nThreads, Runtime.getRuntime().availableProcessors(),
                        (int) Math.min(IngestBenchmark.WARM_UP_DESCRIBED, results.get(0).patches()), spark.master, spark.conf);
                OutputFiles.writeJson(json, new Report(settings, results));
                out.println("wrote " + json);
            }
        } finally {
            FileTrees.delete(scratch);
            StopHooks.remove(cleanup);
        }
        return 0;
    }
}
