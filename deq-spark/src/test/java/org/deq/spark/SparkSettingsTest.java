package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link SparkContexts#check} refuses before Spark starts: masters, heaps and --spark-conf settings. */
class SparkSettingsTest {

    private static final long HEAP = 1L << 30;

    @Test
    void wrongSettingsAreOneLineBeforeSparkStarts() {
        assertRefused(Map.of("", "x"), "--spark-conf =x: the key is empty");
        assertRefused(Map.of("foo", "bar"), "--spark-conf foo=bar: not a Spark setting");
        assertRefused(Map.of("spark.master", "yarn"), "--spark-conf spark.master=yarn: give the master with --spark");
        assertRefused(Map.of("spark.executor.memroy", "8g"), "did you mean spark.executor.memory?");
        assertRefused(Map.of("spark.default.parallelism", "abc"),
                "--spark-conf spark.default.parallelism=abc: The value 'abc' in the config \"spark.default.parallelism\" is"
                        + " invalid. It should be a/an 'int' value.");
        assertRefused(Map.of("spark.driver.memory", "zz"), "--spark-conf spark.driver.memory=zz: The value 'zz'");
    }

    @Test
    void rightSettingsPassAndThoseWithoutEffectGetANote() {
        assertThat(SparkContexts.check("local[2]", Map.of("spark.executor.memory", "8g", "spark.default.parallelism", "8",
                "spark.executorEnv.GDAL_CACHEMAX", "512"), HEAP)).isEmpty();
        assertThat(SparkContexts.check("local[2]", Map.of("spark.driver.memory", "2g"), HEAP)).singleElement()
                .asString().startsWith("spark.driver.memory has no effect").contains("DEQ_JAVA_OPTS");
    }

    @Test
    void aStandaloneMasterNeedsAPortInRangeALocalOneAThreadAndSparkAHeapOf450Mb() {
        assertThatThrownBy(() -> SparkContexts.check("spark://nohost", Map.of(), HEAP))
                .hasMessageStartingWith("cannot start Spark on master spark://nohost: expected");
        assertThat(SparkContexts.check("spark://a:7077,b:7077", Map.of(), HEAP)).isEmpty();
        assertThatThrownBy(() -> SparkContexts.check("spark://a:7077,b:99999", Map.of(), HEAP))
                .hasMessage("cannot start Spark on master spark://a:7077,b:99999: port 99999 is not one of 1 to 65535");
        assertThatThrownBy(() -> SparkContexts.check("spark://a:0", Map.of(), HEAP)).hasMessageEndingWith("port 0 is not one of 1 to 65535");
        assertThatThrownBy(() -> SparkContexts.check("local[0]", Map.of(), HEAP))
                .hasMessage("cannot start Spark on master local[0]: local[N] needs N of at least 1");
        assertThat(SparkContexts.check("local[1,3]", Map.of(), HEAP)).isEmpty();
        assertThatThrownBy(() -> SparkContexts.check("local[2]", Map.of(), 128L << 20))
                .hasMessage("Spark needs a heap of at least 450 MB (this one holds 128 MB); raise -Xmx in DEQ_JAVA_OPTS,"
                        + " e.g. DEQ_JAVA_OPTS=-Xmx2g");
    }

    private static void assertRefused(Map<String, String> conf, String message) {
        assertThatThrownBy(() -> SparkContexts.check("local[2]", conf, HEAP)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).message().doesNotContain("\n");
    }
}
