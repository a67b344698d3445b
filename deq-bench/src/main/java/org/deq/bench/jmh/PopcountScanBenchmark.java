package org.deq.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deq.hash.HammingHits;
import org.deq.hash.HammingScan;
import org.deq.hash.MultiIndexHashing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** k = 10 Hamming search over n 64-bit codes near 1000 centres: the popcount scan against multi-index hashing. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PopcountScanBenchmark {

    @Param({"100000", "1000000"})
    int n;

    private HammingScan scan;
    private MultiIndexHashing mih;
    private long[][] queries;
    private int next;

    /** Codes of clustered data: each a centre with 10 % of its bits flipped. */
    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] centres = new long[1000];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = rnd.nextLong();
        }
        long[] codes = new long[n];
        for (int i = 0; i < n; i++) {
            codes[i] = flip(centres[rnd.nextInt(centres.length)], rnd);
        }
        queries = new long[64][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = new long[] {flip(centres[rnd.nextInt(centres.length)], rnd)};
        }
        scan = new HammingScan(codes, n, 64);
        mih = new MultiIndexHashing(codes, n, 64);
    }

    private static long flip(long code, SplittableRandom rnd) {
        for (int b = 0; b < 64; b++) {
            if (rnd.nextInt(10) == 0) {
                code ^= 1L << b;
            }
        }
        return code;
    }

    private long[] nextQuery() {
        next = (next + 1) & (queries.length - 1);
        return queries[next];
    }

    /** Exhaustive popcount scan with counting top-k. */
    @Benchmark
    public HammingHits scan() {
        return scan.search(nextQuery(), 10, null);
    }

    /** Multi-index hashing, exact in Hamming space. */
    @Benchmark
    public HammingHits multiIndexHashing() {
        return mih.search(nextQuery(), 10, null);
    }
}
