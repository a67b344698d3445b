package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.deq.bench.IndexBenchmark;
import org.deq.hash.HashSpec;
import org.deq.index.Distance;
import org.deq.io.FileTrees;
import org.deq.vectors.PackedVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq bench index}: search latency, throughput, memory and recall of every index on the same synthetic descriptors. */
@Command(name = "index", mixinStandardHelpOptions = true,
        header = "Search benchmark of exact, hashing and HNSW search on synthetic descriptors.",
        description = {"Search benchmark on synthetic clustered descriptors (d=128): exact flat scan, Hamming popcount scan,",
                "multi-index hashing, two-stage (Hamming-scan candidates re-ranked exactly) and Lucene HNSW, at each --sizes N,",
                "then Hamming scan and MIH over codes only at each --codes-only N. Reports build time, bytes per image in memory and",
                "on disk, p50/p99 single-thread latency (k=10), throughput on all cores and recall@10/@100 against exact",
                "search; latency and throughput are medians over --repeats passes of the query set, and the speed-ups of",
                "MIH over the scan and of two-stage over the exact scan. --distance sets the exact search's distance (flat scan,",
                "two-stage re-rank and the recall reference); HNSW (L2 only) is measured with l2."})
final class BenchIndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,590000",
            description = "Archive sizes with float descriptors, each at least 100 (default ${DEFAULT-VALUE}).")
    long[] sizes;

    @Option(names = "--codes-only", split = ",", defaultValue = "100000,590000,1000000,10000000",
            description = "Sizes measured with codes only (prefixes of the largest), each at least 100, 0 to skip (default ${DEFAULT-VALUE}).")
    long[] codesOnly;

    @Option(names = "--dim", defaultValue = "128", description = "Descriptor length (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--clusters", defaultValue = "1000", description = "Cluster centres of the synthetic descriptors (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--spread", defaultValue = "2.0", description = "Deviation of the centres; the noise around them has 1 (default ${DEFAULT-VALUE}).")
    double spread;

    @Option(names = "--bits", defaultValue = "64", description = "Code length of the Hamming scan and MIH (default ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--two-stage-bits", defaultValue = "64", description = "Code length of the two-stage first stage (default ${DEFAULT-VALUE}).")
    int twoStageBits;

    @Option(names = "--distance", defaultValue = "l2",
            description = "Distance of the exact flat scan, the two-stage re-rank and recall: l2, l1, chi2 (on these Gaussian descriptors a speed figure, not a histogram distance), cosine; HNSW only with l2 (default ${DEFAULT-VALUE}).")
    String distance;

    @Option(names = "--candidates", defaultValue = "500", description = "Candidates re-ranked by two-stage search, at least k = 10 (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--hnsw-max", defaultValue = "590000", description = "Largest size Lucene HNSW is built for; 0 skips HNSW (default ${DEFAULT-VALUE}).")
    long hnswMax;

    @Option(names = "--queries", defaultValue = "200", description = "Queries per pass (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed passes; medians reported, speed-ups from paired baseline and method passes (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", description = "Threads of the throughput runs (default: all cores).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the data and encoders (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = {"Small run for smoke tests: sizes 2000, 1000 codes only, 20 queries, 1 repeat;",
            "its latencies, QPS and speed-ups are dominated by per-query overhead, not figures to compare."})
    boolean quick;

    @Option(names = "--export", description = "Write the largest size's vectors, queries, codes and exact neighbours here for scripts/faiss-bench.py.")
    Path export;

    @Option(names = "--json", description = "Write the settings, results and speed-ups as JSON to this file ({settings, results, speedups}).")
    Path json;

    @Override
    public Integer call() throws IOException {
        OutputFiles.prepareJson("--json", json);
        PrintWriter out = spec.commandLine().getOut();
        var parsed = spec.commandLine().getParseResult();
        for (String overridden : new String[] {"--sizes", "--codes-only", "--queries", "--repeats"}) {
            if (quick && parsed.hasMatchedOption(overridden)) { // --quick sets them: a value given would be dropped unsaid
                throw new IllegalArgumentException("--quick runs sizes 2000, 1000 codes only, 20 queries once; leave out "
                        + overridden + ", or --quick");
            }
        }
        if (quick) {
            sizes = new long[] {2000};
            codesOnly = new long[] {1000};
            queries = 20;
            repeats = 1;
        }
        long[] codeSizes = Arrays.stream(codesOnly).filter(n -> n != 0).toArray();
        Distance metric = Distance.parse(distance);
        if (export != null && metric != Distance.L2) { // scripts/faiss-bench.py builds L2 indexes and scores against this truth
            throw new IllegalArgumentException("--export writes L2 data for scripts/faiss-bench.py: it goes with --distance l2");
        }
        check(codeSizes); // all before the first measurement, which takes minutes at the default sizes
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        IndexBenchmark.Settings settings = new IndexBenchmark.Settings(dim, clusters, spread, queries, repeats, nThreads, bits,
                twoStageBits, candidates, hnswMax, 16, 100, seed, metric);
        out.println("index benchmark: " + settings.line() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        Path scratch = Files.createTempDirectory("deq-bench-index");
        if (quick) { // 20 queries of 2000 vectors take microseconds each: timer and thread start-up weigh as much
            out.println("note: --quick measures 20 queries once: latencies, QPS and speed-ups are dominated by per-query"
                    + " overhead; run without --quick for figures to compare");
        }
        IndexBenchmark.Report results;
        try {
            results = new IndexBenchmark(settings, scratch, out::println).run(sizes, codeSizes, export);
        } finally {
            FileTrees.delete(scratch);
        }
        if (json != null) {
            OutputFiles.writeJson(json, results);
            out.println("wrote " + json);
        }
        return 0;
    }

    /** Refuses an option out of its range with a line naming it and the range. */
    private void check(long[] codeSizes) {
        Counts.atLeast("--dim", dim, 1);
        Counts.atLeast("--clusters", clusters, 1);
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw new IllegalArgumentException("--spread must be a number >= 0, got " + spread);
        }
        Counts.within("--bits", bits, HashSpec.MIN_BITS, HashSpec.MAX_BITS);
        Counts.within("--two-stage-bits", twoStageBits, HashSpec.MIN_BITS, HashSpec.MAX_BITS);
        if (sizes.length == 0) {
            throw new IllegalArgumentException("--sizes needs at least one size");
        }
        // recall@100 needs 100 descriptors; a size's floats (n × --dim) and codes (n × 64-bit words) are one Java array
        for (long n : sizes) {
            Counts.within("--sizes", n, IndexBenchmark.K_RECALL, PackedVectors.MAX_ARRAY / dim);
        }
        for (long n : codeSizes) {
            Counts.within("--codes-only", n, IndexBenchmark.K_RECALL, PackedVectors.MAX_ARRAY / ((bits + 63) / 64));
        }
        Counts.atLeast("--candidates", candidates, IndexBenchmark.K); // fewer would be re-ranked as k = 10 anyway
        Counts.atLeast("--hnsw-max", hnswMax, 0);
        Counts.atLeast("--queries", queries, 1);
        Counts.atLeast("--repeats", repeats, 1);
        Counts.threads(threads);
    }
}
