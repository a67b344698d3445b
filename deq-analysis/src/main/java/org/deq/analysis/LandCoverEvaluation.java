package org.deq.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.deq.analysis.LabelPrediction.Neighbours;
import org.deq.analysis.LabelPrediction.Weighting;
import org.deq.archive.Archives;
import org.deq.archive.PatchWindows;
import org.deq.describe.Descriptor;
import org.deq.eval.Agreement;
import org.deq.eval.ArchiveOrderSplit;
import org.deq.eval.EvalProtocol;
import org.deq.eval.IndexEvaluation;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.Resample;
import org.deq.store.IndexStore;

/**
 * Land-cover maps scored against known truth on real pictures: a single-label index is split per class (seeded, as
 * {@code deq eval --split}), mosaics are made of a grid of held-out test pictures, each tile's class known, and mapped
 * with only the train pictures voting. Every pixel's class is compared with its tile's (overall accuracy, Cohen's kappa)
 * for the sliding-window map, the same windows with the nearest neighbour alone, and one window per tile (which knows
 * where the tiles are: a reference, not a method).
 */
public final class LandCoverEvaluation {

    /** The pixel scores of one variant. */
    public record Score(String variant, long pixels, double overallAccuracy, double kappa) {
    }

    /**
     * What a run measured.
     *
     * @param trainItems pictures that vote
     * @param testItems  held-out pictures the tiles are drawn from
     * @param tile       edge of a tile (pictures of another size are resampled to it)
     */
    public record Report(int mosaics, int grid, int tile, int window, int stride, int k, int trainItems, int testItems,
                         List<Score> scores) {
    }

    /**
     * How to evaluate.
     *
     * @param mosaics      mosaics to map (at most the test pictures / grid²)
     * @param grid         tiles per mosaic side
     * @param tile         tile edge (the index's patch size; pictures of another size are resampled to it)
     * @param window       window edge of the sliding map
     * @param stride       its step
     * @param trainPercent train share of the per-class split
     * @param heldOutLast  when above 0, the test pictures are instead the last {@code heldOutLast} % of each archive
     *                     folder ({@link ArchiveOrderSplit}), which share fewer photographs with the voters
     * @param seed         seed of the split and of the tiles' draw
     */
    public record Settings(int mosaics, int grid, int tile, int window, int stride, int k, int trainPercent, int heldOutLast,
                           long seed, int threads) {
    }

    private LandCoverEvaluation() {
    }

