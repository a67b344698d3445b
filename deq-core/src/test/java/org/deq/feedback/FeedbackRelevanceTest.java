package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deq.eval.LabelTruth;
import org.junit.jupiter.api.Test;

class FeedbackRelevanceTest {

    // query {0, 1}; items: {0, 1} (J = 1), {0} (J = 1/2), {0, 2, 3} (J = 1/4), {2} (J = 0)
    private static final LabelTruth TRUTH = LabelTruth.multiLabel(new int[][] {{0, 1}, {0, 1}, {0}, {0, 2, 3}, {2}}, 4);

    @Test
    void sharedLabelCountsAnyCommonLabelAndJaccardTheSimilarityOfTheLabelSets() {
        assertThat(relevantTo0(Relevance.SHARED_LABEL)).containsExactly(true, true, true, false);
        assertThat(relevantTo0(Relevance.parse("jaccard:0.5"))).containsExactly(true, true, false, false);
        assertThat(relevantTo0(Relevance.parse("jaccard:0.25"))).containsExactly(true, true, true, false);
        assertThat(relevantTo0(Relevance.parse("JACCARD:1"))).containsExactly(true, false, false, false);
    }

    @Test
    void parsesWhatItPrintsAndRejectsOtherSpecsInOneLine() {
        assertThat(Relevance.parse(" shared-label ")).isEqualTo(Relevance.SHARED_LABEL);
        assertThat(Relevance.parse("jaccard:0.5").key()).isEqualTo("jaccard:0.5");
        assertThat(Relevance.parse(Relevance.parse("jaccard:0.5").key())).isEqualTo(new Relevance(0.5));
        for (String bad : new String[] {"jaccard:0", "jaccard:1.5", "jaccard:x", "jaccard", "same-class", ""}) {
            assertThatThrownBy(() -> Relevance.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown relevance '" + bad + "'; expected shared-label or jaccard:T with T in (0, 1]");
        }
    }

    @Test
    void kernelWidthParsesBothRulesAndRejectsBadFactors() {
        assertThat(KernelWidth.parse("marks")).isEqualTo(new KernelWidth(true, 1));
        assertThat(KernelWidth.parse("pool:2")).isEqualTo(new KernelWidth(false, 2));
        assertThat(KernelWidth.parse(KernelWidth.DEFAULT.key())).isEqualTo(KernelWidth.DEFAULT);
        assertThatThrownBy(() -> KernelWidth.parse("marks:-1"))
                .hasMessage("kernel width 'marks:-1': the kernel width factor must be a positive number, got -1.0");
        assertThatThrownBy(() -> KernelWidth.parse("median:1"))
                .hasMessage("unknown kernel width 'median:1'; expected marks:F or pool:F with F > 0");
    }

    private static boolean[] relevantTo0(Relevance relevance) {
        boolean[] out = new boolean[TRUTH.size() - 1];
        for (int i = 1; i < TRUTH.size(); i++) {
            out[i - 1] = relevance.relevant(TRUTH, 0, i);
        }
        return out;
    }
}
