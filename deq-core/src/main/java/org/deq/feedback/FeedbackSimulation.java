package org.deq.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.deq.concurrent.Workers;
import org.deq.eval.LabelTruth;
import org.deq.eval.RankMetrics;
import org.deq.vectors.Shuffle;

/**
 * Replays feedback sessions over a whole archive with a simulated user who marks by the ground truth under the spec's
 * {@link Relevance} definition. Each query image starts a session per strategy; after every round the ranking of the
 * pool, without the query (and the marked images when the spec says so), is scored by precision@10/@20 and AP@20.
 * Results do not depend on the number of threads.
 */
public final class FeedbackSimulation {

    private static final int TOP = 20;
    private static final int METRICS = 3;

    private final FeedbackSpace space;
    private final LabelTruth truth;
    private final SimulationSpec spec;

    /**
     * A simulation over a pool holding the whole archive (pool position = truth ordinal), with the spec's kernel and
     * kernel width whatever the space was given.
     */
    public FeedbackSimulation(FeedbackSpace space, LabelTruth truth, SimulationSpec spec) {
        if (space.size() != truth.size()) {
            throw new IllegalArgumentException("the pool holds " + space.size() + " images but the truth labels "
                    + truth.size() + "; simulate on the whole archive");
        }
        this.space = space.withKernel(spec.kernel()).withKernelWidth(spec.kernelWidth());
        this.truth = truth;
        this.spec = spec;
    }

