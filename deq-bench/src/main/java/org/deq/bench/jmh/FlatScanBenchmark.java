package org.deq.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deq.bench.ClusteredDescriptors;
import org.deq.index.Distance;
import org.deq.index.SearchResult;
import org.deq.index.TopK;
import org.deq.store.IndexStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One k = 10 exact scan, single-threaded, of every row: each distance in full against early abandoning (a row's sum
 * stops once it passes the k-th best so far). Rows are synthetic clustered descriptors as deq bench index draws them
 * (1,000 centres, spread 2), or with {@code -p source=INDEX_DIR -p dim=0 -p synthetic=0} the vectors of a real index (queries: its own
 * stored rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FlatScanBenchmark {

    private static final int QUERIES = 64;
    private static final int K = 10;

    @Param({"synthetic"})
    String source;

    @Param({"L1", "L2"})
    Distance distance;

    @Param({"128", "291", "1078"})
    int dim;

    /** Synthetic rows: 20,480 fit a large cache, 589,824 (BigEarthNet's size) do not. */
    @Param({"20480", "589824"})
    int synthetic;

    private float[] data;
    private int rows;
    private float[][] queries;
    private int next;

    @Setup
    public void setUp() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        queries = new float[QUERIES][];
        if (source.equals("synthetic")) {
            ClusteredDescriptors clustered = new ClusteredDescriptors(dim, 1000, 2.0, 7);
            data = clustered.rows(0, synthetic);
            float[] asked = clustered.queries(QUERIES);
            for (int q = 0; q < QUERIES; q++) {
                queries[q] = Arrays.copyOfRange(asked, q * dim, (q + 1) * dim);
            }
        } else {
            try (IndexStore store = IndexStore.open(Path.of(source))) {
                dim = store.config().dimension();
                data = store.vectors();
                for (int q = 0; q < QUERIES; q++) {
                    queries[q] = store.vector(rnd.nextInt(store.size()));
                }
            }
        }
        rows = data.length / dim;
    }

    private float[] nextQuery() {
        float[] q = queries[next];
        next = (next + 1) % QUERIES;
        return q;
    }

    /** Every distance summed over the whole row. */
    @Benchmark
    public SearchResult full() {
        float[] q = nextQuery();
        TopK top = new TopK(K);
        for (int i = 0; i < rows; i++) {
            top.offer(i, distance.distance(q, data, i * dim, dim));
        }
        return top.drain(distance);
    }

    /** A row's sum stopped once it passes the k-th best distance so far. */
    @Benchmark
    public SearchResult abandoning() {
        float[] q = nextQuery();
        TopK top = new TopK(K);
        for (int i = 0; i < rows; i++) {
            top.offer(i, distance.distanceAtMost(q, data, i * dim, dim, top.bound()));
        }
        return top.drain(distance);
    }
}
