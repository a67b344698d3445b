package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A real standalone cluster of one 1-core worker: the tasks it gets, and what a job does when the worker dies. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneWorkerClusterTest {

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = StandaloneCluster.start(dir, 1, 1);
        spark = SparkContexts.start(cluster.master(), cluster.driverConf(), 2); // 2 s without an executor fail a job
    }

    @AfterAll
    static void stop() throws InterruptedException {
        StandaloneCluster.stop(spark, cluster);
    }

    @Test
    @Order(1)
    void aBatchHasTwoTasksPerExecutorCore() {
        assertThat(spark.defaultParallelism()).as("Spark's own count, at least 2 on a cluster").isEqualTo(2);
        assertThat(SparkContexts.cores(spark)).isOne();
        assertThat(SliceJobs.tasks(spark)).isEqualTo(2);
    }

    @Test
    @Order(2)
    void jobsLeftWithoutAnyExecutorFailWithTheWatchsReason() throws InterruptedException {
        JavaFutureAction<List<List<Integer>>> job = spark.parallelize(List.of(1, 2), 2).map(x -> {
            Thread.sleep(600_000); // runs until its executor dies
            return List.of(x);
        }).collectAsync();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (runningTasks() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runningTasks()).isOne();
        cluster.kill(0);

        Throwable e = catchThrowable(() -> SliceJobs.collect(spark, job, "describing patches"));
        assertThat(e).isInstanceOf(IOException.class).hasMessage("describing patches failed on Spark: the executors of"
                + " Spark master " + cluster.master() + " were lost (did its workers stop?) and none came back in 2 s;"
                + " start its workers and run the same command again");
    }

    private static int runningTasks() {
        int tasks = 0;
        for (SparkExecutorInfo info : spark.statusTracker().getExecutorInfos()) {
            tasks += info.numRunningTasks();
        }
        return tasks;
    }
}
