package org.deq.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A real Spark standalone cluster on this machine: a master and workers, each its own JVM started from the test's
 * class path, as {@code sbin/start-master.sh} and {@code start-worker.sh} of a Spark distribution start them. The
 * worker launches executors as separate JVMs, so a job crosses process boundaries as on a multi-machine cluster.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path dir;
    private final String master;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private StandaloneCluster(Path dir, int port) {
        this.dir = dir;
        this.master = "spark://127.0.0.1:" + port;
    }

    /** Starts a master and {@code workers} workers of {@code cores} cores each under {@code dir} (logs, executors' work folders). */
    static StandaloneCluster start(Path dir, int workers, int cores) throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        // the worker builds executor command lines from SPARK_HOME/jars; deq's classes come by extraClassPath instead
        Files.createDirectories(home.resolve("jars"));
        int port = freePort();
        StandaloneCluster cluster = new StandaloneCluster(dir, port);
        // the worker starts executors with $JAVA_HOME/bin/java: the test's own JDK
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
        try {
            cluster.launch("master", env, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
            cluster.awaitLog("master", "Starting Spark master");
            for (int w = 0; w < workers; w++) {
                cluster.launch("worker" + w, env, "org.apache.spark.deploy.worker.Worker", cluster.master,
                        "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", "1g", "--webui-port", "0",
                        "--work-dir", dir.resolve("work" + w).toString());
            }
            for (int w = 0; w < workers; w++) {
                cluster.awaitLog("worker" + w, "Successfully registered with master");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close(); // a cluster that did not start leaves no JVM behind
            throw e;
        }
        return cluster;
    }

    /** The master URL, {@code spark://127.0.0.1:PORT}. */
    String master() {
        return master;
    }

    /** The Spark settings a driver needs here: the test's class path for the executors, a loopback driver address. */
    Map<String, String> driverConf() {
        return Map.of("spark.executor.extraClassPath", classPath(), "spark.executor.memory", "1g",
                "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1");
    }

    /** The standard error of every executor worker {@code w} has launched (one file per executor and application). */
    List<Path> executorLogs(int w) throws IOException {
        Path work = dir.resolve("work" + w);
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (var files = Files.walk(work)) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
        }
    }

    /** Kills worker {@code w} and its executors at once, as when its machine fails. */
    void kill(int w) {
        Process worker = processes.get(names.indexOf("worker" + w));
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    private void launch(String name, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        names.add(name);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        processes.add(process);
        // a test JVM that dies or is killed before close() takes its daemons (and their executors) with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
    }

    /** Waits up to 60 s for {@code text} in a daemon's log; a daemon that exits or never says it is one exception. */
    private void awaitLog(String name, String text) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        Process process = processes.get(names.indexOf(name));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        throw new IllegalStateException("Spark " + name + " did not start: " + tail.substring(Math.max(0, tail.length() - 2000)));
    }

    /** Stops the workers (and their executors), then the master. */
    @Override
    public void close() throws InterruptedException {
        // closing twice (a failed start, then the test's stop) finds the processes already gone
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /** Ends a test class's application on {@code cluster}, then the cluster; either may be null (a failed start). */
    static void stop(JavaSparkContext spark, StandaloneCluster cluster) throws InterruptedException {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The test's class path: surefire names it in a property when it starts the tests from a manifest-only jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
