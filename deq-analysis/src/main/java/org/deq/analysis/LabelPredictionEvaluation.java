package org.deq.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongConsumer;
import org.deq.analysis.LabelPrediction.Neighbours;
import org.deq.analysis.LabelPrediction.Prediction;
import org.deq.analysis.LabelPrediction.Weighting;
import org.deq.index.SearchResult;

/**
 * Leave-one-out evaluation of {@link LabelPrediction} over a labelled index: every query item's labels are predicted
 * from the other items, its stored copies left out too ({@link LabelPrediction#neighbours}), and compared with its own. The distance-weighted vote is scored beside baselines from the same
 * neighbour lists (the plain majority vote, the nearest neighbour alone) and the prior (the labels most items carry).
 */
public final class LabelPredictionEvaluation {

    /**
     * The F1 of one label over the queries.
     *
     * @param support queries that carry the label
     */
    public record LabelF1(String label, int support, double precision, double recall, double f1) {
    }

    /**
     * The scores of one variant.
     *
     * @param precision    example-based precision |T∩P|/|P|, averaged over the queries
     * @param recall       example-based recall |T∩P|/|T|
     * @param f1           example-based F1 2|T∩P|/(|T|+|P|)
     * @param microF1      F1 of the true/false positives summed over all labels
     * @param macroF1      mean of the per-label F1 over the labels some query carries
     * @param bestAccuracy share of queries whose best label is one of theirs (the accuracy, for single-label truth)
     * @param exactMatch   share of queries whose predicted set is their label set
     * @param perLabel     per-label F1, in label id order
     * @param byScore      how often a predicted label is right, by its score ({@link #SCORE_BANDS})
     */
    public record Score(String variant, double precision, double recall, double f1, double microF1, double macroF1,
                        double bestAccuracy, double exactMatch, List<LabelF1> perLabel, List<ScoreBand> byScore) {
    }

    /**
     * The predicted labels whose score lies in {@code [from, to)}: how many, and the share of them the query carries,
     * which tells whether a score can be read as a confidence (the captions hedge below {@link Caption#CONFIDENT}).
     */
    public record ScoreBand(double from, double to, long labels, double precision) {
    }

    /** Lower edges of the score bands of {@link Score#byScore}; the last band ends at 1. */
    public static final double[] SCORE_BANDS = {0, 0.5, Caption.CONFIDENT, 0.9};

    /**
     * What a run measured.
     *
     * @param items      items in the index
     * @param queries    items predicted, each without itself (those without labels are not scored)
     * @param multiLabel whether some item carries more than one label
     * @param withCopies queries with stored copies (items at distance 0 under other ids), which did not vote for them
     */
    public record Report(int items, int queries, boolean multiLabel, int k, float threshold, int withCopies, List<Score> scores) {
    }

    private LabelPredictionEvaluation() {
    }

    /** Every {@code step}-th item as a query (1 = all, leave-one-out over the whole index). */
    public static int[] everyNth(int items, int step) {
        int[] out = new int[(items + step - 1) / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = i * step;
        }
        return out;
    }

    /**
     * Predicts the labels of each query from the other items (only the {@code voters}, when not null) with {@code k}
     * neighbours and {@code threshold}, and scores the variants; {@code progress} gets the queries done.
     */
    public static Report run(LabelPrediction prediction, int[] queries, BitSet voters, int k, float threshold,
                             LongConsumer progress) {
        int labels = prediction.labelNames().size();
        int items = prediction.size();
        if (items < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 items, the index has " + items);
        }
        BitSet searched = prediction.voters(voters); // intersected with the labelled items once, not per query
        int[] count = new int[labels];
        int counted = 0;
        for (int i = 0; i < items; i++) {
            if (voters == null || voters.get(i)) {
                for (int l : prediction.labelsOf(i)) {
                    count[l]++;
                }
                counted++;
            }
        }
        String[] names = {"1/distance vote, k=" + k, "majority vote, k=" + k, "nearest neighbour", "prior"};
        // the prior: every label's share of the voting items (under leave-one-out the query's own labels included:
        // leaving them out would make the prior of a balanced single-label set always miss, below chance)
        float[] prior = new float[labels];
        for (int l = 0; l < labels; l++) {
            prior[l] = count[l] / (float) Math.max(1, counted);
        }
        Prediction priorPrediction = LabelPrediction.threshold(prior, threshold, 1);
        Tally[] tallies = new Tally[names.length];
        for (int v = 0; v < names.length; v++) {
            tallies[v] = new Tally(labels);
        }
        int scored = 0;
        int withCopies = 0;
        for (int q = 0; q < queries.length; q++) {
            int item = queries[q];
            int[] truth = prediction.labelsOf(item);
            if (truth.length == 0) { // an item the labels file misses has no truth to score against
                progress.accept(q + 1);
                continue;
            }
            scored++;
            Neighbours neighbours = prediction.neighbours(prediction.vector(item), k, searched, item);
            withCopies += neighbours.copies().length > 0 ? 1 : 0;
            SearchResult nn = neighbours.nearest();
            tallies[0].add(truth, prediction.vote(nn, k, threshold, Weighting.INVERSE_DISTANCE));
            tallies[1].add(truth, prediction.vote(nn, k, threshold, Weighting.UNIFORM));
            tallies[2].add(truth, prediction.vote(nn, 1, threshold, Weighting.UNIFORM));
            tallies[3].add(truth, priorPrediction);
            progress.accept(q + 1);
        }
        List<Score> scores = new ArrayList<>();
        for (int v = 0; v < names.length; v++) {
            scores.add(tallies[v].score(names[v], prediction.labelNames()));
        }
        return new Report(items, scored, prediction.multiLabel(), k, threshold, withCopies, scores);
    }

