package org.deq.spark;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deq.ingest.Workers;

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
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(sc);
        } catch (Exception e) { // Scala throws SparkException undeclared
            throw new IllegalArgumentException("cannot start Spark on master " + master + ": "
                    + Workers.message(e).lines().findFirst().orElse(""), e);
        }
        if (!master.startsWith("local")) {
            awaitExecutors(context, master);
        }
        return context;
    }

    /** Seconds a cluster gets to give the job its first executor before deq gives up (Spark's own retries take 60). */
    public static final int EXECUTOR_WAIT_SECONDS = 90;

    /**
     * Waits until the cluster has given the application an executor: a master that cannot be reached (Spark gives up
     * after its retries and stops the context) or never schedules deq is one line, not a failure in the first job.
     */
    private static void awaitExecutors(JavaSparkContext context, String master) {
        long deadline = System.nanoTime() + EXECUTOR_WAIT_SECONDS * 1_000_000_000L;
        while (true) {
            if (context.sc().isStopped()) {
                throw new IllegalArgumentException("cannot start Spark on master " + master + ": the master is unreachable or "
                        + "refused the application (its log says why)");
            }
            try {
                if (context.sc().getExecutorMemoryStatus().size() >= 2) { // the driver counts as one
                    return;
                }
            } catch (IllegalStateException e) {
                continue; // stopped between the two calls: the check above says so
            }
            if (System.nanoTime() > deadline) {
                context.stop();
                throw new IllegalArgumentException("no executor of Spark master " + master + " registered in "
                        + EXECUTOR_WAIT_SECONDS + " s: are its workers up, with the cores and memory asked for?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context.stop();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
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
        // connection retries to a master that does not answer: dozens of stack traces for one cause, which deq names
        quiet("org.apache.spark.deploy.client.StandaloneAppClient$ClientEndpoint", "off");
        quiet("org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend", "off");
        quiet("org.apache.spark.SparkContext", "off");
        quiet("org.apache.spark.rpc.netty", "off");
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
