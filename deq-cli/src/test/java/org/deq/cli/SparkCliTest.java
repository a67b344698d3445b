package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deq index --spark} and {@code deq batch-query} on real UC Merced scenes, Spark in local mode. */
class SparkCliTest {

    @TempDir
    Path tmp;

    @Test
    void sparkIndexAndBatchQueriesGiveWhatLocalThreadsGive() throws IOException {
        Path archive = scenes();
        // a second file of id forest/forest03, a beach picture (ImageIO reads it by its content): both paths store the
        // .jpg and report the .png, and answer each file as itself
        Files.copy(archive.resolve("beach/beach03.jpg"), archive.resolve("forest/forest03.png"));
        Cli onSpark = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist+lbp", "--out",
                tmp.resolve("spark").toString(), "--spark", "local[2]", "--spark-conf", "spark.driver.memory=2g");
        assertThat(onSpark.exitCode()).as(onSpark.err()).isZero();
        assertThat(onSpark.out()).contains("indexed 20 patches (0 already present, 2 bad)", "forest09x.jpg",
                ", describing on Spark local[2]", "note: spark.driver.memory has no effect", "DEQ_JAVA_OPTS");
        Cli local = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist+lbp", "--out",
                tmp.resolve("local").toString());
        assertThat(local.exitCode()).as(local.err()).isZero();

        Path localCsv = tmp.resolve("out/local.csv");
        Path sparkCsv = tmp.resolve("out/spark.csv");
        Cli threads = Cli.run("batch-query", "--index", tmp.resolve("local").toString(), "--queries", archive.toString(),
                "--k", "3", "--out", localCsv.toString());
        assertThat(threads.exitCode()).as(threads.err()).isZero();
        assertThat(threads.out()).contains("answered 21 queries (1 bad)", "forest09x.jpg");
        Cli distributed = Cli.run("batch-query", "--index", tmp.resolve("spark").toString(), "--queries", archive.toString(),
                "--k", "3", "--out", sparkCsv.toString(), "--spark", "local[2]");
        assertThat(distributed.exitCode()).as(distributed.err()).isZero();

        String csv = Files.readString(sparkCsv);
        assertThat(csv).isEqualTo(Files.readString(localCsv));
        assertThat(csv.lines()).hasSize(1 + 21 * 3).first().isEqualTo("query,rank,id,distance");
        assertThat(csv).contains("\nbeach/beach04,1,beach/beach04,0.0\n", "\nforest/forest03,1,forest/forest03,0.0\n",
                "\nforest/forest03,1,beach/beach03,0.0\n");
    }

    @Test
    void batchQueriesSearchHashCodesOnBothPaths() throws IOException {
        Path archive = scenes();
        String index = tmp.resolve("hashed").toString();
        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist", "--out", index);
        assertThat(built.exitCode()).as(built.err()).isZero();
        Cli noCodes = Cli.run("batch-query", "--index", index, "--queries", archive.toString(), "--search", "mih",
                "--out", tmp.resolve("none.csv").toString());
        assertThat(noCodes.exitCode()).isEqualTo(2);
        assertThat(noCodes.err().strip()).contains("has no hash codes, which search mih needs").doesNotContain("\n");

        assertThat(Cli.run("index", "--out", index, "--hash", "lsh:bits=32").exitCode()).isZero();
        Path local = tmp.resolve("local.csv");
        Path spark = tmp.resolve("spark.csv");
        Cli threads = Cli.run("batch-query", "--index", index, "--queries", archive.toString(), "--search", "hamming",
                "--k", "4", "--out", local.toString());
        assertThat(threads.exitCode()).as(threads.err()).isZero();
        assertThat(threads.out()).contains("hamming over lsh:bits=32");
        Cli distributed = Cli.run("batch-query", "--index", index, "--queries", archive.toString(), "--search", "hamming",
                "--k", "4", "--out", spark.toString(), "--spark", "local[2]");
        assertThat(distributed.exitCode()).as(distributed.err()).isZero();
        assertThat(Files.readString(spark)).isEqualTo(Files.readString(local)).contains("\nbeach/beach02,1,beach/beach02,0.0\n");
    }

    @Test
    void sparkOptionsAreCheckedBeforeAnyWork() throws IOException {
        Path archive = scenes();
        String out = tmp.resolve("idx").toString();
        Cli confAlone = Cli.run("index", "--archive", archive.toString(), "--out", out, "--spark-conf", "spark.executor.memory=2g");
        assertThat(confAlone.exitCode()).isEqualTo(2);
        assertThat(confAlone.err().strip()).isEqualTo("deq: error: --spark-conf needs --spark MASTER");
        Cli both = Cli.run("index", "--archive", archive.toString(), "--out", out, "--spark", "local[2]", "--threads", "2");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--threads is for local threads", "local[2]");
        assertThat(Files.exists(Path.of(out))).isFalse();

        Cli badMaster = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist", "--out", out,
                "--spark", "nonsense://x");
        assertThat(badMaster.exitCode()).isEqualTo(2);
        assertThat(badMaster.err().strip()).startsWith("deq: error: cannot start Spark on master nonsense://x").doesNotContain("\n");
        assertThat(Files.exists(Path.of(out))).as("no index is left behind").isFalse();

        for (String conf : new String[] {"=x", "foo=bar", "spark.master=yarn", "spark.executor.memroy=8g",
                "spark.default.parallelism=abc"}) {
            Cli badConf = Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist", "--out", out,
                    "--spark", "local[2]", "--spark-conf", conf);
            assertThat(badConf.exitCode()).as(conf).isEqualTo(2);
            assertThat(badConf.err().strip()).startsWith("deq: error: --spark-conf " + conf + ": ").doesNotContain("\n");
            assertThat(Files.exists(Path.of(out))).isFalse();
        }
        Cli noValue = Cli.run("index", "--archive", archive.toString(), "--out", out, "--spark", "local[2]", "--spark-conf",
                "spark.executor.extraClassPath");
        assertThat(noValue.err().strip()).isEqualTo("deq: error: Value for option '--spark-conf' (KEY=VALUE) should be in"
                + " KEY=VALUE format but was spark.executor.extraClassPath (deq index --help lists the options)");
        Cli noPort = Cli.run("batch-query", "--index", out, "--queries", archive.toString(), "--out",
                tmp.resolve("q.csv").toString(), "--spark", "spark://nohost");
        assertThat(noPort.err().strip()).startsWith("deq: error: cannot start Spark on master spark://nohost: expected");
        Cli benchConf = Cli.run("bench", "ingest", "--quick", "--spark", "local[2]", "--spark-conf", "spark.executor.memroy=1g");
        assertThat(benchConf.exitCode()).isEqualTo(2);
        assertThat(benchConf.err().strip()).contains("did you mean spark.executor.memory?");
        assertThat(benchConf.out()).as("nothing measured first").isEmpty();
        Cli bench = Cli.run("bench", "ingest", "--quick", "--spark", "yarn");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.err().strip()).startsWith("deq: error: cannot start Spark on master yarn").doesNotContain("\n");
        assertThat(bench.out()).as("nothing measured first").isEmpty();
        Cli quickWithN = Cli.run("bench", "ingest", "--quick", "--n", "50");
        assertThat(quickWithN.exitCode()).isEqualTo(2);
        assertThat(quickWithN.err()).contains("--quick runs 200 patches once");

        assertThat(Cli.run("index", "--archive", archive.toString(), "--descriptor", "hsv-hist", "--out", out).exitCode()).isZero();
        Cli hashOnly = Cli.run("index", "--out", out, "--hash", "lsh:bits=32", "--spark", "local[2]");
        assertThat(hashOnly.exitCode()).isEqualTo(2);
        assertThat(hashOnly.err()).contains("--spark describes an --archive's patches");

        Path badQueries = tmp.resolve("bad-queries/q");
        Files.createDirectories(badQueries);
        Files.writeString(badQueries.resolve("broken.jpg"), "not a JPEG");
        Cli nothing = Cli.run("batch-query", "--index", out, "--queries", badQueries.getParent().toString(), "--out",
                tmp.resolve("nothing.csv").toString(), "--spark", "local[2]");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err().strip()).contains("none of the 1 queries could be answered", "broken.jpg").doesNotContain("\n");
        assertThat(Files.exists(tmp.resolve("nothing.csv"))).isFalse();
    }

    /** Ten real UC Merced scenes each of beaches and forests, and one broken forest file. */
    private Path scenes() throws IOException {
        Path archive = TestData.ucMercedScenes(tmp.resolve("scenes"), 10, "beach", "forest");
        Files.writeString(archive.resolve("forest/forest09x.jpg"), "not a JPEG");
        return archive;
    }
}
