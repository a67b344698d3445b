package org.deq.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.deq.analysis.BandSharpening.Method;
import org.deq.eval.Agreement;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.S2Band;
import org.deq.raster.SampleType;
import org.deq.synth.ChangeType;
import org.deq.synth.ScenePair;
import org.deq.synth.SyntheticPatchGenerator;
import org.deq.synth.SyntheticScene;

/**
 * Change maps scored against the per-pixel truth of synthetic bi-temporal pairs, which real archives lack: the pairs'
 * dates differ in season as well as in the one changed segment. Each variant of {@link ChangeMap} is scored over every
 * pixel of every pair (overall accuracy, precision, recall, F1 and Cohen's kappa of "changed"), and by the share of
 * pixels it flags in the pairs without change.
 */
public final class ChangeMapEvaluation {

    /** The scores of one variant; a score with nothing to measure (no pixel flagged, none changed, no pair without change) is NaN. */
    public record Score(String variant, int pairs, long pixels, double overallAccuracy, double precision, double recall,
                        double f1, double kappa, double falseAlarmsWithoutChange) {
    }

    /** A way of making the map: the magnitude floor under Otsu's threshold. */
    public record Variant(String name, float minMagnitude) {
    }

    /** The variants compared: Otsu alone, and with the floor {@code minMagnitude}. */
    public static List<Variant> variants(float minMagnitude) {
        return List.of(new Variant("cva+otsu", 0f), new Variant("cva+otsu, floor " + minMagnitude
                + (minMagnitude == ChangeMap.MIN_MAGNITUDE ? " (default)" : ""), minMagnitude));
    }

    private ChangeMapEvaluation() {
    }

    /**
     * Scores Otsu alone and with the floor {@code minMagnitude} on the first {@code pairs} pairs of {@code generator};
     * {@code progress} gets the pairs done.
     */
    public static List<Score> run(SyntheticPatchGenerator generator, int pairs, float minMagnitude, LongConsumer progress) {
        List<Variant> variants = variants(minMagnitude);
        long[][] confusion = new long[variants.size()][4]; // tp, fp, fn, tn
        long[] noChangeFlagged = new long[variants.size()];
        long noChangePixels = 0;
        for (int i = 0; i < pairs; i++) {
            ScenePair pair = generator.pair(i);
            SharpenedPatch before = SharpenedPatch.of(bands(pair.before()), Method.LOCAL_REGRESSION);
            SharpenedPatch after = SharpenedPatch.of(bands(pair.after()), Method.LOCAL_REGRESSION);
            boolean[] truth = pair.changed();
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                ChangeMap map = ChangeMap.detect(before.bands(), after.bands(), before.width(), before.height(),
                        variant.minMagnitude());
                for (int p = 0; p < truth.length; p++) {
                    int cell = map.changed()[p] ? (truth[p] ? 0 : 1) : (truth[p] ? 2 : 3);
                    confusion[v][cell]++;
                    if (pair.type() == ChangeType.NO_CHANGE && map.changed()[p]) {
                        noChangeFlagged[v]++;
                    }
                }
            }
            if (pair.type() == ChangeType.NO_CHANGE) {
                noChangePixels += truth.length;
            }
            progress.accept(i + 1);
        }
        List<Score> scores = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            long tp = confusion[v][0];
            long fp = confusion[v][1];
            long fn = confusion[v][2];
            long tn = confusion[v][3];
            long n = tp + fp + fn + tn;
            long[] matrix = {tp, fn, fp, tn}; // rows: truth changed, unchanged; columns: flagged, not
            double accuracy = Agreement.overallAccuracy(matrix, 2);
            // undefined scores (nothing flagged, nothing changed, one class only) are NaN, not a misleading 0
            double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
            double recall = tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
            double f1 = 2 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2 * tp + fp + fn); // 0 for a total miss
            double kappa = Agreement.kappa(matrix, 2);
            scores.add(new Score(variants.get(v).name(), pairs, n, accuracy, precision, recall, f1, kappa,
                    noChangePixels == 0 ? Double.NaN : noChangeFlagged[v] / (double) noChangePixels));
        }
        return scores;
    }

    /** The ten 10 m and 20 m bands of a synthetic scene at native resolution, as read from its files. */
    static Map<S2Band, GeoRaster> bands(SyntheticScene scene) {
        Map<S2Band, GeoRaster> out = new EnumMap<>(S2Band.class);
        for (S2Band b : SharpenedPatch.BANDS) {
            short[] dn = scene.band(b);
            float[] reflectance = new float[dn.length];
            for (int i = 0; i < dn.length; i++) {
                reflectance[i] = (dn[i] & 0xFFFF) / S2Band.SCALE;
            }
            int side = SyntheticScene.side(b);
            out.put(b, new GeoRaster(side, side, new float[][] {reflectance}, SampleType.UINT16,
                    new GeoRef(scene.ulx(), scene.uly(), b.metres, b.metres, scene.zone().epsg())));
        }
        return out;
    }
}
