package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deq}'s main does around a command, in a JVM of its own: its output's failures, locales and character sets. */
class MainProcessTest {

    @TempDir
    Path tmp;

    /** A finished {@code deq} process: exit code, standard error. */
    private record Run(int exitCode, String err) {
    }

    /** Runs deq with {@code jvmOptions} and {@code args}, its standard output to {@code out}, in {@code env} alone if given. */
    private static Run deq(List<String> jvmOptions, Map<String, String> env, File out, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Deq.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), err);
    }

    @Test
    void outputThatCannotBeWrittenIsAnErrorNotASuccess() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "needs Linux's /dev/full");
        Run run = deq(List.of(), null, full, "--help");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("deq: error: cannot write to standard output");
        assertThat(deq(List.of(), null, tmp.resolve("help.txt").toFile(), "--help").exitCode()).isZero();
    }

    @Test
    void aLocaleWithoutUtf8IsWarnedOfWhenNamesHoldWhatItCannotRead() throws Exception {
        assumeTrue(File.separatorChar == '/', "POSIX locales");
        Map<String, String> plain = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Run run = deq(List.of(), plain, tmp.resolve("out.txt").toFile(), "info", "--index", tmp.resolve("Müller").toString());
        assertThat(run.err()).contains("deq: warning: the locale's character set is", "not UTF-8", "LC_ALL=C.UTF-8");
        Run utf8 = deq(List.of(), Map.of("PATH", plain.get("PATH"), "LC_ALL", "C.UTF-8"), tmp.resolve("out2.txt").toFile(),
                "info", "--index", tmp.resolve("Müller").toString());
        assertThat(utf8.err()).doesNotContain("warning").contains("Müller");
    }

    @Test
    void numbersAreWrittenAlikeInEveryLocale() throws Exception {
        Path archive = tmp.resolve("arabic");
        Run run = deq(List.of("-Duser.language=ar", "-Duser.country=EG"), null, tmp.resolve("synth.txt").toFile(),
                "synth", "--out", archive.toString(), "--n", "2", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> metadata;
        try (Stream<Path> files = Files.walk(archive)) {
            metadata = files.filter(f -> f.toString().endsWith("_labels_metadata.json")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(metadata).hasSize(2).allMatch(json -> json.matches("(?s)[\\x00-\\x7F]*"), "ASCII only")
                .allMatch(json -> json.matches("(?s).*_R\\d{3}_.*"), "a relative orbit of three ASCII digits");
        assertThat(Files.readString(tmp.resolve("synth.txt"))).matches("(?s)[\\x00-\\x7F]*");
    }
}
