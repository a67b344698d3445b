package org.deq.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;
import org.deq.io.Failures;
import org.deq.spec.Spelling;

/** Checks {@code --spark-conf} settings against Spark's own registry of settings before Spark starts. */
final class SparkSettings {

    /** Settings read when a JVM starts: the driver is deq's JVM, already running. */
    private static final Set<String> DRIVER_LAUNCH = Set.of("spark.driver.memory", "spark.driver.extraJavaOptions",
            "spark.driver.extraClassPath", "spark.driver.extraLibraryPath");

    /** Largest edit distance at which an unknown key is taken for a typo of a known one. */
    private static final int TYPO_DISTANCE = 2;

    private SparkSettings() {
    }

    /**
     * Refuses, in one line, a setting Spark would ignore or refuse only once started: an empty key or one outside
     * {@code spark.}, {@code spark.master} (deq's --spark sets it), a value a known setting cannot take, and an unknown
     * key a letter or two off a known one. Returns notes on settings that have no effect.
     */
    static List<String> check(Map<String, String> conf) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String key = e.getKey();
            String given = "--spark-conf " + key + "=" + e.getValue() + ": ";
            if (key.isBlank()) {
                throw new IllegalArgumentException(given + "the key is empty (KEY=VALUE, e.g. spark.executor.memory=8g)");
            }
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException(given + "not a Spark setting (their keys start with spark.)");
            }
            if (key.equals("spark.master")) {
                throw new IllegalArgumentException(given + "give the master with --spark");
            }
            ConfigEntry<?> entry = entry(key);
            if (entry == null) {
                String near = nearest(key);
                if (near != null) {
                    throw new IllegalArgumentException(given + "Spark knows no such setting; did you mean " + near + "?");
                }
                continue;
            }
            try {
                new SparkConf(false).set(key, e.getValue()).get(entry);
            } catch (RuntimeException bad) { // Scala's SparkIllegalArgumentException, NumberFormatException
                throw new IllegalArgumentException(given + reason(bad), bad);
            }
            if (DRIVER_LAUNCH.contains(key)) {
                notes.add(key + " has no effect: the driver is deq's own JVM, already started (its heap and options come"
                        + " from DEQ_JAVA_OPTS, e.g. DEQ_JAVA_OPTS=-Xmx8g)");
            }
        }
        return notes;
    }

    /** The setting Spark registered under {@code key}, or null; loading Spark's settings registers the core ones. */
    private static ConfigEntry<?> entry(String key) {
        org.apache.spark.internal.config.package$.MODULE$.getClass(); // registers spark-core's settings
        return ConfigEntry.findEntry(key);
    }

    /** The known key nearest {@code key} when it is a typo's distance away, else null. */
    private static String nearest(String key) {
        return Spelling.nearest(key, ConfigEntry$.MODULE$.knownConfigs().keySet(), TYPO_DISTANCE);
    }

    /** Spark's reason without its error class and SQL state: "The value 'abc' ... should be a/an 'int' value". */
    private static String reason(RuntimeException e) {
        String m = Failures.firstLine(e);
        return m.replaceFirst("^\\[[A-Z_.]+] ", "").replaceFirst("\\s*SQLSTATE: \\w+$", "");
    }
}
