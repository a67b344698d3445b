package org.deq.spark;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Fails the jobs of a cluster application that has had no executor for a while: Spark would wait for one forever
 * (a lost worker), and the user would see a stalled progress bar. The jobs' failure is reported with the watch's reason.
 */
final class ExecutorWatch {

    /** Why the watch cancelled a context's jobs; weak, so a stopped context is not kept. */
    private static final Map<SparkContext, String> REASONS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final long POLL_MILLIS = 200;

    private ExecutorWatch() {
    }

    /**
     * Watches {@code context} on {@code master} until it stops: once jobs have been pending for {@code seconds} without
     * any executor, it cancels them and records why.
     */
    static void start(JavaSparkContext context, String master, int seconds) {
        SparkContext sc = context.sc();
        String reason = "the executors of Spark master " + master + " were lost (did its workers stop?) and none came back"
                + " in " + seconds + " s; start its workers and run the same command again";
        Thread watch = new Thread(() -> watch(sc, reason, seconds * 1_000_000_000L), "deq-executor-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void watch(SparkContext sc, String reason, long patienceNanos) {
        long idleSince = -1; // when jobs started waiting without an executor, or -1
        try {
            while (!sc.isStopped()) {
                Thread.sleep(POLL_MILLIS);
                boolean waiting = sc.getExecutorMemoryStatus().size() < 2 // the driver counts as one
                        && sc.statusTracker().getActiveJobIds().length > 0;
                long now = System.nanoTime();
                if (!waiting) {
                    idleSince = -1;
                } else if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= patienceNanos) {
                    REASONS.put(sc, reason);
                    sc.cancelAllJobs();
                    idleSince = -1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the context stopped between two calls: nothing left to watch
        }
    }

    /** Why the watch cancelled the jobs of {@code context}, or null when it did not. */
    static String reason(JavaSparkContext context) {
        return REASONS.get(context.sc());
    }
}