    /**
     * Maps the mosaics of {@code store}'s held-out pictures and scores them, the labels voted by {@code prediction}
     * ({@link LabelPrediction#of} the store, single-label: {@link #requireSingleLabel}, checked before the work);
     * {@code progress} gets the mosaics done.
     */
    public static Report run(IndexStore store, LabelPrediction prediction, Descriptor descriptor, Settings s,
                             LongConsumer progress) throws IOException {
        boolean[] train;
        if (s.heldOutLast() > 0) {
            boolean[] heldOut = ArchiveOrderSplit.heldOut(store, s.heldOutLast());
            train = new boolean[heldOut.length];
            for (int i = 0; i < train.length; i++) {
                train[i] = !heldOut[i];
            }
        } else {
            train = new EvalProtocol(EvalProtocol.Scope.TEST, EvalProtocol.Scope.TRAIN, s.trainPercent(), s.seed(), false)
                    .trainMask(IndexEvaluation.truthOf(store));
        }
        BitSet allowed = new BitSet(train.length);
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < train.length; i++) {
            if (prediction.labelsOf(i).length != 1) {
                continue; // a picture without its class (a --labels file that misses it) can neither vote nor be a tile
            }
            if (train[i]) {
                allowed.set(i);
            } else {
                test.add(i);
            }
        }
        Collections.shuffle(test, new Random(s.seed()));
        int perMosaic = s.grid() * s.grid();
        int mosaics = Math.min(s.mosaics(), test.size() / perMosaic);
        if (mosaics < 1 || allowed.isEmpty()) {
            throw new IllegalArgumentException(store.dir() + ": " + test.size() + " held-out and " + allowed.cardinality()
                    + " train pictures: too few for one mosaic of " + s.grid() + "x" + s.grid() + " tiles");
        }
        int labels = prediction.labelNames().size();
        String[] names = {"sliding window, 1/distance vote k=" + s.k(), "sliding window, nearest neighbour",
                "one window per tile (knows the tiles)"};
        long[][] confusion = new long[names.length][labels * labels];
        for (int m = 0; m < mosaics; m++) {
            List<Integer> tiles = test.subList(m * perMosaic, (m + 1) * perMosaic);
            PatchWindows mosaic = PatchWindows.of(mosaic(store, tiles, s.grid(), s.tile()));
            int size = s.grid() * s.tile();
            int[] truth = new int[size * size];
            for (int t = 0; t < perMosaic; t++) {
                int cls = prediction.labelsOf(tiles.get(t))[0];
                int x0 = t % s.grid() * s.tile();
                int y0 = t / s.grid() * s.tile();
                for (int y = y0; y < y0 + s.tile(); y++) {
                    Arrays.fill(truth, y * size + x0, y * size + x0 + s.tile(), cls);
                }
            }
            LandCoverMap.Windows sliding = LandCoverMap.Windows.over(size, size, s.window(), s.stride());
            Neighbours[] nn = LandCoverMap.neighbours(mosaic, LandCoverMap.describeFirst(mosaic, sliding, descriptor, prediction),
                    descriptor, prediction, s.k(), allowed, s.threads(), x -> { });
            LandCoverMap.Windows perTile = LandCoverMap.Windows.over(size, size, s.tile(), s.tile());
            Neighbours[] tileNn = LandCoverMap.neighbours(mosaic, LandCoverMap.describeFirst(mosaic, perTile, descriptor, prediction),
                    descriptor, prediction, s.k(), allowed, s.threads(), x -> { });
            count(confusion[0], truth, LandCoverMap.accumulate(sliding, nn, prediction, s.k(), Weighting.INVERSE_DISTANCE), labels);
            count(confusion[1], truth, LandCoverMap.accumulate(sliding, nn, prediction, 1, Weighting.UNIFORM), labels);
            count(confusion[2], truth, LandCoverMap.accumulate(perTile, tileNn, prediction, s.k(), Weighting.INVERSE_DISTANCE), labels);
            progress.accept(m + 1);
        }
        List<Score> scores = new ArrayList<>();
        for (int v = 0; v < names.length; v++) {
            scores.add(score(names[v], confusion[v], labels));
        }
        return new Report(mosaics, s.grid(), s.tile(), s.window(), s.stride(), s.k(), allowed.cardinality(), test.size(), scores);
    }

    /** Refuses an index whose items carry several labels: a mosaic's truth is one class per tile. */
    public static void requireSingleLabel(IndexStore store, LabelPrediction prediction) {
        if (prediction.multiLabel()) {
            throw new IllegalArgumentException(store.dir() + ": land-cover maps are scored against one class per tile, and"
                    + " this index's patches carry several labels; score an index of class folders (UC Merced, EuroSAT)"
                    + " built without --labels");
        }
    }

    /** The tiles' pictures side by side, each resampled to {@code tile} pixels when it has another size. */
    private static Patch mosaic(IndexStore store, List<Integer> tiles, int grid, int tile) throws IOException {
        int size = grid * tile;
        float[][] bands = null;
        List<String> bandNames = null;
        for (int t = 0; t < tiles.size(); t++) {
            PatchMeta meta = store.meta(tiles.get(t));
            Patch p = Archives.readSource(meta.source());
            if (bands == null) {
                bands = new float[p.bandCount()][size * size];
                bandNames = p.bandNames();
            } else if (!p.bandNames().equals(bandNames)) {
                throw new IllegalArgumentException(meta.source() + ": bands " + p.bandNames() + ", the other tiles have " + bandNames);
            }
            int x0 = t % grid * tile;
            int y0 = t / grid * tile;
            for (int b = 0; b < bands.length; b++) {
                float[] src = p.width() == tile && p.height() == tile ? p.bands()[b]
                        : Resample.bilinear(p.bands()[b], p.width(), p.height(), tile, tile);
                for (int y = 0; y < tile; y++) {
                    System.arraycopy(src, y * tile, bands[b], (y0 + y) * size + x0, tile);
                }
            }
        }
        return new Patch(PatchMeta.of("mosaic", store.dir().toString()), size, size, bandNames, bands);
    }

    private static void count(long[] confusion, int[] truth, LandCoverMap map, int labels) {
        int[] predicted = map.classes();
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i] * labels + predicted[i]]++;
        }
    }

    /** Overall accuracy and Cohen's kappa of a confusion matrix (rows: truth). */
    static Score score(String name, long[] confusion, int labels) {
        long total = 0;
        for (long c : confusion) {
            total += c;
        }
        return new Score(name, total, Agreement.overallAccuracy(confusion, labels), Agreement.kappa(confusion, labels));
    }
}
