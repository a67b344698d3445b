package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone cluster whose only worker dies while a job runs: the job fails in one line, rather than waiting forever. */
class LostExecutorsTest {

    @TempDir
    Path dir;

    @Test
    void jobsLeftWithoutAnyExecutorFailWithTheWatchsReason() throws IOException, InterruptedException {
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 1, 1)) {
            JavaSparkContext spark = SparkContexts.start(cluster.master(), cluster.driverConf(), 2);
            try {
                JavaFutureAction<List<List<Integer>>> job = spark.parallelize(List.of(1, 2), 2).map(x -> {
                    Thread.sleep(600_000); // runs until its executor dies
                    return List.of(x);
                }).collectAsync();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (runningTasks(spark) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(runningTasks(spark)).isOne();
                cluster.kill(0);

                Throwable e = catchThrowable(() -> SliceJobs.collect(spark, job, "describing patches"));
                assertThat(e).isInstanceOf(IOException.class).hasMessage("describing patches failed on Spark: the executors of"
                        + " Spark master " + cluster.master() + " were lost (did its workers stop?) and none came back in 2 s;"
                        + " start its workers and run the same command again");
            } finally {
                spark.stop();
            }
        }
    }

    private static int runningTasks(JavaSparkContext spark) {
        int tasks = 0;
        for (SparkExecutorInfo info : spark.statusTracker().getExecutorInfos()) {
            tasks += info.numRunningTasks();
        }
        return tasks;
    }
}
