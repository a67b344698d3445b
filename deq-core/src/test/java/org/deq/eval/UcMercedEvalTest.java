package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.deq.TestData;
import org.deq.archive.UcMercedMultiLabels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics on the real UC Merced multi-label ground truth: a random ranking meets the label recall expected
 * analytically from the label frequencies, a check that catches a wrong formula. (The reference figures of an HSV
 * histogram are reproduced end to end through the CLI in deq-cli's IndexQueryEvalTest.)
 */
class UcMercedEvalTest {

    private static final int K = 20;

    private static LabelTruth truth;

    @BeforeAll
    static void readTruth() throws IOException {
        UcMercedMultiLabels table = UcMercedMultiLabels.read(
                TestData.require("uc-merced-landuse").resolve("multilabels/LandUse_Multilabeled.txt"));
        List<String> ids = new ArrayList<>(new TreeSet<>(table.byImage().keySet()));
        List<String> classNames = List.copyOf(new TreeSet<>(ids.stream().map(id -> id.replaceAll("\\d+$", "")).toList()));
        int n = ids.size();
        int[][] labels = new int[n][];
        int[] classes = new int[n];
        for (int item = 0; item < n; item++) {
            String id = ids.get(item);
            labels[item] = table.byImage().get(id).stream().mapToInt(table.labelNames()::indexOf).toArray();
            classes[item] = classNames.indexOf(id.replaceAll("\\d+$", ""));
        }
        truth = LabelTruth.multiLabel(labels, table.labelNames().size(), classes);
    }

    @Test
    void randomRankingMeetsAnalyticLabelRecall() {
        int n = truth.size();
        int[] frequency = new int[truth.labelCount()];
        for (int item = 0; item < n; item++) {
            for (int label : truth.labelsOf(item)) {
                frequency[label]++;
            }
        }
        // E[|Lq ∩ Lr| / |Lq|] for r drawn uniformly from the other n−1 items = (1/|Lq|) Σ_{l∈Lq} (f_l − 1)/(n − 1)
        double expectedLabelRecall = 0;
        for (int q = 0; q < n; q++) {
            double sum = 0;
            for (int label : truth.labelsOf(q)) {
                sum += (frequency[label] - 1.0) / (n - 1);
            }
            expectedLabelRecall += sum / truth.labelSetSize(q) / n;
        }
        Ranker random = (q, k) -> {
            int[] order = IntStream.range(0, n).toArray();
            Random rng = new Random(q);
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            return Arrays.copyOf(order, k);
        };
        EvalReport report = new RetrievalEvaluator(2).evaluate(EvalProtocol.allVsAll(), truth, random, K);
        System.out.printf("random ranking: label recall@20 %.4f, expected %.4f%n", report.labelRecallAtK(), expectedLabelRecall);
        assertThat(report.labelRecallAtK()).isCloseTo(expectedLabelRecall, within(0.01));
        // 99 of the 2099 other images share the query's class
        assertThat(report.precisionAtK()).isCloseTo(99.0 / 2099, within(0.006));
    }
}
