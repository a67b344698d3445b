package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankMetricsTest {

    private static final double EPS = 1e-9;

    // ranking: relevant, irrelevant, relevant, irrelevant, irrelevant; 4 relevant items in the database
    private static final boolean[] REL = {true, false, true, false, false};

    @Test
    void precisionAndRecall() {
        assertThat(RankMetrics.precision(REL, 5)).isCloseTo(2.0 / 5, within(EPS));
        assertThat(RankMetrics.precision(REL, 1)).isCloseTo(1.0, within(EPS));
        assertThat(RankMetrics.recall(REL, 5, 4)).isCloseTo(2.0 / 4, within(EPS));
    }

    @Test
    void averagePrecisionAtKDividesByRelevantRetrieved() {
        // P@1 = 1, P@3 = 2/3 at the relevant ranks; R_5 = 2 → (1 + 2/3) / 2
        assertThat(RankMetrics.averagePrecisionAtK(REL, 5)).isCloseTo((1 + 2.0 / 3) / 2, within(EPS));
    }

    @Test
    void fullAveragePrecisionDividesByAllRelevant() {
        // same sum (1 + 2/3) over R = 4 relevant items in the database
        assertThat(RankMetrics.averagePrecision(REL, 5, 4)).isCloseTo((1 + 2.0 / 3) / 4, within(EPS));
    }

    @Test
    void noRelevantItemScoresZero() {
        boolean[] none = {false, false, false};
        assertThat(RankMetrics.averagePrecisionAtK(none, 3)).isZero();
        assertThat(RankMetrics.averagePrecision(none, 3, 0)).isZero();
        assertThat(RankMetrics.recall(none, 3, 0)).isZero();
        assertThat(RankMetrics.wap(new int[] {0, 0, 0}, none, 3)).isZero();
        assertThat(RankMetrics.ndcg(new int[] {0, 0, 0}, 3, 3, new int[] {7, 0})).isZero();
    }

    @Test
    void emptyRankingScoresZero() {
        assertThat(RankMetrics.precision(new boolean[0], 0)).isZero();
        assertThat(RankMetrics.acg(new int[0], 0)).isZero();
        assertThat(RankMetrics.labelPrecision(new int[0], new int[0], 0)).isZero();
    }

    @Test
    void ndcgAgainstIdealOverWholeDatabase() {
        // retrieved overlaps 2, 0, 1: DCG = 3/log2(2) + 0 + 1/log2(4) = 3.5
        // database: one item with overlap 2, two with 1, five with 0 → ideal 2, 1, 1:
        // IDCG = 3/1 + 1/log2(3) + 1/2
        double idcg = 3 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertThat(RankMetrics.ndcg(new int[] {2, 0, 1}, 3, 3, new int[] {5, 2, 1})).isCloseTo(3.5 / idcg, within(EPS));
        // a perfect ranking scores 1
        assertThat(RankMetrics.ndcg(new int[] {2, 1, 1}, 3, 3, new int[] {5, 2, 1})).isCloseTo(1.0, within(EPS));
    }

    @Test
    void acgAndWap() {
        int[] overlap = {2, 0, 1};
        boolean[] rel = {true, false, true};
        // ACG@3 = (2 + 0 + 1) / 3
        assertThat(RankMetrics.acg(overlap, 3)).isCloseTo(1.0, within(EPS));
        // ACG@1 = 2, ACG@3 = 1 at the relevant ranks; R_3 = 2 → (2 + 1) / 2
        assertThat(RankMetrics.wap(overlap, rel, 3)).isCloseTo(1.5, within(EPS));
    }

    @Test
    void labelLevelMeasures() {
        // |Lq| = 2, L = 5; results with |Lr| = 3, 1, 2 sharing 2, 0, 1 labels with the query
        int[] overlap = {2, 0, 1};
        int[] sizes = {3, 1, 2};
        // precision: (2/3 + 0/1 + 1/2) / 3
        assertThat(RankMetrics.labelPrecision(overlap, sizes, 3)).isCloseTo((2.0 / 3 + 0.5) / 3, within(EPS));
        // recall: (2/2 + 0/2 + 1/2) / 3
        assertThat(RankMetrics.labelRecall(overlap, 2, 3)).isCloseTo(0.5, within(EPS));
        // unions 3, 3, 3 → accuracy (2/3 + 0 + 1/3) / 3
        assertThat(RankMetrics.labelAccuracy(overlap, sizes, 2, 3)).isCloseTo(1.0 / 3, within(EPS));
        // symmetric differences 1, 3, 2 → (1 + 3 + 2) / 5 / 3
        assertThat(RankMetrics.hammingLoss(overlap, sizes, 2, 5, 3)).isCloseTo(0.4, within(EPS));
    }

    @Test
    void twoEmptyLabelSetsAgreeFully() {
        assertThat(RankMetrics.labelAccuracy(new int[] {0}, new int[] {0}, 0, 1)).isEqualTo(1.0);
        assertThat(RankMetrics.hammingLoss(new int[] {0}, new int[] {0}, 0, 17, 1)).isZero();
    }
}
