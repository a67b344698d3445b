package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.deq.analysis.LabelPrediction.Prediction;
import org.deq.analysis.LabelPrediction.Weighting;
import org.deq.index.Distance;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label prediction by the votes of nearest neighbours: separable clusters, leave-one-out, weighting, determinism, evaluation. */
class LabelPredictionTest {

    static final List<String> NAMES = List.of("water", "trees", "grass", "self");

    /** Ten items around (0, 0) labelled water, ten around (10, 10) labelled trees + grass; item 3 also carries "self". */
    static LabelPrediction clusters() {
        float[] v = new float[40];
        int[][] labels = new int[20][];
        for (int i = 0; i < 20; i++) {
            float base = i < 10 ? 0 : 10;
            v[2 * i] = base + 0.1f * (i % 5);
            v[2 * i + 1] = base + 0.07f * (i % 3);
            labels[i] = i < 10 ? (i == 3 ? new int[] {0, 3} : new int[] {0}) : new int[] {1, 2};
        }
        return LabelPrediction.over(v, 2, Distance.L2, NAMES, labels);
    }

    /** The labels of {@code q} voted by its k nearest allowed items, as deq caption votes them. */
    static Prediction predict(LabelPrediction p, float[] q, int k, float threshold, Weighting weighting, BitSet allowed, int exclude) {
        return p.vote(p.neighbours(q, k, p.voters(allowed), exclude).nearest(), k, threshold, weighting);
    }

    @Test
    void separableClustersVoteTheirLabels() {
        LabelPrediction p = clusters();
        Prediction near = predict(p, new float[] {9.8f, 10.1f}, 5, 0.5f, Weighting.INVERSE_DISTANCE, null, -1);
        assertThat(near.predicted()).containsExactly(1, 2); // equal scores: the lower label id first
        assertThat(near.scores()[1]).isEqualTo(1f);
        assertThat(near.scores()[0]).isZero();
        assertThat(near.labels(NAMES)).extracting(LabelPrediction.LabelScore::label).containsExactly("trees", "grass");
        Prediction water = predict(p, new float[] {0.2f, 0f}, 5, 0.5f, Weighting.INVERSE_DISTANCE, null, -1);
        assertThat(water.best()).isZero();
    }

    @Test
    void leaveOneOutExcludesTheQuery() {
        LabelPrediction p = clusters();
        float[] self = p.vector(3);
        // an example file the index holds (no ordinal given) is left out as its stored copy
        assertThat(p.neighbours(self, 1, null, -1).copies()).containsExactly(3);
        assertThat(predict(p, self, 1, 0.5f, Weighting.UNIFORM, null, -1).predicted()).containsExactly(0);
        Prediction without = predict(p, self, 5, 0.1f, Weighting.INVERSE_DISTANCE, null, 3);
        assertThat(p.neighbours(self, 19, null, 3).nearest().ids()).doesNotContain(3).hasSize(19);
        assertThat(without.scores()[3]).isZero(); // only item 3 carries "self"
        assertThat(without.predicted()).containsExactly(0);
    }

    @Test
    void nearerNeighboursCountMoreAndTheBestIsAlwaysPredicted() {
        // one neighbour at distance 1 with "water", two at distance 4 with "trees"
        LabelPrediction p = LabelPrediction.over(new float[] {1, 4, 4}, 1, Distance.L1, NAMES, new int[][] {{0}, {1}, {1}});
        float[] q = {0};
        assertThat(predict(p, q, 3, 0.5f, Weighting.UNIFORM, null, -1).predicted()).containsExactly(1);
        Prediction weighted = predict(p, q, 3, 0.5f, Weighting.INVERSE_DISTANCE, null, -1);
        assertThat(weighted.predicted()).containsExactly(0);
        assertThat(weighted.scores()[0]).isCloseTo(2f / 3, org.assertj.core.data.Offset.offset(1e-5f));
        // nothing above 0.9: the best label still comes out
        assertThat(predict(p, q, 3, 0.9f, Weighting.INVERSE_DISTANCE, null, -1).predicted()).containsExactly(0);
    }

