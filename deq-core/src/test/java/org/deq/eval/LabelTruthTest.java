package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelTruthTest {

    @Test
    void overlapAcrossWordBoundaries() {
        // 100 labels need two 64-bit words; items share labels 3 and 70
        LabelTruth truth = LabelTruth.multiLabel(new int[][] {{3, 70, 99}, {3, 64, 70}, {}}, 100);
        assertThat(truth.overlap(0, 1)).isEqualTo(2);
        assertThat(truth.overlap(0, 2)).isZero();
        assertThat(truth.labelsOf(1)).containsExactly(3, 64, 70);
        assertThat(truth.labelSetSize(0)).isEqualTo(3);
        assertThat(truth.relevant(0, 1)).isTrue();
        assertThat(truth.relevant(0, 2)).isFalse();
        assertThat(truth.stratum(1)).isEqualTo(3);
        assertThat(truth.stratum(2)).isEqualTo(-1);
    }

    @Test
    void classesDecideRelevanceWhenPresent() {
        // items 0 and 1 share a label but not a class
        LabelTruth truth = LabelTruth.multiLabel(new int[][] {{0, 1}, {1}, {2}}, 3, new int[] {0, 1, 0});
        assertThat(truth.relevant(0, 1)).isFalse();
        assertThat(truth.relevant(0, 2)).isTrue();
        assertThat(truth.isMultiLabel()).isTrue();
        assertThat(truth.stratum(2)).isZero();
    }

    @Test
    void singleLabelIsOneLabelPerClass() {
        LabelTruth truth = LabelTruth.singleLabel(new int[] {2, 0, 2});
        assertThat(truth.labelCount()).isEqualTo(3);
        assertThat(truth.labelsOf(0)).containsExactly(2);
        assertThat(truth.isMultiLabel()).isFalse();
        assertThat(truth.relevant(0, 2)).isTrue();
    }

    @Test
    void anItemWithoutAClassIsRelevantToNoneAndLeftOutOfTheQueries() {
        LabelTruth truth = LabelTruth.singleLabel(new int[] {1, LabelTruth.NO_CLASS, 1, LabelTruth.NO_CLASS, 0});
        assertThat(truth.isMultiLabel()).isFalse();
        assertThat(truth.labelCount()).isEqualTo(2);
        assertThat(truth.labelsOf(1)).isEmpty();
        assertThat(truth.relevant(1, 3)).isFalse();
        assertThat(truth.relevant(0, 1)).isFalse();
        assertThat(truth.relevant(0, 2)).isTrue();
        EvalSets sets = EvalProtocol.allVsAll().resolve(truth);
        assertThat(sets.queries()).containsExactly(0, 2, 4);
        assertThat(sets.notes()).containsExactly("2 patches without labels are not used as queries");
    }

    @Test
    void rejectsBadIds() {
        assertThatThrownBy(() -> LabelTruth.multiLabel(new int[][] {{0}, {17}}, 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 1: label id 17 outside 0..16");
        assertThatThrownBy(() -> LabelTruth.singleLabel(new int[] {0, -2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 1: class id -2 is negative (-1: no class)");
        assertThatThrownBy(() -> LabelTruth.multiLabel(new int[][] {{0}}, 1, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class ids for 2 items");
    }
}
