package org.deq.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deq.index.Distance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One query against 10,000 packed rows with each float distance kernel: the inner loop of the exact flat scan. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DistanceKernelBenchmark {

    private static final int ROWS = 10_000;

    @Param({"L2", "L1", "CHI2", "COSINE"})
    Distance distance;

    @Param({"128", "512"})
    int dim;

    private float[] data;
    private float[] query;

    /** Non-negative values, valid histograms for chi-squared. */
    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        data = new float[ROWS * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextDouble();
        }
        query = new float[dim];
        for (int j = 0; j < dim; j++) {
            query[j] = (float) rnd.nextDouble();
        }
    }

    /** Sum of the distances to every row, so that no call can be optimised away. */
    @Benchmark
    public float scanRows() {
        float sum = 0;
        for (int r = 0; r < ROWS; r++) {
            sum += distance.distance(query, data, r * dim, dim);
        }
        return sum;
    }
}
