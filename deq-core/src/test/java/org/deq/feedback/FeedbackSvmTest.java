package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deq.vectors.PackedVectors;
import org.junit.jupiter.api.Test;

class FeedbackSvmTest {

    @Test
    void separatesTwoClustersAndGeneralises() {
        Blobs blobs = new Blobs(2, 200, 8, 3, 0.5, 7);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 1);
        int[] relevant = rowsOf(blobs, 0, 10);
        int[] irrelevant = rowsOf(blobs, 1, 10);
        RelevanceModel model = space.fit(relevant, irrelevant, 10);
        assertThat(model.kind()).isEqualTo(RelevanceModel.Kind.SVM);
        float[] scores = space.score(model);
        for (int i = 0; i < blobs.size(); i++) {
            assertThat(scores[i] > 0).as("image %d of cluster %d, score %f", i, blobs.cluster[i], scores[i])
                    .isEqualTo(blobs.cluster[i] == 0);
        }
    }

    @Test
    void trainingMarksLieOnTheRightSideOfTheMarginWhenSeparable() {
        // a ring around a centre: not linearly separable, separable with an RBF kernel
        Random random = new Random(3);
        int n = 40;
        int dim = 2;
        float[] x = new float[n * dim];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 2 == 0;
            double r = positive[i] ? 0.3 * random.nextDouble() : 2 + 0.3 * random.nextDouble();
            double a = 2 * Math.PI * random.nextDouble();
            x[i * dim] = (float) (r * Math.cos(a));
            x[i * dim + 1] = (float) (r * Math.sin(a));
        }
        RelevanceModel model = KernelSvm.train(x, dim, positive, Kernel.RBF, 0.5, 1000);
        float[] norms = RelevanceModel.sqNorms(x, dim);
        for (int i = 0; i < n; i++) {
            double yf = (positive[i] ? 1 : -1) * model.score(x, i * dim, norms[i], new float[model.size()]);
            assertThat(yf).as("y*f of mark %d", i).isGreaterThan(0.99);
        }
        assertThat(model.size()).isLessThan(n); // a sparse solution: not every mark is a support vector
    }

    @Test
    void rbfSimilarityWithOneExampleRanksByEuclideanDistance() {
        Blobs blobs = new Blobs(3, 50, 5, 1, 1, 11);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 1).withKernel(Kernel.RBF);
        RelevanceModel model = space.fit(new int[] {4}, new int[0], 10);
        assertThat(model.kind()).isEqualTo(RelevanceModel.Kind.SIMILARITY);
        int[] order = FeedbackSpace.order(space.score(model));
        assertThat(order[0]).isEqualTo(4);
        for (int i = 1; i < order.length; i++) {
            float prev = PackedVectors.sqDistance(blobs.vectors, 4 * 5, blobs.vectors, order[i - 1] * 5, 5);
            float next = PackedVectors.sqDistance(blobs.vectors, 4 * 5, blobs.vectors, order[i] * 5, 5);
            assertThat(next).isGreaterThanOrEqualTo(prev * (1 - 1e-4f));
        }
    }

    @Test
    void rbfWidthIsTheInverseMedianSquaredDistanceOfTheMarksOrOfThePool() {
        // marks at 0, 1 and 3 on a line: squared distances 1, 4, 9, median 4
        float[] x = {0, 1, 3, 10, 20};
        FeedbackSpace space = FeedbackSpace.all(x, 1, 1).withKernel(Kernel.RBF).withKernelWidth(new KernelWidth(true, 1));
        assertThat(space.gamma(new int[] {0, 1, 2})).isEqualTo(1 / 4.0);
        assertThat(space.withKernelWidth(new KernelWidth(true, 0.5)).gamma(new int[] {0, 1, 2})).isEqualTo(0.5 / 4.0);
        double pool = space.withKernelWidth(new KernelWidth(false, 1)).gamma(new int[] {0, 1, 2});
        assertThat(pool).isNotEqualTo(1 / 4.0).isEqualTo(space.gamma(new int[] {0})); // one mark: the pool's median
        assertThat(space.fit(new int[] {0, 1}, new int[] {2}, 10).gamma()).isEqualTo(1 / 4.0);
    }

    @Test
    void queryWeightAddsTheKernelSimilarityToTheQueryToTheSvmScore() {
        Blobs blobs = new Blobs(2, 100, 4, 3, 0.5, 13);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 1).withKernel(Kernel.RBF);
        int[] query = {0};
        int[] relevant = {2, 4};
        int[] irrelevant = rowsOf(blobs, 1, 3);
        RelevanceModel svm = space.fit(new int[] {0, 2, 4}, irrelevant, 10);
        RelevanceModel plain = space.fit(query, relevant, irrelevant, 10, 0, 0);
        RelevanceModel weighted = space.fit(query, relevant, irrelevant, 10, 2, 0);
        assertThat(plain).usingRecursiveComparison().isEqualTo(svm);
        assertThat(weighted.size()).isEqualTo(svm.size() + 1);
        float[] plainScores = space.score(plain);
        float[] weightedScores = space.score(weighted);
        double gamma = svm.gamma();
        for (int i = 0; i < blobs.size(); i++) {
            double similarity = Math.exp(-gamma * PackedVectors.sqDistance(blobs.vectors, 0, blobs.vectors, i * 4, 4));
            assertThat(weightedScores[i] - plainScores[i]).as("image %d", i).isCloseTo((float) (2 * similarity), within(1e-4f));
        }
        assertThatThrownBy(() -> space.fit(query, relevant, irrelevant, 10, -1, 0)).hasMessageContaining("query weight");
        // without an irrelevant mark there is no SVM: the similarity to all relevant examples, query included
        assertThat(space.fit(query, relevant, new int[0], 10, 2, 0).size()).isEqualTo(3);
    }

    @Test
    void orderIsDecreasingWithTiesByPosition() {
        assertThat(FeedbackSpace.order(new float[] {0.5f, -1f, 2f, 0.5f, Float.NaN, -0f, 0f}))
                .containsExactly(2, 0, 3, 5, 6, 1, 4);
    }

    @Test
    void oneClassAndNoExampleAreClearErrors() {
        float[] x = {0, 0, 1, 1};
        assertThatThrownBy(() -> KernelSvm.train(x, 2, new boolean[] {true, true}, Kernel.RBF, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an SVM needs relevant and irrelevant examples, got 2 relevant of 2");
        FeedbackSpace space = FeedbackSpace.all(x, 2, 1);
        assertThatThrownBy(() -> space.fit(new int[0], new int[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no relevant example");
    }

    static int[] rowsOf(Blobs blobs, int cluster, int count) {
        int[] out = new int[count];
        for (int i = 0, n = 0; n < count; i++) {
            if (blobs.cluster[i] == cluster) {
                out[n++] = i;
            }
        }
        return out;
    }
}
