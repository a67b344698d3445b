package org.deq.cli;

import java.io.PrintWriter;
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

    /** The context {@link #context} started, or null. */
    private JavaSparkContext started;

    /**
     * Refuses a master this build cannot use, a heap Spark cannot start in, wrong settings, and settings that mean
     * nothing without or with --spark, before any work; notes on settings without effect go to {@code out}.
     */
    void check(Integer threads, PrintWriter out) {
        if (master == null && !conf.isEmpty()) {
            throw new IllegalArgumentException("--spark-conf needs --spark MASTER");
        }
        if (master != null && threads != null) {
            throw new IllegalArgumentException("--threads is for local threads; with --spark the master's cores do the work "
                    + "(e.g. --spark local[" + threads + "])");
        }
        if (master != null) {
            SparkContexts.check(master, conf, Runtime.getRuntime().maxMemory()).forEach(n -> out.println("note: " + n));
        }
    }

    /**
     * The Spark context on the master with the settings, started at the first call (on a cluster the wait for its
     * first executor is announced) and the same one after.
     */
    JavaSparkContext context() {
        if (started == null) {
            if (!master.startsWith("local")) {
                System.err.println("starting Spark on " + master + ": waiting for an executor (up to "
                        + SparkContexts.EXECUTOR_WAIT_SECONDS + " s)");
            }
            started = SparkContexts.start(master, conf);
        }
        return started;
    }

    /** Stops the context if one was started; a later {@link #context} starts another. */
    void stop() {
        if (started != null) {
            started.stop();
            started = null;
        }
    }
}
