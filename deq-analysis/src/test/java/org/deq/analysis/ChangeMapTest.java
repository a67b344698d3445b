package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deq.synth.SyntheticPatchGenerator;
import org.junit.jupiter.api.Test;

/** Change maps: a planted change is found, a global shift is not change, and scores on synthetic pairs with pixel truth. */
class ChangeMapTest {

    @Test
    void findsAPlantedSquareAndIgnoresAShiftOfTheWholeImage() {
        int w = 50;
        int h = 40;
        float[][] before = new float[3][w * h];
        float[][] after = new float[3][w * h];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < w * h; i++) {
                before[b][i] = 0.1f + (float) random.nextDouble(0, 0.01);
                after[b][i] = before[b][i] + 0.02f + (float) random.nextDouble(0, 0.01); // the season: everything a little brighter
            }
        }
        for (int y = 10; y < 20; y++) {
            for (int x = 5; x < 25; x++) {
                after[0][y * w + x] += 0.3f; // a clear-cut: 200 pixels change
            }
        }
        ChangeMap map = ChangeMap.detect(before, after, w, h, ChangeMap.MIN_MAGNITUDE);
        assertThat(map.changedFraction()).isEqualTo(200.0 / (w * h));
        assertThat(map.changed()[15 * w + 10]).isTrue();
        assertThat(map.changed()[30 * w + 40]).isFalse();

        float[][] seasonOnly = new float[3][];
        for (int b = 0; b < 3; b++) {
            seasonOnly[b] = before[b].clone();
            for (int i = 0; i < w * h; i++) {
                seasonOnly[b][i] += 0.02f + (float) random.nextDouble(0, 0.01);
            }
        }
        assertThat(ChangeMap.detect(before, seasonOnly, w, h, 0f).changedFraction()).as("Otsu alone splits noise").isGreaterThan(0.1);
        assertThat(ChangeMap.detect(before, seasonOnly, w, h, ChangeMap.MIN_MAGNITUDE).changedFraction()).isZero();
    }

    @Test
    void twoDatesOfTheSamePixelsAreRefusedUnlessTheyHoldNoData() {
        float[][] data = new float[10][16];
        for (float[] band : data) {
            java.util.Arrays.fill(band, 0.2f);
        }
        SharpenedPatch copy = new SharpenedPatch(4, 4, data, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeMap.between(copy, copy, ChangeMap.MIN_MAGNITUDE))
                .hasMessageContaining("the two dates have the same pixels");
        // two windows wholly outside the swath: a map of no change, not "one date copied?"
        SharpenedPatch empty = new SharpenedPatch(4, 4, new float[10][16], null);
        assertThat(ChangeMap.between(empty, empty, ChangeMap.MIN_MAGNITUDE).changedPixels()).isZero();
    }

    @Test
    void notesAndSummaryAreWhatDeqChangeMapSays() {
        float[][] clear = new float[10][16];
        float[][] cloudy = new float[10][16];
        for (int b = 0; b < 10; b++) {
            java.util.Arrays.fill(clear[b], 0.05f);
            java.util.Arrays.fill(cloudy[b], 0.05f);
            java.util.Arrays.fill(cloudy[b], 8, 16, 0.3f); // half bright in every band alike: cloud, not snow
        }
        clear[0][0] = Float.NaN;
        SharpenedPatch before = new SharpenedPatch(4, 4, clear, null);
        SharpenedPatch after = new SharpenedPatch(4, 4, cloudy, null);
        ChangeMap map = ChangeMap.between(before, after, ChangeMap.MIN_MAGNITUDE);
        List<String> notes = map.notes(before, after);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).startsWith("1 pixels are no data on either date");
        assertThat(notes.get(1)).startsWith("50.0 % of the after date's pixels look like cloud");
        // both dates cloudy: one note naming both
        assertThat(ChangeMap.cloudNotes(after, after)).singleElement().asString()
                .startsWith("50.0 % of the before date's pixels and 50.0 % of the after date's pixels look like cloud");
        java.util.Map<String, Object> summary = map.summary("a", "b", 0.1f, notes);
        assertThat(summary.keySet()).containsExactly("before", "after", "width", "height", "pixels", "noDataPixels",
                "changedPixels", "changedFraction", "threshold", "minMagnitude", "notes");
        assertThat(summary).containsEntry("noDataPixels", 1).containsEntry("changedPixels", 8).containsEntry("changedFraction", 8 / 15.0);
    }

    @Test
    void syntheticPairsWithPixelTruth() {
        List<ChangeMapEvaluation.Score> scores = ChangeMapEvaluation.run(new SyntheticPatchGenerator(2, false), 20, ChangeMap.MIN_MAGNITUDE, n -> { });
        scores.forEach(s -> System.out.printf("%-34s OA=%.4f P=%.3f R=%.3f F1=%.3f kappa=%.3f noChangeFA=%.4f%n", s.variant(),
                s.overallAccuracy(), s.precision(), s.recall(), s.f1(), s.kappa(), s.falseAlarmsWithoutChange()));
        ChangeMapEvaluation.Score plain = scores.get(0);
        ChangeMapEvaluation.Score floor = scores.get(1);
        assertThat(floor.kappa()).isGreaterThan(plain.kappa()).isGreaterThan(0.9);
        assertThat(floor.falseAlarmsWithoutChange()).isLessThan(0.05).isLessThan(plain.falseAlarmsWithoutChange());
    }
}
