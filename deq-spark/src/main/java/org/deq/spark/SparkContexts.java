package org.deq.spark;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.cluster.CoarseGrainedSchedulerBackend;
import org.apache.spark.util.ShutdownHookManager;
import org.deq.io.Failures;
import scala.runtime.BoxedUnit;

/** Starts the Spark context deq's jobs run in: no web UI, loopback addresses for a local master, the caller's settings last. */
public final class SparkContexts {

    /** The masters spark-core runs on by itself (local and standalone; YARN and Kubernetes need modules deq does not ship). */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s/:,]+:\\d+(,[^\\s/:,]+:\\d+)*");

    /** The heap below which Spark refuses to start its driver: 1.5 times the 300 MB it reserves (UnifiedMemoryManager). */
    static final long MIN_HEAP_BYTES = 450L << 20;

    private SparkContexts() {
    }

    /**
     * A context on {@code master} ({@code local[*]} or {@code spark://host:7077}) with {@code conf}
     * applied over deq's defaults. A master Spark cannot use is a one-line {@link IllegalArgumentException}.
     */
    public static JavaSparkContext start(String master, Map<String, String> conf) {
        return start(master, conf, EXECUTOR_WAIT_SECONDS);
    }

    /** As above; on a cluster, jobs left without any executor for {@code lostSeconds} fail ({@link ExecutorWatch}). */
    static JavaSparkContext start(String master, Map<String, String> conf, int lostSeconds) {
        check(master, conf, Runtime.getRuntime().maxMemory());
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
            // a cluster context stopped while it starts (a master that gives up) fails in Spark's own code, often an NPE
            if (!master.startsWith("local") && (e instanceof NullPointerException || e instanceof IllegalStateException)) {
                throw new IllegalArgumentException(unreachable(master), e);
            }
            throw new IllegalArgumentException("cannot start Spark on master " + master + ": "
                    + Failures.firstLine(e), e);
        }
        // Ctrl-C: Spark's own hooks stop the local executor and the context; this one runs before them. It holds the
        // context weakly: a stopped context of a JVM that starts many (benchmarks, tests) is not kept until exit
        WeakReference<JavaSparkContext> held = new WeakReference<>(context);
        ShutdownHookManager.addShutdownHook(ShutdownHookManager.DEFAULT_SHUTDOWN_PRIORITY() + 1, () -> {
            JavaSparkContext running = held.get();
            if (running != null) {
                drain(running);
            }
            return BoxedUnit.UNIT;
        });
        if (!master.startsWith("local")) {
            awaitExecutors(context, master);
            ExecutorWatch.start(context, master, lostSeconds);
        }
        return context;
    }

    /**
     * The cores {@code context} runs tasks on: {@code spark.default.parallelism} when set, else a local master's
     * threads, or on a cluster the cores of the executors registered now (Spark's default parallelism is at least 2
     * there, so a cluster of one 1-core worker would get twice the tasks it can run).
     */
    public static int cores(JavaSparkContext context) {
        if (!context.getConf().contains("spark.default.parallelism")
                && context.sc().schedulerBackend() instanceof CoarseGrainedSchedulerBackend cluster) {
            return Math.max(1, cluster.totalCoreCount().get());
        }
        return context.defaultParallelism();
    }

    /** Seconds the JVM's shutdown gives the jobs in flight to end before it cancels them. */
    static final int DRAIN_SECONDS = 5;

    /**
     * Lets the jobs in flight end (up to {@link #DRAIN_SECONDS}, so an ingest stores the batches it has started), then
     * cancels the rest and waits for their tasks: a task ending after the context stopped makes Spark log a stack trace
     * ("Exception in statusUpdate ... RejectedExecutionException").
     */
    private static void drain(JavaSparkContext context) {
        long deadline = System.nanoTime() + DRAIN_SECONDS * 1_000_000_000L;
        try {
            while (!context.sc().isStopped() && context.statusTracker().getActiveJobIds().length > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (context.sc().isStopped()) {
                return;
            }
            context.cancelAllJobs();
            deadline = System.nanoTime() + 2_000_000_000L;
            while (!context.sc().isStopped() && running(context) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // stopped meanwhile: nothing runs
        }
    }

    private static int running(JavaSparkContext context) {
        int tasks = 0;
        for (SparkExecutorInfo info : context.statusTracker().getExecutorInfos()) {
            tasks += info.numRunningTasks();
        }
        return tasks;
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
                throw new IllegalArgumentException(unreachable(master));
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
                        + EXECUTOR_WAIT_SECONDS + " s: are its workers up, with the cores and memory asked for? If they are,"
                        + " the executors may fail to start: check that spark.executor.extraClassPath points at deq's lib"
                        + " folder on every worker, and the worker's executor logs (work/app-*/*/stderr)");
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

    /** Why a context on a cluster's {@code master} stopped as it started, or before its first executor. */
    private static String unreachable(String master) {
        return "cannot start Spark on master " + master + ": the master is unreachable, refused the application, or its"
                + " workers could not launch executors (the master's and workers' logs say why; a worker needs SPARK_HOME set)";
    }

    /**
     * Refuses, in one line and before any work, what Spark would refuse only once started (after a stack trace or a
     * wait): a master this build cannot run on, a heap of {@code maxHeap} bytes too small for Spark's driver, and the
     * settings {@link SparkSettings#check} refuses. Returns its notes on settings that have no effect.
     */
    public static List<String> check(String master, Map<String, String> conf, long maxHeap) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("cannot start Spark on master " + master
                    + ": expected local, local[N], local[*] or spark://host:port (a standalone cluster)");
        }
        checkNumbers(master);
        if (maxHeap < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("Spark needs a heap of at least " + (MIN_HEAP_BYTES >> 20) + " MB (this one"
                    + " holds " + (maxHeap >> 20) + " MB); raise -Xmx in DEQ_JAVA_OPTS, e.g. DEQ_JAVA_OPTS=-Xmx2g");
        }
        quietLogs(); // before Spark's first class logs
        return SparkSettings.check(conf);
    }

    private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\d+)");
    private static final Pattern PORT = Pattern.compile(":(\\d+)");

    /** Refuses the numbers {@link #MASTER} admits that Spark refuses only once started (or after a minute's wait). */
    private static void checkNumbers(String master) {
        Matcher threads = LOCAL_THREADS.matcher(master);
        if (threads.lookingAt() && threads.group(1).matches("0+")) {
            throw new IllegalArgumentException("cannot start Spark on master " + master + ": local[N] needs N of at least 1");
        }
        Matcher port = PORT.matcher(master);
        while (port.find()) {
            String p = port.group(1);
            if (p.length() > 5 || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                throw new IllegalArgumentException("cannot start Spark on master " + master + ": port " + p
                        + " is not one of 1 to 65535");
            }
        }
    }

    /**
     * Spark's INFO lines (dozens per job) would bury deq's own output: its loggers print warnings and errors only, unless
     * the user set a level for them ({@code -Dorg.slf4j.simpleLogger.log.org.apache.spark=info}).
     */
    private static void quietLogs() {
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
        // "your hostname resolves to a loopback address; set SPARK_LOCAL_IP" on every run of many machines: the workers
        // reach the driver at the address it names, and a cluster that cannot is one line from deq
        quiet("org.apache.spark.util.Utils", "error");
        // "Stopping a MetricsSystem that is not running", when a context that failed to start is cleaned up
        quiet("org.apache.spark.metrics.MetricsSystem", "error");
    }

    private static void quiet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }
}