    @Test
    void unlabelledItemsDoNotVote() {
        // the nearest item (distance 0.5) has no label; "water" at 1 and "trees" at 4 share the whole vote
        LabelPrediction p = LabelPrediction.over(new float[] {0.5f, 1, 4}, 1, Distance.L1, NAMES, new int[][] {{}, {0}, {1}});
        assertThat(p.unlabelled()).isEqualTo(1);
        assertThat(p.unlabelledNote()).isEqualTo("1 of the index's 3 patches have no labels and never vote");
        assertThat(clusters().unlabelledNote()).isNull();
        Prediction pred = predict(p, new float[] {0}, 2, 0.5f, Weighting.INVERSE_DISTANCE, null, -1);
        assertThat(pred.scores()[0]).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(pred.scores()[1]).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-5f));
        BitSet allowed = new BitSet();
        allowed.set(0);
        allowed.set(2);
        BitSet voters = p.voters(allowed);
        assertThat(voters.stream()).containsExactly(2);
        assertThat(p.neighbours(new float[] {0}, 3, voters, -1).nearest().ids()).containsExactly(2);
        assertThat(predict(p, new float[] {0}, 3, 0.5f, Weighting.INVERSE_DISTANCE, allowed, -1).predicted()).containsExactly(1);
        assertThat(allowed.stream()).as("the caller's set is left as given").containsExactly(0, 2);
    }

    @Test
    void storedCopiesOfTheQueryDoNotVote() {
        // item 0 is the query; items 1 and 4 are exact copies of it under other ids, labelled trees; water lies at 1 and 2
        LabelPrediction p = LabelPrediction.over(new float[] {0, 0, 1, 2, 0, 3}, 1, Distance.L1, NAMES,
                new int[][] {{0}, {1}, {0}, {0}, {1}, {2}});
        LabelPrediction.Neighbours nn = p.neighbours(new float[] {0}, 3, null, 0);
        assertThat(nn.copies()).containsExactlyInAnyOrder(1, 4);
        assertThat(nn.nearest().ids()).containsExactly(2, 3, 5); // k voters beyond the copies, never the copies
        Prediction caption = predict(p, new float[] {0}, 2, 0.5f, Weighting.INVERSE_DISTANCE, null, 0);
        assertThat(caption.predicted()).containsExactly(0); // at weight 1/1e-6 a copy alone said "trees"
        assertThat(p.neighbours(new float[] {0.5f}, 3, null, -1).copies()).isEmpty();

        // leave-one-out: the copies never vote for each other
        LabelPredictionEvaluation.Report r = LabelPredictionEvaluation.run(p, new int[] {0, 1}, null, 1, 0.5f, done -> { });
        assertThat(r.withCopies()).isEqualTo(2);
        // nearest neighbour: water (item 2) for both, which the trees copy is not; a copy voting gave the other answers
        assertThat(r.scores().get(2).bestAccuracy()).isEqualTo(0.5);
        // only copies can vote: they do, as nothing else is left
        LabelPrediction twins = LabelPrediction.over(new float[] {0, 0}, 1, Distance.L1, NAMES, new int[][] {{0}, {1}});
        LabelPrediction.Neighbours only = twins.neighbours(new float[] {0}, 5, null, 0);
        assertThat(only.copies()).isEmpty();
        assertThat(only.nearest().ids()).containsExactly(1);
    }

    @Test
    void isDeterministic() {
        float[] q = {5f, 5.2f};
        Prediction a = predict(clusters(), q, 7, 0.3f, Weighting.INVERSE_DISTANCE, null, -1);
        Prediction b = predict(clusters(), q, 7, 0.3f, Weighting.INVERSE_DISTANCE, null, -1);
        assertThat(a.scores()).containsExactly(b.scores());
        assertThat(a.predicted()).containsExactly(b.predicted());
    }

    @Test
    void leaveOneOutEvaluationScoresTheVoteAboveThePrior() {
        LabelPredictionEvaluation.Report r = LabelPredictionEvaluation.run(clusters(), LabelPredictionEvaluation.everyNth(20, 1), null,
                5, 0.5f, done -> { });
        assertThat(r.queries()).isEqualTo(20);
        assertThat(r.multiLabel()).isTrue();
        LabelPredictionEvaluation.Score vote = r.scores().get(0);
        LabelPredictionEvaluation.Score prior = r.scores().get(3);
        assertThat(vote.bestAccuracy()).isEqualTo(1.0);
        assertThat(vote.perLabel().get(1).f1()).isEqualTo(1.0);
        assertThat(vote.perLabel().get(3).support()).isEqualTo(1); // "self" is never voted for by others
        assertThat(vote.perLabel().get(3).f1()).isZero();
        assertThat(prior.f1()).isLessThan(vote.f1());
        assertThat(LabelPredictionEvaluation.everyNth(11, 5)).containsExactly(0, 5, 10);
    }

    @Test
    void anIndexWithoutLabelsIsOneClearError(@TempDir Path tmp) throws IOException {
        try (IndexStore s = IndexStore.create(tmp.resolve("idx"), new StoreConfig("test", Distance.L2, 2, null));
             StoreWriter w = s.writer()) {
            w.add(PatchMeta.of("a", "test"), new float[] {0, 1});
            w.commit();
        }
        try (IndexStore s = IndexStore.open(tmp.resolve("idx"))) {
            assertThatThrownBy(() -> LabelPrediction.of(s)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the index has no labels to predict from");
        }
    }
}
