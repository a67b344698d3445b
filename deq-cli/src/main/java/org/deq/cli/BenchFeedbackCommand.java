package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deq.bench.FeedbackBenchmark;
import org.deq.describe.DescriptorSpecs;
import org.deq.feedback.FeedbackEngine;
import org.deq.vectors.PackedVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq bench feedback}: time of a relevance-feedback round on a large synthetic archive. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        header = "Time of one relevance-feedback round on synthetic descriptors.",
        description = {"Time of one relevance-feedback round (train the SVM on the marks, score and order the whole",
                "archive on all cores, select the next images by active learning) on --n synthetic clustered descriptors",
                "of the default Sentinel-2 dimension; medians over --sessions sessions of --rounds rounds, after one",
                "untimed warm-up session."})
final class BenchFeedbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--n", defaultValue = "100000", description = "Archive size, at least " + FeedbackBenchmark.MIN_N + " (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--dim", description = "Descriptor length (default: that of the default Sentinel-2 descriptor).")
    Integer dim;

    @Option(names = "--marks", defaultValue = "10", description = "Images marked per round; --rounds × --marks at most "
            + FeedbackEngine.MAX_MARKS + " (a session's marks, as in deq feedback) and below --n (default ${DEFAULT-VALUE}).")
    int marks;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds per session (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--sessions", defaultValue = "3", description = "Timed sessions (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the descriptors and the clustering (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Write the result as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        OutputFiles.prepareJson("--json", json);
        int d = dim != null ? dim : DescriptorSpecs.parse(DescriptorSpecs.DEFAULT_S2).dimension();
        check(d);
        FeedbackBenchmark.Result r = FeedbackBenchmark.run(n, d, marks, rounds, sessions, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "feedback round on %d patches of dimension %d, %d marks per round, %d cores, %s "
                + "(%s of %d), last model %d centres (support vectors + query)%n", r.n(), r.dim(), r.marks(),
                r.cores(), Format.count((long) r.sessions() * r.rounds(), "round", "rounds"),
                Format.count(r.sessions(), "session", "sessions"), r.rounds(), r.centres());
        out.printf(Locale.ROOT, "median ms: round %.1f (train %.1f, score %.1f, order %.1f, select %.1f); "
                + "slowest round %.1f%n", r.roundMs(), r.trainMs(), r.scoreMs(), r.orderMs(), r.selectMs(), r.maxRoundMs());
        out.flush();
        if (json != null) {
            OutputFiles.writeJson(json, r);
            out.println("wrote " + json);
        }
        return 0;
    }

    /**
     * Refuses an option out of its range with a line naming it: a session holds at most {@link FeedbackEngine#MAX_MARKS}
     * marks, as in {@code deq feedback}, each of an image other than the query.
     */
    private void check(int d) {
        Counts.atLeast("--n", n, FeedbackBenchmark.MIN_N);
        Counts.atLeast("--dim", d, 1);
        Counts.atLeast("--marks", marks, 1);
        Counts.atLeast("--rounds", rounds, 1);
        Counts.atLeast("--sessions", sessions, 1);
        long perSession = (long) rounds * marks;
        if (perSession > FeedbackEngine.MAX_MARKS) {
            throw new IllegalArgumentException("--rounds × --marks: " + rounds + " × " + marks + " make " + perSession
                    + " marks per session; a session holds at most " + FeedbackEngine.MAX_MARKS);
        }
        if (perSession >= n) {
            throw new IllegalArgumentException("--rounds × --marks: " + rounds + " × " + marks + " make " + perSession
                    + " marks per session, but --n " + n + " holds only " + (n - 1) + " images besides the query");
        }
        PackedVectors.arrayLength((long) n * d, "--n × --dim (" + n + " × " + d + " floats)");
    }
}
