package org.deq.spark;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Starts the Spark context deq's jobs run in: no web UI, loopback addresses for a local master, the caller's settings last. */
public final class SparkContexts {

    /** The masters spark-core runs on by itself (local and standalone; YARN and Kubernetes need modules deq does not ship). */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://\\S+");

    private SparkContexts() {
    }

    /**
     * A context on {@code master} ({@code local[*]} or {@code spark://host:7077}) with {@code conf}
     * applied over deq's defaults. A master Spark cannot use is a one-line {@link IllegalArgumentException}.
     */
    public static JavaSparkContext start(String master, Map<String, String> conf) {
        checkMaster(master);
        quietLogs(master.startsWith("local"));
        SparkConf sc = new SparkConf().setMaster(master).setAppName("deq").set("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            // a laptop or CI machine may have no resolvable host name; a local job never leaves the machine
            sc.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(sc::set);
        try {
            return new JavaSparkContext(sc);
        } catch (Exception e) { // Scala throws SparkException undeclared
            throw new IllegalArgumentException("cannot start Spark on master " + master + ": "
                    + (e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : e.toString()), e);
        }
    }

    /** Refuses a master this build cannot run on, in one line (Spark would log a stack trace first). */
    public static void checkMaster(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("cannot start Spark on master " + master
                    + ": expected local, local[N], local[*] or spark://host:port (a standalone cluster)");
        }
    }

    /**
     * Spark's INFO lines (dozens per job) would bury deq's own output: its loggers print warnings and errors only, unless
     * the user set a level for them ({@code -Dorg.slf4j.simpleLogger.log.org.apache.spark=info}).
     */
    private static void quietLogs(boolean local) {
        for (String logger : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty"}) {
            quiet(logger, "warn");
        }
        quiet("org.apache.hadoop.util.NativeCodeLoader", "error"); // Spark works without Hadoop's native library
        // a failed task's stack trace, logged by the executor and again by the scheduler; the job's error names its cause
        quiet("org.apache.spark.executor.Executor", "off");
        quiet("org.apache.spark.scheduler.TaskSetManager", "off");
        if (local) {
            quiet("org.apache.spark.util.Utils", "error"); // host-name advice matters on a cluster, not on one machine
        }
    }

    private static void quiet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }
}
