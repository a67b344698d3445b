package org.deq.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.deq.feedback.ActiveSelector;
import org.deq.feedback.Candidates;
import org.deq.feedback.FeedbackSpace;
import org.deq.feedback.RelevanceModel;
import org.deq.feedback.SimulationSpec;
import org.deq.feedback.Strategy;

/**
 * Times relevance-feedback rounds on an archive of synthetic clustered descriptors: a simulated user marks the
 * suggested images (relevant: the query's cluster), then the round trains the SVM, scores and orders the whole archive
 * (all cores) and selects the next suggestions by active learning. A benchmark program, not a test.
 */
public final class FeedbackBenchmark {

    private static final int CLUSTERS = 20;
    /** Results a round shows, as deq feedback does by default. */
    private static final int SHOWN = 20;

    /** Smallest archive: two images of each of the {@value #CLUSTERS} clusters. */
    public static final int MIN_N = 2 * CLUSTERS;

    private FeedbackBenchmark() {
    }

    /**
     * Median times of the rounds measured.
     *
     * @param n              archive size
     * @param dim            descriptor length
     * @param marks          images marked per round
     * @param rounds         rounds per session
     * @param sessions       sessions timed (after one untimed warm-up session)
     * @param cores          available processors
     * @param centres        median centres of the last round's model (support vectors and the query)
     * @param trainMs        median time to train (kernel width, SMO)
     * @param scoreMs        median time to score the archive
     * @param orderMs        median time to order the archive by score
     * @param selectMs       median time to select the next suggestions
     * @param roundMs        median time of a whole round
     * @param maxRoundMs     slowest round
     */
    public record Result(int n, int dim, int marks, int rounds, int sessions, int cores, int centres,
                         double trainMs, double scoreMs, double orderMs, double selectMs, double roundMs,
                         double maxRoundMs) {
    }

    /**
     * {@code n} seeded Gaussian points around {@value #CLUSTERS} random centres, packed row-major; row i belongs to
     * cluster i mod {@value #CLUSTERS}. The centres are close enough (spread 0.3, noise 1) that the classes overlap.
     */
    public static float[] clusteredVectors(int n, int dim, long seed) {
        Random random = new Random(seed);
        float[] centres = new float[CLUSTERS * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (0.3 * random.nextGaussian());
        }
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int c = (i % CLUSTERS) * dim;
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = centres[c + d] + (float) random.nextGaussian();
            }
        }
        return out;
    }

    /** Runs one warm-up and {@code sessions} timed sessions of {@code rounds} rounds of {@code marks} marks each. */
    public static Result run(int n, int dim, int marks, int rounds, int sessions, long seed) {
        if (n < MIN_N || dim < 1 || marks < 1 || rounds < 1 || sessions < 1) {
            throw new IllegalArgumentException("benchmark needs n >= " + MIN_N + " and positive dim, marks, rounds "
                    + "and sessions, got n=" + n + ", dim=" + dim + ", marks=" + marks + ", rounds=" + rounds
                    + ", sessions=" + sessions);
        }
        FeedbackSpace space = FeedbackSpace.all(clusteredVectors(n, dim, seed), dim, seed);
        int timed = sessions * rounds;
        double[][] times = new double[5][timed];
        int[] centres = new int[sessions];
        for (int s = -1; s < sessions; s++) {
            int query = (s + 1) * CLUSTERS % n; // cluster 0
            int count = session(space, query, marks, rounds, seed + s, s < 0 ? null : times, s * rounds);
            if (s >= 0) {
                centres[s] = count;
            }
        }
        double[] medians = new double[5];
        for (int t = 0; t < 5; t++) {
            medians[t] = Latency.median(times[t]);
        }
        Arrays.sort(centres);
        return new Result(n, dim, marks, rounds, sessions, Runtime.getRuntime().availableProcessors(),
                centres[sessions / 2], medians[0], medians[1], medians[2], medians[3], medians[4],
                Arrays.stream(times[4]).max().orElse(0));
    }

    /** One session; fills times[stage][at + round] in ms (stages: train, score, order, select, round) unless null. */
    private static int session(FeedbackSpace space, int query, int marks, int rounds, long seed, double[][] times, int at) {
        BitSet marked = new BitSet();
        BitSet relevant = new BitSet();
        marked.set(query);
        relevant.set(query);
        RelevanceModel model = space.fit(new int[] {query}, new int[0], SimulationSpec.DEFAULT_C);
        float[] scores = space.score(model);
        int[] order = FeedbackSpace.order(scores);
        for (int r = 0; r < rounds; r++) {
            // the user's marks on the previous suggestions: a whole class can come back irrelevant, so the model may
            // still be a similarity in this round, as in a real session
            long t0 = System.nanoTime();
            int[] next = ActiveSelector.select(Strategy.ACTIVE, space, model.kind(), scores, order, marked, marks,
                    Candidates.forMarks(marks), seed + r);
            long t1 = System.nanoTime();
            for (int p : next) {
                marked.set(p);
                relevant.set(p, p % CLUSTERS == query % CLUSTERS);
            }
            BitSet irrelevant = (BitSet) marked.clone();
            irrelevant.andNot(relevant);
            long t2 = System.nanoTime();
            BitSet relevantMarks = (BitSet) relevant.clone();
            relevantMarks.clear(query);
            model = space.fit(new int[] {query}, relevantMarks.stream().toArray(), irrelevant.stream().toArray(),
                    SimulationSpec.DEFAULT_C, SimulationSpec.DEFAULT_QUERY_WEIGHT, SimulationSpec.DEFAULT_NEAREST_WEIGHT);
            long t3 = System.nanoTime();
            scores = space.score(model);
            long t4 = System.nanoTime();
            // as deep as a round of the engine takes it: the results shown, the marks, and the window marks are drawn from
            order = FeedbackSpace.order(scores, SHOWN + marked.cardinality() + Candidates.forMarks(marks).window());
            long t5 = System.nanoTime();
            if (times != null) {
                times[0][at + r] = (t3 - t2) / 1e6;
                times[1][at + r] = (t4 - t3) / 1e6;
                times[2][at + r] = (t5 - t4) / 1e6;
                times[3][at + r] = (t1 - t0) / 1e6;
                times[4][at + r] = (t5 - t0) / 1e6;
            }
        }
        return model.size();
    }
}