    /** Running counts of one variant. */
    private static final class Tally {
        private final long[] tp;
        private final long[] fp;
        private final long[] fn;
        private final boolean[] inTruth;
        private double precision;
        private double recall;
        private double f1;
        private long bestRight;
        private long exact;
        private long queries;
        private final long[] bandLabels = new long[SCORE_BANDS.length];
        private final long[] bandRight = new long[SCORE_BANDS.length];

        Tally(int labels) {
            tp = new long[labels];
            fp = new long[labels];
            fn = new long[labels];
            inTruth = new boolean[labels];
        }

        void add(int[] truth, Prediction p) {
            for (int l : truth) {
                inTruth[l] = true;
            }
            int common = 0;
            for (int l : p.predicted()) {
                int band = SCORE_BANDS.length - 1;
                while (band > 0 && p.scores()[l] < SCORE_BANDS[band]) {
                    band--;
                }
                bandLabels[band]++;
                if (inTruth[l]) {
                    common++;
                    tp[l]++;
                    bandRight[band]++;
                } else {
                    fp[l]++;
                }
            }
            for (int l : truth) {
                if (!contains(p.predicted(), l)) {
                    fn[l]++;
                }
            }
            precision += common / (double) p.predicted().length;
            recall += truth.length == 0 ? 0 : common / (double) truth.length;
            f1 += 2.0 * common / (truth.length + p.predicted().length);
            bestRight += inTruth[p.best()] ? 1 : 0;
            exact += common == truth.length && common == p.predicted().length ? 1 : 0;
            queries++;
            for (int l : truth) {
                inTruth[l] = false;
            }
        }

        Score score(String name, List<String> names) {
            long sumTp = 0;
            long sumFp = 0;
            long sumFn = 0;
            double macro = 0;
            int present = 0;
            List<LabelF1> perLabel = new ArrayList<>();
            for (int l = 0; l < tp.length; l++) {
                sumTp += tp[l];
                sumFp += fp[l];
                sumFn += fn[l];
                double f = f1(tp[l], fp[l], fn[l]);
                perLabel.add(new LabelF1(names.get(l), (int) (tp[l] + fn[l]), ratio(tp[l], tp[l] + fp[l]),
                        ratio(tp[l], tp[l] + fn[l]), f));
                if (tp[l] + fn[l] > 0) {
                    macro += f;
                    present++;
                }
            }
            List<ScoreBand> bands = new ArrayList<>();
            for (int b = 0; b < SCORE_BANDS.length; b++) {
                bands.add(new ScoreBand(SCORE_BANDS[b], b + 1 < SCORE_BANDS.length ? SCORE_BANDS[b + 1] : 1, bandLabels[b],
                        ratio(bandRight[b], bandLabels[b])));
            }
            return new Score(name, precision / queries, recall / queries, f1 / queries, f1(sumTp, sumFp, sumFn),
                    present == 0 ? 0 : macro / present, bestRight / (double) queries, exact / (double) queries, perLabel,
                    bands);
        }

        private static boolean contains(int[] values, int v) {
            for (int x : values) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }

        private static double f1(long tp, long fp, long fn) {
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }

        private static double ratio(long a, long b) {
            return b == 0 ? 0 : a / (double) b;
        }
    }
}
