package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedbackSelectorTest {

    private static final Blobs BLOBS = new Blobs(4, 100, 6, 1.5, 1, 5);
    private static final FeedbackSpace SPACE = FeedbackSpace.all(BLOBS.vectors, BLOBS.dim, 2);

    @Test
    void theTopOfTheOrderIsThePrefixOfTheWholeOrder() {
        // ties (scores of few values), both zeros and NaN, in a pool large enough for the heap (limit below an eighth)
        Random random = new Random(3);
        float[] scores = new float[5000];
        for (int p = 0; p < scores.length; p++) {
            int kind = random.nextInt(20);
            scores[p] = kind == 0 ? Float.NaN : kind == 1 ? -0f : kind == 2 ? 0f : random.nextInt(50) / 7f - 3f;
        }
        int[] whole = FeedbackSpace.order(scores);
        for (int limit : new int[] {0, 1, 10, 333, 624}) {
            assertThat(FeedbackSpace.order(scores, limit)).as("limit %d", limit).containsExactly(Arrays.copyOf(whole, limit));
        }
        assertThat(FeedbackSpace.order(scores, 4000)).containsExactly(whole); // most of the pool: all of it
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void neverReturnsAMarkedImageNorTheSameImageTwice(Strategy strategy) {
        Random random = new Random(17);
        for (int trial = 0; trial < 30; trial++) {
            BitSet marked = new BitSet();
            int nMarked = 1 + random.nextInt(trial < 25 ? 60 : SPACE.size() - 3);
            while (marked.cardinality() < nMarked) {
                marked.set(random.nextInt(SPACE.size()));
            }
            int[] rows = marked.stream().toArray();
            int[] relevant = Arrays.stream(rows).filter(r -> BLOBS.cluster[r] == 0).toArray();
            int[] irrelevant = Arrays.stream(rows).filter(r -> BLOBS.cluster[r] != 0).toArray();
            RelevanceModel model = SPACE.fit(relevant.length == 0 ? new int[] {rows[0]} : relevant, irrelevant, 10);
            float[] scores = SPACE.score(model);
            int count = 1 + random.nextInt(10);
            int[] picked = ActiveSelector.select(strategy, SPACE, model.kind(), scores, FeedbackSpace.order(scores),
                    marked, count, new Candidates(4 * count, trial % 2 == 0 ? 0 : 6 * count), trial);
            assertThat(picked).hasSize(Math.min(count, SPACE.size() - nMarked)).doesNotHaveDuplicates();
            for (int p : picked) {
                assertThat(marked.get(p)).as("trial %d picked marked image %d", trial, p).isFalse();
            }
        }
    }

    @Test
    void activeSelectionIsReproducibleWithASeedAndPicksUncertainImages() {
        Round round = Round.fiveAndFive();
        BitSet marked = round.marked;
        float[] scores = round.scores;
        int[] first = round.pickFive(Strategy.ACTIVE, Candidates.wholePool(20));
        assertThat(round.pickFive(Strategy.ACTIVE, Candidates.wholePool(20))).containsExactly(first);
        // every pick is among the 20 unmarked images closest to the boundary
        float[] margins = new float[scores.length];
        int n = 0;
        for (int p = 0; p < scores.length; p++) {
            if (!marked.get(p)) {
                margins[n++] = Math.abs(scores[p]);
            }
        }
        Arrays.sort(margins, 0, n);
        for (int p : first) {
            assertThat(Math.abs(scores[p])).isLessThanOrEqualTo(margins[19]);
        }
        assertThat(round.pickFive(Strategy.TOP, Candidates.wholePool(20))).doesNotContain(first);
    }

    @Test
    void aWindowKeepsActivePicksAmongTheBestRankedUnmarkedImages() {
        Round round = Round.fiveAndFive();
        BitSet window = new BitSet();
        for (int i = 0, seen = 0; seen < 30; i++) {
            if (!round.marked.get(round.order[i])) {
                window.set(round.order[i]);
                seen++;
            }
        }
        int[] inWindow = round.pickFive(Strategy.ACTIVE, new Candidates(30, 30));
        assertThat(inWindow).hasSize(5);
        assertThat(Arrays.stream(inWindow).allMatch(window::get)).as("picks inside the window").isTrue();
        // the whole pool's boundary lies elsewhere: without the window the picks leave the top 30
        int[] wholePool = round.pickFive(Strategy.ACTIVE, Candidates.wholePool(30));
        assertThat(Arrays.stream(wholePool).anyMatch(p -> !window.get(p))).as("a pick outside the window").isTrue();
    }

    @Test
    void aWindowSmallerThanTheUncertainSetIsRefused() {
        assertThatThrownBy(() -> new Candidates(20, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
        assertThatThrownBy(() -> new Candidates(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uncertain");
    }

    /** Five relevant marks from blob 0 and five irrelevant from blob 1, the model trained on them and its ranking. */
    private record Round(BitSet marked, RelevanceModel model, float[] scores, int[] order) {

        static Round fiveAndFive() {
            int[] relevant = FeedbackSvmTest.rowsOf(BLOBS, 0, 5);
            int[] irrelevant = FeedbackSvmTest.rowsOf(BLOBS, 1, 5);
            BitSet marked = new BitSet();
            Arrays.stream(relevant).forEach(marked::set);
            Arrays.stream(irrelevant).forEach(marked::set);
            RelevanceModel model = SPACE.fit(relevant, irrelevant, 10);
            float[] scores = SPACE.score(model);
            return new Round(marked, model, scores, FeedbackSpace.order(scores));
        }

        int[] pickFive(Strategy strategy, Candidates candidates) {
            return ActiveSelector.select(strategy, SPACE, model.kind(), scores, order, marked, 5, candidates, 42);
        }
    }
}
