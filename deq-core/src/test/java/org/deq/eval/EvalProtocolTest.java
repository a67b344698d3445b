package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deq.eval.EvalProtocol.Scope;
import org.junit.jupiter.api.Test;

class EvalProtocolTest {

    // 21 classes of 100 items, like UC Merced, listed class by class
    private static final LabelTruth UCM_LIKE = LabelTruth.singleLabel(classesOfSize(21, 100));

    private static int[] classesOfSize(int classes, int perClass) {
        int[] ids = new int[classes * perClass];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i / perClass;
        }
        return ids;
    }

    private static EvalProtocol split(int trainPercent, long seed) {
        return new EvalProtocol(Scope.TEST, Scope.TRAIN, trainPercent, seed, false);
    }

    @Test
    void splitIsSeededAndDeterministic() {
        assertThat(split(60, 1).trainMask(UCM_LIKE)).isEqualTo(split(60, 1).trainMask(UCM_LIKE));
        assertThat(split(60, 1).trainMask(UCM_LIKE)).isNotEqualTo(split(60, 2).trainMask(UCM_LIKE));
    }

    @Test
    void splitIsBalancedPerClass() {
        boolean[] train = split(60, 1).trainMask(UCM_LIKE);
        int[] trainPerClass = new int[21];
        for (int item = 0; item < train.length; item++) {
            if (train[item]) {
                trainPerClass[UCM_LIKE.stratum(item)]++;
            }
        }
        assertThat(trainPerClass).containsOnly(60);
        EvalSets sets = split(60, 1).resolve(UCM_LIKE);
        assertThat(sets.queries()).hasSize(21 * 40);
        assertThat(sets.database()).hasSize(21 * 60);
    }

    @Test
    void splitIsAShuffleNotAPrefix() {
        boolean[] train = split(60, 1).trainMask(UCM_LIKE);
        int firstSixtyTrain = 0;
        for (int item = 0; item < 60; item++) {
            firstSixtyTrain += train[item] ? 1 : 0;
        }
        assertThat(firstSixtyTrain).isLessThan(60);
    }

    @Test
    void multiLabelSplitStratifiesByLowestLabel() {
        // strata: lowest label 0 for items 0..3, lowest label 2 for items 4..7
        LabelTruth truth = LabelTruth.multiLabel(new int[][] {{0}, {0, 2}, {0, 1}, {0}, {2}, {2, 3}, {2}, {3, 2}}, 4);
        boolean[] train = split(50, 7).trainMask(truth);
        int firstHalf = 0;
        int secondHalf = 0;
        for (int item = 0; item < 8; item++) {
            if (train[item]) {
                if (item < 4) {
                    firstHalf++;
                } else {
                    secondHalf++;
                }
            }
        }
        assertThat(firstHalf).isEqualTo(2);
        assertThat(secondHalf).isEqualTo(2);
    }

    @Test
    void allVsAllUsesEveryItem() {
        EvalSets sets = EvalProtocol.allVsAll().resolve(UCM_LIKE);
        assertThat(sets.queries()).hasSize(2100);
        assertThat(sets.database()).hasSize(2100);
    }

    @Test
    void testQueriesAgainstAllIncludeTheirOwnItemInTheDatabase() {
        EvalSets sets = new EvalProtocol(Scope.TEST, Scope.ALL, 60, 1, false).resolve(UCM_LIKE);
        assertThat(sets.database()).contains(sets.queries());
    }

    @Test
    void parsesSplitAndScope() {
        assertThat(EvalProtocol.parseSplit("60/40")).isEqualTo(60);
        assertThat(EvalProtocol.parseSplit(" 80 / 20 ")).isEqualTo(80);
        assertThat(Scope.parse("Test")).isEqualTo(Scope.TEST);
        assertThatThrownBy(() -> EvalProtocol.parseSplit("60/50")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'60/50'");
        assertThatThrownBy(() -> EvalProtocol.parseSplit("sixty")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parse("val")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scope 'val'; expected all, train or test");
    }

    @Test
    void rejectsEmptyQuerySet() {
        assertThatThrownBy(() -> new EvalProtocol(Scope.TEST, Scope.ALL, 100, 1, false).resolve(UCM_LIKE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selects no query");
        assertThatThrownBy(() -> new EvalProtocol(Scope.ALL, Scope.ALL, 101, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItself() {
        assertThat(new EvalProtocol(Scope.TEST, Scope.ALL, 60, 1, true).describe())
                .isEqualTo("queries=test database=all split=60/40 seed=1 ranking=full");
        assertThat(EvalProtocol.allVsAll().describe()).isEqualTo("queries=all database=all ranking=top-k");
    }
}
