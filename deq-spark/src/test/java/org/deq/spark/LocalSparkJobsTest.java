package org.deq.spark;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Spark jobs in local mode: tasks run on threads of the test's JVM, serialised as on a cluster. */
class LocalSparkJobsTest extends SparkJobsTest {

    @BeforeAll
    static void start() {
        spark = SparkContexts.start("local[2]", Map.of());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }
}
