package org.deq.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Codes;
import org.deq.hash.Encoders;
import org.deq.hash.HammingHits;
import org.deq.hash.HammingScan;
import org.deq.hash.HammingSearch;
import org.deq.hash.MultiIndexHashing;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.HammingIndex;
import org.deq.index.Index;
import org.deq.index.TwoStageIndex;
import org.deq.io.FileTrees;

/**
 * Search speed against recall on one synthetic clustered data set per size: exact flat scan, Hamming popcount scan,
 * multi-index hashing, two-stage (popcount-scan candidates re-ranked exactly) and Lucene HNSW, all through the {@link Index}
 * API on the same descriptors and queries; then codes only (Hamming scan and MIH searched directly) at up to 10M codes.
 */
public final class IndexBenchmark {

    /**
     * What is measured and on what; {@code distance} is the exact search's (flat scan, two-stage re-rank, recall
     * reference). Lucene HNSW searches by L2 whatever it is, so it is measured only for {@link Distance#L2}.
     */
    public record Settings(int dim, int clusters, double spread, int queries, int repeats, int threads, int bits,
                           int twoStageBits, int candidates, long hnswMaxN, int hnswMaxConn, int hnswBeam, long seed,
                           Distance distance) {

        /** One line for the console. */
        public String line() {
            return String.format(Locale.ROOT, "d=%d, %d clusters (spread %s), %d queries x %d repeats, %d threads, %d-bit codes,"
                            + " two-stage %d bits / %d candidates, %s, seed %d, distance %s", dim, clusters, spread, queries,
                    repeats, threads, bits, twoStageBits, candidates, hnswMaxN == 0 || distance != Distance.L2 ? "no HNSW"
                            : "HNSW up to n=" + hnswMaxN + " (m=" + hnswMaxConn + ", beam " + hnswBeam + ")", seed,
                    distance.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One method at one size. Recall is against exact k-NN by the settings' distance on the floats ({@code reference = "exact"}) or, for
     * codes-only sizes, against the exact Hamming k nearest ({@code "hamming"}: share of results within the true k-th
     * Hamming distance). Memory counts what a search holds (codes, tables, vectors, graph); disk what the store keeps.
     */
    public record Result(String method, long n, int bits, @JsonProperty("p50_ms") double p50Ms,
                         @JsonProperty("p99_ms") double p99Ms, double qps,
                         @JsonProperty("recall_at_10") double recallAt10, @JsonProperty("recall_at_100") double recallAt100,
                         @JsonProperty("bytes_per_image") double bytesPerImage,
                         @JsonProperty("disk_bytes_per_image") double diskBytesPerImage,
                         @JsonProperty("build_s") double buildS, String reference) {

        /** One aligned line for the console. */
        public String line() {
            return String.format("%-" + METHOD_WIDTH + "s n=%-9d bits=%-4d p50=%9.3f ms  p99=%9.3f ms  qps=%9.1f  recall@10=%.3f  recall@100=%.3f"
                            + "  mem=%7.1f B/img  disk=%7.1f B/img  build=%7.2f s  (vs %s)", method, n, bits, p50Ms, p99Ms, qps,
                    recallAt10, recallAt100, bytesPerImage, diskBytesPerImage, buildS, reference);
        }
    }

    /**
     * A paired speed-up (the ratio a target is stated in): {@code method} over {@code baseline} at size {@code n}, the
     * median of the per-pass ratios.
     *
     * @param ratios each pass's ratio of the baseline's p50 to the method's
     */
    public record Speedup(String method, String baseline, long n, double median, double[] ratios) {

        /** The console line, with enough digits for ratios below 1 too (0.031x, not 0.0x). */
        public String line() {
            StringBuilder each = new StringBuilder();
            for (double r : ratios) {
                each.append(each.length() == 0 ? "" : ", ").append(ratio(r));
            }
            return String.format("speed-up %s over %s at n=%d: %sx (median of %d paired %s: %s)", method, baseline, n,
                    ratio(median), ratios.length, ratios.length == 1 ? "pass" : "passes", each);
        }

        /** One decimal from 1 up; two significant digits below, where one decimal would read 0.0. */
        static String ratio(double r) {
            return String.format(Locale.ROOT, r >= 1 ? "%.1f" : "%.2g", r);
        }
    }

    /** Every measured figure of a run: its settings (a quick run's few queries show), one result per method and size, and the paired speed-ups. */
    public record Report(Settings settings, List<Result> results, List<Speedup> speedups) {
    }

    /** Width of the method column: the longest name, {@code hamming-scan:codes-only}, and a space. */
    private static final int METHOD_WIDTH = 24;

    /** Neighbours of a timed search (k); two-stage re-ranks at least this many candidates. */
    public static final int K = 10;
    /** Neighbours of the recall@100 search: every size holds at least this many descriptors. */
    public static final int K_RECALL = 100;
    /** Encoders are trained on at most this many rows: LSH only centres the data, a sample estimates the mean well. */
    private static final int TRAIN_ROWS = 100_000;
    /** Codes-only sizes are generated and encoded in chunks of this many rows (a multiple of the generator's block). */
    private static final int CHUNK_ROWS = 1 << 20;

    private final Settings s;
    private final ClusteredDescriptors data;
    private final Path scratch;
    private final Consumer<String> log;
    private final List<Speedup> speedups = new ArrayList<>();

    /** A benchmark writing temporary indexes (Lucene) under {@code scratch}; {@code log} gets one line per result. */
    public IndexBenchmark(Settings settings, Path scratch, Consumer<String> log) {
        this.s = settings;
        this.data = new ClusteredDescriptors(settings.dim(), settings.clusters(), settings.spread(), settings.seed());
        this.scratch = scratch;
        this.log = log;
    }

    /**
     * Every method at each size of {@code sizes}, then Hamming scan and MIH over codes only at each size of
     * {@code codesOnly} (empty: skip); the largest float size's data is exported to {@code export} when not null.
     */
    public Report run(long[] sizes, long[] codesOnly, Path export) throws IOException {
        List<Result> results = new ArrayList<>();
        speedups.clear();
        float[] queries = data.queries(s.queries());
        for (int i = 0; i < sizes.length; i++) {
            results.addAll(floatSize(Math.toIntExact(sizes[i]), queries, i == sizes.length - 1 ? export : null));
        }
        if (codesOnly.length > 0) {
            results.addAll(codesOnly(codesOnly, queries));
        }
        return new Report(s, results, List.copyOf(speedups));
    }

    /**
     * Logs and keeps a ratio a target is stated in (MIH against the scan, two-stage against the exact scan): the median
     * over the repeats of p50 ratios from passes run back to back, steadier on a shared machine than two separate p50s.
     */
    private void logSpeedup(String method, String baseline, long n, IntConsumer baselineQuery, IntConsumer query) {
        double[] ratios = Latency.pairedSpeedups(s.queries(), s.repeats(), baselineQuery, query);
        Speedup speedup = new Speedup(method, baseline, n, Latency.median(ratios), ratios);
        speedups.add(speedup);
        log.accept(speedup.line());
    }

    private List<Result> floatSize(int n, float[] queries, Path export) throws IOException {
        int dim = s.dim();
        float[] db = data.rows(0, n);
        FlatIndex flat = FlatIndex.over(db, dim, s.distance(), 1);
        int[][] truth = new int[s.queries()][];
        IntStream.range(0, s.queries()).parallel().forEach(q -> truth[q] = flat.search(query(queries, q), K_RECALL, null).ids());
        List<Result> out = new ArrayList<>();
        out.add(measure("exact-flat", n, 0, flat, queries, truth, 4.0 * dim, 4.0 * dim, 0));

        long start = System.nanoTime();
        BinaryEncoder encoder = train(db, n, s.bits());
        long[] codes = encoder.encodeAll(db, n);
        double encodeS = seconds(start);
        int codeBytes = 8 * encoder.words();
        HammingIndex scan = HammingIndex.over(encoder, codes, n, HammingIndex.Lookup.SCAN, 0);
        out.add(measure("hamming-scan", n, s.bits(), scan, queries, truth, codeBytes, codeBytes, encodeS));

        start = System.nanoTime();
        HammingIndex mih = HammingIndex.over(encoder, codes, n, HammingIndex.Lookup.MIH, 0);
        long mihBytes = ((MultiIndexHashing) mih.searcher()).bytes();
        double mihS = encodeS + seconds(start);
        // the index keeps its codes beside the MIH structure (which holds its own packed copy)
        out.add(measure("mih", n, s.bits(), mih, queries, truth, codeBytes + (double) mihBytes / n, codeBytes, mihS));

        // the first stage is the popcount scan, as in IndexStore: faster than MIH for hundreds of candidates
        HammingIndex firstStage = scan;
        double firstStageS = encodeS;
        if (s.twoStageBits() != s.bits()) {
            start = System.nanoTime();
            BinaryEncoder wide = train(db, n, s.twoStageBits());
            firstStage = HammingIndex.over(wide, wide.encodeAll(db, n), n, HammingIndex.Lookup.SCAN, 0);
            firstStageS = seconds(start);
        }
        int wideBytes = 8 * firstStage.encoder().words();
        TwoStageIndex twoStage = TwoStageIndex.over(firstStage, db, s.distance(), s.candidates());
        out.add(measure("two-stage:c=" + s.candidates(), n, s.twoStageBits(), twoStage, queries, truth,
                wideBytes + 4.0 * dim, wideBytes + 4.0 * dim, firstStageS));
        logSpeedup("mih", "hamming-scan", n, q -> scan.search(query(queries, q), K, null), q -> mih.search(query(queries, q), K, null));
        logSpeedup("two-stage:c=" + s.candidates(), "exact-flat", n, q -> flat.search(query(queries, q), K, null),
                q -> twoStage.search(query(queries, q), K, null));

        if (n <= s.hnswMaxN() && s.distance() == Distance.L2) {
            Path dir = scratch.resolve("hnsw-" + n);
            start = System.nanoTime();
            try (LuceneHnsw hnsw = new LuceneHnsw(dir, dim, s.hnswMaxConn(), s.hnswBeam())) {
                hnsw.add(db);
                double buildS = seconds(start);
                double bytes = (double) hnsw.diskBytes() / n;
                out.add(measure("lucene-hnsw:m=" + s.hnswMaxConn(), n, 0, hnsw, queries, truth, bytes, bytes, buildS));
            } finally {
                FileTrees.delete(dir);
            }
        }
        if (export != null) {
            export(export.resolve("n" + n), db, queries, codes, encoder.encodeAll(queries, s.queries()), truth);
        }
        return out;
    }

    /** Times k = 10 searches and measures recall@10 and @100 against the exact neighbours. */
    private Result measure(String method, long n, int bits, Index index, float[] queries, int[][] truth,
                           double memBytes, double diskBytes, double buildS) {
        Latency.Figures f = Latency.measure(s.queries(), s.repeats(), s.threads(), q -> index.search(query(queries, q), K, null));
        // counted in integers and divided once, so that a perfect recall is exactly 1
        long found10 = 0;
        long found100 = 0;
        for (int q = 0; q < s.queries(); q++) {
            int[] got = index.search(query(queries, q), K_RECALL, null).ids();
            found10 += overlap(Arrays.copyOf(got, Math.min(K, got.length)), Arrays.copyOf(truth[q], K));
            found100 += overlap(got, truth[q]);
        }
        Result r = new Result(method, n, bits, f.p50Ms(), f.p99Ms(), f.qps(), found10 / (double) (K * s.queries()),
                found100 / (double) (K_RECALL * s.queries()),
                memBytes, diskBytes, buildS, "exact");
        log.accept(r.line());
        return r;
    }

    /**
     * Hamming scan and MIH over codes of generated descriptors at each size: the largest size is encoded chunk by
     * chunk (the floats are not kept) and the smaller ones are its prefixes.
     */
    private List<Result> codesOnly(long[] sizes, float[] queries) {
        int largest = Math.toIntExact(Arrays.stream(sizes).max().orElseThrow());
        long start = System.nanoTime();
        BinaryEncoder encoder = train(data.rows(0, Math.min(largest, TRAIN_ROWS)), Math.min(largest, TRAIN_ROWS), s.bits());
        int words = encoder.words();
        long[] all = new long[Math.multiplyExact(largest, words)];
        for (int from = 0; from < largest; from += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, largest - from);
            long[] chunk = encoder.encodeAll(data.rows(from, rows), rows);
            System.arraycopy(chunk, 0, all, from * words, chunk.length);
        }
        double encodeS = seconds(start);
        long[] qcodes = encoder.encodeAll(queries, s.queries());
        List<Result> out = new ArrayList<>();
        for (long size : sizes) {
            int n = Math.toIntExact(size);
            long[] codes = n == largest ? all : Arrays.copyOf(all, n * words);
            HammingScan scan = new HammingScan(codes, n, s.bits());
            start = System.nanoTime();
            MultiIndexHashing mih = new MultiIndexHashing(codes, n, s.bits());
            double mihS = seconds(start);
            int[][] kth = new int[s.queries()][];
            IntStream.range(0, s.queries()).parallel().forEach(q -> {
                HammingHits exact = scan.search(code(qcodes, q, words), K_RECALL, null);
                kth[q] = new int[] {exact.distances()[K - 1], exact.distances()[K_RECALL - 1]};
            });
            // encoding is linear in n: a prefix is charged its share of the largest size's encoding time
            double encodeShare = encodeS * n / largest;
            out.add(measureCodes("hamming-scan", n, scan, qcodes, kth, 8.0 * words, encodeShare));
            // MIH alone: its packed codes, id map and tables are all it needs (the input codes are not kept)
            out.add(measureCodes("mih", n, mih, qcodes, kth, (double) mih.bytes() / n, encodeShare + mihS));
            logSpeedup("mih:codes-only", "hamming-scan:codes-only", n, q -> scan.search(code(qcodes, q, words), K, null),
                    q -> mih.search(code(qcodes, q, words), K, null));
        }
        return out;
    }

    private Result measureCodes(String method, int n, HammingSearch search, long[] qcodes, int[][] kth, double memBytes, double buildS) {
        int words = Codes.words(s.bits());
        Latency.Figures f = Latency.measure(s.queries(), s.repeats(), s.threads(),
                q -> search.search(code(qcodes, q, words), K, null));
        long found10 = 0;
        long found100 = 0;
        for (int q = 0; q < s.queries(); q++) {
            HammingHits hits = search.search(code(qcodes, q, words), K_RECALL, null);
            for (int i = 0; i < hits.size(); i++) {
                found10 += i < K && hits.distances()[i] <= kth[q][0] ? 1 : 0;
                found100 += hits.distances()[i] <= kth[q][1] ? 1 : 0;
            }
        }
        Result r = new Result(method + ":codes-only", n, s.bits(), f.p50Ms(), f.p99Ms(), f.qps(),
                found10 / (double) (K * s.queries()), found100 / (double) (K_RECALL * s.queries()), memBytes, 8.0 * words, buildS, "hamming");
        log.accept(r.line());
        return r;
    }

    private BinaryEncoder train(float[] db, int n, int bits) {
        int rows = Math.min(n, TRAIN_ROWS);
        return Encoders.parse("lsh:bits=" + bits).train(Arrays.copyOf(db, rows * s.dim()), rows, s.dim(), null, s.seed());
    }

    private static long[] code(long[] codes, int q, int words) {
        return Arrays.copyOfRange(codes, q * words, (q + 1) * words);
    }

    private float[] query(float[] queries, int q) {
        return Arrays.copyOfRange(queries, q * s.dim(), (q + 1) * s.dim());
    }

    private static int overlap(int[] got, int[] truth) {
        int c = 0;
        for (int g : got) {
            for (int t : truth) {
                if (g == t) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Writes what scripts/faiss-bench.py reads: {@code base.f32} (n × dim), {@code queries.f32}, {@code codes.u64}
     * (n × words), {@code query-codes.u64} and {@code truth.i32} (queries × 100 exact neighbours), little-endian,
     * plus {@code meta.txt}.
     */
    private void export(Path dir, float[] db, float[] queries, long[] codes, long[] queryCodes, int[][] truth) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("base.f32"), ByteBuffer.allocate(4 * db.length).order(ByteOrder.LITTLE_ENDIAN), b -> b.asFloatBuffer().put(db));
        write(dir.resolve("queries.f32"), ByteBuffer.allocate(4 * queries.length).order(ByteOrder.LITTLE_ENDIAN), b -> b.asFloatBuffer().put(queries));
        write(dir.resolve("codes.u64"), ByteBuffer.allocate(8 * codes.length).order(ByteOrder.LITTLE_ENDIAN), b -> b.asLongBuffer().put(codes));
        write(dir.resolve("query-codes.u64"), ByteBuffer.allocate(8 * queryCodes.length).order(ByteOrder.LITTLE_ENDIAN), b -> b.asLongBuffer().put(queryCodes));
        write(dir.resolve("truth.i32"), ByteBuffer.allocate(4 * truth.length * K_RECALL).order(ByteOrder.LITTLE_ENDIAN), b -> {
            for (int[] t : truth) {
                b.asIntBuffer().put(t);
                b.position(b.position() + 4 * t.length);
            }
            b.position(0);
        });
        Files.writeString(dir.resolve("meta.txt"), "n=" + db.length / s.dim() + "\ndim=" + s.dim() + "\nqueries="
                + s.queries() + "\nbits=" + s.bits() + "\ntruth_k=" + K_RECALL + "\n");
        log.accept("exported " + dir);
    }

    private interface Fill {
        void into(ByteBuffer buf);
    }

    private static void write(Path file, ByteBuffer buf, Fill fill) throws IOException {
        fill.into(buf);
        buf.position(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
