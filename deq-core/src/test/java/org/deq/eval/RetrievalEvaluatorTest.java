package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetrievalEvaluatorTest {

    private static final double EPS = 1e-9;

    // classes 0, 0, 1, 1; the ranker lists the query first, then every other item by ascending ordinal
    private static final LabelTruth TWO_CLASSES = LabelTruth.singleLabel(new int[] {0, 0, 1, 1});

    private static final Ranker QUERY_FIRST_THEN_ORDINAL = (q, k) ->
            IntStream.concat(IntStream.of(q), IntStream.range(0, 4).filter(r -> r != q)).limit(k).toArray();

    @Test
    void singleLabelFiguresExcludeTheQuery() {
        // after removing the query: q0 → 1,2,3 (rel 1,0,0); q1 → 0,2,3 (1,0,0); q2 → 0,1,3 (0,0,1); q3 → 0,1,2 (0,0,1)
        // k = 2: P@2 = .5,.5,0,0; AP@2 = 1,1,0,0; recall@2 = 1,1,0,0 (one relevant item each); nDCG@2 = 1,1,0,0
        // full AP: 1, 1, (1/3)/1, (1/3)/1
        EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.ALL, EvalProtocol.Scope.ALL, 100, 0, true);
        EvalReport report = new RetrievalEvaluator(2).evaluate(protocol, TWO_CLASSES, QUERY_FIRST_THEN_ORDINAL, 2);
        assertThat(report.queries()).isEqualTo(4);
        assertThat(report.database()).isEqualTo(4);
        assertThat(report.precisionAtK()).isCloseTo(0.25, within(EPS));
        assertThat(report.mapAtK()).isCloseTo(0.5, within(EPS));
        assertThat(report.recallAtK()).isCloseTo(0.5, within(EPS));
        assertThat(report.ndcgAtK()).isCloseTo(0.5, within(EPS));
        assertThat(report.mapFull()).isCloseTo((1 + 1 + 1.0 / 3 + 1.0 / 3) / 4, within(EPS));
        assertThat(report.multiLabel()).isFalse();
        assertThat(report.acgAtK()).isNaN();
        assertThat(report.relevance()).isEqualTo("same-class");
    }

    @Test
    void unlabelledItemsAreNoQueriesButStayInTheDatabase() {
        // TWO_CLASSES plus two unlabelled items 4, 5, ranked after the labelled ones: the same figures as without them
        LabelTruth mixed = LabelTruth.multiLabel(new int[][] {{0}, {0}, {1}, {1}, {}, {}}, 2);
        EvalSets sets = EvalProtocol.allVsAll().resolve(mixed);
        assertThat(sets.queries()).containsExactly(0, 1, 2, 3);
        assertThat(sets.database()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(sets.notes()).containsExactly("2 patches without labels are not used as queries");
        Ranker ranker = (q, k) -> IntStream.concat(IntStream.of(q), IntStream.range(0, 6).filter(r -> r != q)).limit(k).toArray();
        EvalReport report = new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), mixed, ranker, 2);
        assertThat(report.queries()).isEqualTo(4);
        assertThat(report.database()).isEqualTo(6);
        assertThat(report.precisionAtK()).isCloseTo(0.25, within(EPS));
        assertThat(report.recallAtK()).isCloseTo(0.5, within(EPS));
        assertThat(EvalProtocol.allVsAll().resolve(TWO_CLASSES).notes()).isEmpty();
        assertThatThrownBy(() -> EvalProtocol.allVsAll().resolve(LabelTruth.multiLabel(new int[][] {{}, {}}, 1)))
                .hasMessage("protocol queries=all database=all ranking=top-k selects no query among 2 items"
                        + " (the 2 in its query scope have no label)");
    }

    @Test
    void asksForOneMoreResultWhenTheQueryIsInTheDatabase() {
        List<Integer> asked = new ArrayList<>();
        Ranker recording = (q, k) -> {
            synchronized (asked) {
                asked.add(k);
            }
            return QUERY_FIRST_THEN_ORDINAL.rank(q, k);
        };
        new RetrievalEvaluator(1).evaluate(EvalProtocol.allVsAll(), TWO_CLASSES, recording, 2);
        assertThat(asked).containsOnly(3);
    }

    @Test
    void kLargerThanDatabaseScoresWhatIsThere() {
        // only 3 results exist: P = 1/3 each; AP@10 = 1, 1, 1/3, 1/3; every relevant item is retrieved
        EvalReport report = new RetrievalEvaluator(1).evaluate(EvalProtocol.allVsAll(), TWO_CLASSES, QUERY_FIRST_THEN_ORDINAL, 10);
        assertThat(report.precisionAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.mapAtK()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(report.recallAtK()).isCloseTo(1.0, within(EPS));
        assertThat(report.mapFull()).isNaN();
    }

    @Test
    void multiLabelFigures() {
        // L0 = {0,1}, L1 = {1}, L2 = {2}, L = 3; k = 1: q0 → 2, q1 → 0, q2 → 0
        // q0: overlap 0 (R = 1): P 0, AP 0, recall 0, nDCG 0/1, ACG 0, WAP 0, label P 0, R 0, acc 0/3, Hamming 3/3
        // q1: overlap 1 (R = 1): P 1, AP 1, recall 1, nDCG 1, ACG 1, WAP 1, label P 1/2, R 1/1, acc 1/2, Hamming 1/3
        // q2: overlap 0 (R = 0): all 0 except Hamming |{2} Δ {0,1}| / 3 = 1
        LabelTruth truth = LabelTruth.multiLabel(new int[][] {{0, 1}, {1}, {2}}, 3);
        int[][] rankings = {{2, 1}, {0, 2}, {0, 1}};
        EvalReport report = new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), truth, (q, k) -> Arrays.copyOf(rankings[q], k), 1);
        assertThat(report.relevance()).isEqualTo("shared-label");
        assertThat(report.precisionAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.mapAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.recallAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.ndcgAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.acgAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.wapAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.labelPrecisionAtK()).isCloseTo(1.0 / 6, within(EPS));
        assertThat(report.labelRecallAtK()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(report.labelAccuracyAtK()).isCloseTo(1.0 / 6, within(EPS));
        assertThat(report.hammingLossAtK()).isCloseTo(7.0 / 9, within(EPS));
    }

    @Test
    void figuresDoNotDependOnThreadCount() {
        LabelTruth truth = LabelTruth.multiLabel(new int[][] {{0, 1}, {1}, {2}, {0, 2}, {1, 2}, {0}}, 3);
        Ranker reversed = (q, k) -> IntStream.range(0, 6).map(i -> 5 - i).limit(k).toArray();
        EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.ALL, EvalProtocol.Scope.ALL, 100, 0, true);
        EvalReport one = new RetrievalEvaluator(1).evaluate(protocol, truth, reversed, 3);
        EvalReport two = new RetrievalEvaluator(2).evaluate(protocol, truth, reversed, 3);
        assertThat(two.toJson().replaceAll("\"ms_per_query\".*", ""))
                .isEqualTo(one.toJson().replaceAll("\"ms_per_query\".*", ""));
    }

    @Test
    void progressCountsEveryQuery() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), TWO_CLASSES, QUERY_FIRST_THEN_ORDINAL, 2, done -> {
            calls.incrementAndGet();
            max.accumulateAndGet(done, Math::max);
        });
        assertThat(calls.get()).isEqualTo(4);
        assertThat(max.get()).isEqualTo(4);
    }

    @Test
    void aShortListCountsItsMissingPlacesAsIrrelevant() {
        // a hash-table probe may return fewer than k: q0 gets only item 1 (relevant), the others nothing at all
        LabelTruth labels = LabelTruth.multiLabel(new int[][] {{0}, {0}, {1}, {1}}, 2);
        Ranker shortList = (q, k) -> q == 0 ? new int[] {1} : new int[0];
        EvalReport report = new RetrievalEvaluator(1).evaluate(EvalProtocol.allVsAll(), labels, shortList, 2);
        // P@2 = (1/2 + 0 + 0 + 0) / 4, not (1/1) / 4 over the one result returned
        assertThat(report.precisionAtK()).isCloseTo(0.125, within(EPS));
        assertThat(report.acgAtK()).isCloseTo(0.125, within(EPS));
        // an empty list is no perfect score: a missing result holds none of the query's one label (of 2)
        assertThat(report.hammingLossAtK()).isCloseTo((0.25 + 0.5 * 3) / 4, within(EPS));
    }

    @Test
    void rejectsItemsOutsideTheDatabase() {
        // with a 50/50 split, test queries against the test database: the ranker returns every item
        EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.TEST, EvalProtocol.Scope.TEST, 50, 1, false);
        Ranker everything = (q, k) -> IntStream.range(0, 4).toArray();
        assertThatThrownBy(() -> new RetrievalEvaluator(1).evaluate(protocol, TWO_CLASSES, everything, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in the database");
    }

    @Test
    void rejectsShortFullRanking() {
        EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.ALL, EvalProtocol.Scope.ALL, 100, 0, true);
        assertThatThrownBy(() -> new RetrievalEvaluator(1).evaluate(protocol, TWO_CLASSES, (q, k) -> new int[] {q}, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("full ranking");
    }

    @Test
    void rejectsNonPositiveK() {
        assertThatThrownBy(() -> new RetrievalEvaluator(1).evaluate(EvalProtocol.allVsAll(), TWO_CLASSES, QUERY_FIRST_THEN_ORDINAL, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be at least 1, got 0");
    }
}
