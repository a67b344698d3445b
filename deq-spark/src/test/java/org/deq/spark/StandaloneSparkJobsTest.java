package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs on a real standalone cluster (a master, two workers and their executors, each its own JVM): what a
 * {@code spark://} master runs, with deq's classes on the executors by {@code spark.executor.extraClassPath} as the
 * README tells users to set it.
 */
class StandaloneSparkJobsTest extends SparkJobsTest {

    @TempDir
    static Path clusterDir;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        // two workers of one core each: a job's tasks are shared between two executor JVMs
        cluster = StandaloneCluster.start(clusterDir, 2, 1);
        spark = SparkContexts.start(cluster.master(), cluster.driverConf());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        StandaloneCluster.stop(spark, cluster);
    }

    @Test
    void everyWorkerRunsAnExecutorForDeq() throws IOException, InterruptedException {
        List<Integer> squares = spark.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(x -> x * x).collect();
        assertThat(squares).containsExactly(1, 4, 9, 16, 25, 36, 49, 64);
        // the driver counts as one; SparkContexts.start waited for the first executor only
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (spark.sc().getExecutorMemoryStatus().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(spark.sc().getExecutorMemoryStatus().size()).isEqualTo(3);
        assertThat(cluster.executorLogs(0)).hasSize(1);
        assertThat(cluster.executorLogs(1)).hasSize(1);
    }
}