    /**
     * Up to {@code perStratum} seeded random queries from each class (or lowest label), ascending; an item without a
     * label is none (nothing is relevant to it), as in {@link org.deq.eval.EvalProtocol#resolve}.
     */
    public static int[] sampleQueries(LabelTruth truth, int perStratum, long seed) {
        if (perStratum < 1) {
            throw new IllegalArgumentException("queries per class must be at least 1, got " + perStratum);
        }
        int[] order = new int[truth.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Shuffle.range(order, 0, order.length, new Random(seed));
        int strata = 0;
        for (int i = 0; i < truth.size(); i++) {
            strata = Math.max(strata, truth.stratum(i) + 2);
        }
        int[] taken = new int[strata];
        int[] out = new int[order.length];
        int n = 0;
        for (int item : order) {
            if (truth.labelSetSize(item) == 0) {
                continue;
            }
            int s = truth.stratum(item) + 1;
            if (taken[s] < perStratum) {
                taken[s]++;
                out[n++] = item;
            }
        }
        int[] queries = Arrays.copyOf(out, n);
        Arrays.sort(queries);
        return queries;
    }

    /** Runs one session per query and strategy on {@code threads} threads and averages the figures. */
    public SimulationReport run(int[] queries, int threads) {
        if (queries.length == 0) {
            throw new IllegalArgumentException("no query to simulate");
        }
        int nStrategies = spec.strategies().size();
        int rounds = spec.rounds() + 1;
        // per query: [strategy][round][metric], plus marks and nanoseconds per round; summed in query order afterwards
        double[][] perQuery = new double[queries.length][];
        ExecutorService pool = Workers.pool(threads, "deq-feedback-simulation");
        try {
            List<Future<double[]>> futures = new ArrayList<>(queries.length);
            for (int q : queries) {
                futures.add(pool.submit(() -> session(q)));
            }
            for (int i = 0; i < queries.length; i++) {
                perQuery[i] = futures.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("feedback simulation interrupted", e);
        } catch (ExecutionException e) {
            throw Workers.unwrap(e, "feedback simulation", RuntimeException.class);
        } finally {
            pool.shutdownNow();
        }
        List<SimulationReport.Row> rows = new ArrayList<>();
        int stride = METRICS + 2;
        for (int s = 0; s < nStrategies; s++) {
            for (int r = 0; r < rounds; r++) {
                double[] sum = new double[stride];
                for (double[] values : perQuery) {
                    for (int m = 0; m < stride; m++) {
                        sum[m] += values[(s * rounds + r) * stride + m];
                    }
                }
                double n = queries.length;
                rows.add(new SimulationReport.Row(spec.strategies().get(s).key(), r, sum[3] / n, sum[0] / n, sum[1] / n,
                        sum[2] / n, sum[4] / n / 1e6));
            }
        }
        return new SimulationReport(queries.length, space.size(), spec, rows);
    }

    /** The figures of every strategy and round for one query, packed [strategy][round][P@10, P@20, AP@20, marks, ns]. */
    private double[] session(int query) {
        int rounds = spec.rounds() + 1;
        int stride = METRICS + 2;
        double[] out = new double[spec.strategies().size() * rounds * stride];
        for (int s = 0; s < spec.strategies().size(); s++) {
            Strategy strategy = spec.strategies().get(s);
            Marks marks = new Marks(query);
            int[] queryRow = {query};
            RelevanceModel model = space.fit(queryRow, new int[0], spec.c());
            float[] scores = space.score(model, false);
            boolean initialMarks = spec.initialRelevant() + spec.initialIrrelevant() > 0;
            int[] order = initialMarks ? FeedbackSpace.order(scores) : order(scores, marks); // those may lie anywhere
            if (initialMarks) {
                markInitial(query, order, marks);
                model = fit(queryRow, marks);
                scores = space.score(model, false);
                order = order(scores, marks);
            }
            long seed = spec.seed() * 31 + query;
            for (int r = 0; r < rounds; r++) {
                int at = (s * rounds + r) * stride;
                measure(query, order, marks, out, at);
                out[at + 3] = marks.count - 1;
                if (r + 1 == rounds) {
                    break;
                }
                long start = System.nanoTime();
                int[] next = ActiveSelector.select(strategy, space, model.kind(), scores, order, marks.excluded,
                        spec.marks(), spec.candidates(), seed + r);
                for (int p : next) {
                    marks.add(p, relevant(query, p));
                }
                model = fit(queryRow, marks);
                scores = space.score(model, false);
                order = order(scores, marks);
                out[at + stride + 4] = System.nanoTime() - start; // the time of a round is reported with that round
            }
        }
        return out;
    }

    /**
     * The ranking as deep as a round looks ({@link FeedbackSpace#order(float[], int)}, a prefix of the whole): the
     * figures' top past the marked images, and the marks drawn from the window past them; Demir & Bruzzone's uncertain
     * set (no window) spans the whole pool.
     */
    private int[] order(float[] scores, Marks marks) {
        Candidates c = spec.candidates();
        if (c.window() == 0) {
            return FeedbackSpace.order(scores);
        }
        return FeedbackSpace.order(scores, TOP + marks.count + Math.max(spec.marks(), Math.max(c.uncertain(), c.window())));
    }

    private RelevanceModel fit(int[] queryRow, Marks marks) {
        return space.fit(queryRow, marks.rows(true), marks.rows(false), spec.c(), spec.queryWeight(), spec.nearestWeight());
    }

    /** The simulated user's judgement, also the relevance that the figures count. */
    private boolean relevant(int query, int item) {
        return spec.relevance().relevant(truth, query, item);
    }

    /** The user scans the first ranking and marks the first relevant and irrelevant images the spec asks for. */
    private void markInitial(int query, int[] order, Marks marks) {
        int relevant = 1; // the query is one of the relevant examples
        int irrelevant = 0;
        for (int i = 0; i < order.length && (relevant < spec.initialRelevant() || irrelevant < spec.initialIrrelevant()); i++) {
            int p = order[i];
            if (marks.excluded.get(p)) {
                continue;
            }
            boolean rel = relevant(query, p);
            if (rel && relevant < spec.initialRelevant()) {
                marks.add(p, true);
                relevant++;
            } else if (!rel && irrelevant < spec.initialIrrelevant()) {
                marks.add(p, false);
                irrelevant++;
            }
        }
    }

    private void measure(int query, int[] order, Marks marks, double[] out, int at) {
        boolean[] rel = new boolean[TOP];
        int n = 0;
        for (int i = 0; i < order.length && n < TOP; i++) {
            int p = order[i];
            if (p == query || (spec.excludeMarked() && marks.excluded.get(p))) {
                continue;
            }
            rel[n++] = relevant(query, p);
        }
        out[at] = RankMetrics.precision(rel, Math.min(10, n));
        out[at + 1] = RankMetrics.precision(rel, n);
        out[at + 2] = RankMetrics.averagePrecisionAtK(rel, n);
    }

    /** The marks of one simulated session by pool position; the query is marked relevant. */
    private static final class Marks {
        final BitSet excluded = new BitSet();
        final BitSet relevant = new BitSet();
        final int query;
        int count;

        Marks(int query) {
            this.query = query;
            add(query, true);
        }

        void add(int position, boolean isRelevant) {
            excluded.set(position);
            relevant.set(position, isRelevant);
            count++;
        }

        /** Marked positions of one class, the query left out. */
        int[] rows(boolean ofRelevant) {
            BitSet set = (BitSet) excluded.clone();
            if (ofRelevant) {
                set.and(relevant);
                set.clear(query);
            } else {
                set.andNot(relevant);
            }
            return set.stream().toArray();
        }
    }
}
