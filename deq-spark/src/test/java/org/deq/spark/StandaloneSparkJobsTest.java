package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs on a real standalone cluster (a master, a worker and its executors, each its own JVM): what a
 * {@code spark://} master runs, with deq's classes on the executors by {@code spark.executor.extraClassPath} as the
 * README tells users to set it.
 */
class StandaloneSparkJobsTest extends SparkJobsTest {

    @TempDir
    static Path clusterDir;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = StandaloneCluster.start(clusterDir, 2);
        spark = SparkContexts.start(cluster.master(), cluster.driverConf());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theTasksRanInAnExecutorJvmOfTheWorker() throws IOException {
        // the driver counts as one; the executor registered before SparkContexts.start returned
        assertThat(spark.sc().getExecutorMemoryStatus().size()).isGreaterThanOrEqualTo(2);
        assertThat(cluster.executorLogs()).isNotEmpty();
    }
}
