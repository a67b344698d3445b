package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deq synth refuses to write an empty archive, or into a file or a folder that holds something. */
class SynthCommandTest {

    @TempDir
    Path tmp;

    @Test
    void noPatchesIsAOneLineErrorAndWritesNothing() {
        Path out = tmp.resolve("empty");
        Cli run = Cli.run("synth", "--out", out.toString(), "--n", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: --n must be at least 1 (0 only with --pairs), got 0");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutThatIsAFileIsCalledAFile() throws java.io.IOException {
        Path file = tmp.resolve("info.json");
        java.nio.file.Files.writeString(file, "{}");
        Cli run = Cli.run("synth", "--out", file.toString(), "--n", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: " + file + ": is a file; --out names a folder to write the archive"
                + " into (new or empty)");
        assertThat(java.nio.file.Files.readString(file)).isEqualTo("{}");
        java.nio.file.Files.createDirectories(tmp.resolve("full/x"));
        assertThat(Cli.run("synth", "--out", tmp.resolve("full").toString(), "--n", "5").err())
                .contains("exists and is not an empty folder");
    }

    @Test
    void pairsAloneAreAnArchive() {
        Cli run = Cli.run("synth", "--out", tmp.resolve("pairs").toString(), "--n", "0", "--pairs", "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wrote 2 patches");
    }
}
