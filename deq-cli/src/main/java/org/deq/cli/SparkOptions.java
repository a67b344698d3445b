package org.deq.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.deq.spark.SparkContexts;
import picocli.CommandLine.Option;

/** The options of the commands that can run on Apache Spark: the master and extra Spark settings. */
final class SparkOptions {

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run the per-patch work on Apache Spark 4.2: local[*], or"
            + " spark://HOST:7077 for a standalone cluster whose workers see the files (archive, queries, index) at the same"
            + " paths.")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g. spark.executor.memory=8g.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** Refuses a master this build cannot use and settings that mean nothing without or with --spark, before any work. */
    void check(Integer threads) {
        if (master == null && !conf.isEmpty()) {
            throw new IllegalArgumentException("--spark-conf needs --spark MASTER");
        }
        if (master != null) {
            SparkContexts.checkMaster(master);
        }
        if (master != null && threads != null) {
            throw new IllegalArgumentException("--threads is for local threads; with --spark the master's cores do the work "
                    + "(e.g. --spark local[" + threads + "])");
        }
    }

    /** A Spark context on the master with the settings; on a cluster the wait for its first executor is announced. */
    JavaSparkContext start() {
        if (!master.startsWith("local")) {
            System.err.println("starting Spark on " + master + ": waiting for an executor (up to "
                    + SparkContexts.EXECUTOR_WAIT_SECONDS + " s)");
        }
        return SparkContexts.start(master, conf);
    }
}
