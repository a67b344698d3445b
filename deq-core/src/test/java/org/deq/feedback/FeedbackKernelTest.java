package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learner's pieces: the Laplacian (L1) kernel, the nearest-relevant-example term, a multi-modal relevant set. */
class FeedbackKernelTest {

    @Test
    void laplacianSimilarityRanksByL1DistanceWhereL2WouldDisagree() {
        // from the origin: (3, 0) is nearer by L1 (3 < 4) but farther by L2 (9 > 8) than (2, 2)
        float[] x = {0, 0, 3, 0, 2, 2, 10, 10};
        FeedbackSpace laplacian = FeedbackSpace.all(x, 2, 1).withKernel(Kernel.LAPLACIAN);
        assertThat(FeedbackSpace.order(laplacian.score(laplacian.fit(new int[] {0}, new int[0], 10))))
                .containsExactly(0, 1, 2, 3);
        FeedbackSpace rbf = laplacian.withKernel(Kernel.RBF);
        assertThat(FeedbackSpace.order(rbf.score(rbf.fit(new int[] {0}, new int[0], 10)))).containsExactly(0, 2, 1, 3);
    }

    @Test
    void laplacianWidthIsTheInverseMedianL1DistanceOfTheMarks() {
        // marks (0,0), (1,1), (3,0): L1 distances 2, 3, 3, median 3 (squared L2 would give 2, 9, 5, median 5)
        float[] x = {0, 0, 1, 1, 3, 0, 9, 9};
        FeedbackSpace space = FeedbackSpace.all(x, 2, 1).withKernel(Kernel.LAPLACIAN)
                .withKernelWidth(new KernelWidth(true, 1));
        assertThat(space.gamma(new int[] {0, 1, 2})).isEqualTo(1 / 3.0);
        // one example: γ from the pool, and the score is exp(−γ·L1) to it
        RelevanceModel model = space.fit(new int[] {0}, new int[0], 10);
        double gamma = space.gamma(new int[] {0});
        assertThat(model.score(x, 2, 2f, new float[model.size()])).isCloseTo((float) Math.exp(-gamma * 2), within(1e-6f));
        assertThat(model.score(x, 6, 162f, new float[model.size()])).isCloseTo((float) Math.exp(-gamma * 18), within(1e-6f));
    }

    @Test
    void laplacianSvmSeparatesARing() {
        Random random = new Random(5);
        int n = 40;
        float[] x = new float[n * 2];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 2 == 0;
            double r = positive[i] ? 0.3 * random.nextDouble() : 2 + 0.3 * random.nextDouble();
            double a = 2 * Math.PI * random.nextDouble();
            x[i * 2] = (float) (r * Math.cos(a));
            x[i * 2 + 1] = (float) (r * Math.sin(a));
        }
        RelevanceModel model = KernelSvm.train(x, 2, positive, Kernel.LAPLACIAN, 0.5, 1000);
        for (int i = 0; i < n; i++) {
            double yf = (positive[i] ? 1 : -1) * model.score(x, i * 2, 0f, new float[model.size()]);
            assertThat(yf).as("y*f of mark %d", i).isGreaterThan(0.99);
        }
    }

    @Test
    void nearestWeightAddsTheSimilarityToTheNearestRelevantExample() {
        Blobs blobs = new Blobs(3, 60, 4, 3, 0.5, 17);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 1);
        int[] query = {0};
        int[] relevant = {2, 3, 5};
        int[] irrelevant = FeedbackSvmTest.rowsOf(blobs, 1, 4);
        RelevanceModel plain = space.fit(query, relevant, irrelevant, 10, 1, 0);
        RelevanceModel nearest = space.fit(query, relevant, irrelevant, 10, 1, 2);
        assertThat(nearest.size()).isEqualTo(plain.size() + 4);
        float[] plainScores = space.score(plain);
        float[] nearestScores = space.score(nearest);
        int[] examples = {0, 2, 3, 5};
        for (int i = 0; i < blobs.size(); i++) {
            float closest = Float.POSITIVE_INFINITY;
            for (int e : examples) {
                closest = Math.min(closest, space.kernel().distance(blobs.vectors, e * 4, blobs.vectors, i * 4, 4));
            }
            assertThat(nearestScores[i] - plainScores[i]).as("image %d", i)
                    .isCloseTo((float) (2 * Math.exp(-plain.gamma() * closest)), within(1e-4f));
        }
        assertThatThrownBy(() -> space.fit(query, relevant, irrelevant, 10, 1, -1)).hasMessageContaining("nearest");
    }

    @Test
    void aMultiModalRelevantSetKeepsBothModesAboveTheIrrelevantOne() {
        // relevant: the query and one mark in cluster 0 and a single mark in cluster 2 (two label sets, say);
        // irrelevant: cluster 1, whose centre lies between them on the first axes. The default learner must rank
        // both relevant groups, unmarked images included, above every irrelevant image.
        Blobs blobs = new Blobs(3, 60, 4, 3, 0.5, 19);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 1);
        int[] modeA = FeedbackSvmTest.rowsOf(blobs, 0, 2);
        int[] modeB = FeedbackSvmTest.rowsOf(blobs, 2, 1);
        int[] relevant = {modeA[1], modeB[0]};
        int[] irrelevant = FeedbackSvmTest.rowsOf(blobs, 1, 6);
        float[] scores = space.score(space.fit(new int[] {modeA[0]}, relevant, irrelevant, SimulationSpec.DEFAULT_C,
                SimulationSpec.DEFAULT_QUERY_WEIGHT, SimulationSpec.DEFAULT_NEAREST_WEIGHT));
        float worstRelevant = Float.POSITIVE_INFINITY;
        float bestIrrelevant = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < blobs.size(); i++) {
            if (blobs.cluster[i] == 1) {
                bestIrrelevant = Math.max(bestIrrelevant, scores[i]);
            } else {
                worstRelevant = Math.min(worstRelevant, scores[i]);
            }
        }
        assertThat(worstRelevant).isGreaterThan(bestIrrelevant);
    }
}
