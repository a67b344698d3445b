package org.deq.analysis;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.deq.analysis.LabelPrediction.Neighbours;
import org.deq.analysis.LabelPrediction.Weighting;
import org.deq.archive.PatchWindows;
import org.deq.concurrent.Workers;
import org.deq.describe.Descriptor;
import org.deq.raster.BandScale;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.Png;
import org.deq.search.QueryByExample;

/**
 * A land-cover map of a large image: a window slides over it, each window is described with an index's descriptor and
 * its labels are predicted from its nearest neighbours ({@link LabelPrediction}), and every pixel gets the label
 * scores of the windows that cover it averaged with the windows' vote weights (the sum of 1/distance of their
 * neighbours), so that a pixel's class is the distance-weighted vote of all the neighbours of all its windows: a window
 * straddling two kinds of land finds no close match in the archive and weighs less than one that lies inside either.
 * Every window edge is a cell edge, so all pixels of a cell are covered by the same windows and the scores are kept per
 * cell (megabytes for a Sentinel-2 tile, not a score per label and pixel); the written GeoTIFF, one value per pixel and
 * band, is what takes memory on a large image, the more with {@code --scores}.
 *
 * @param width      pixels per row
 * @param height     rows
 * @param labels     label names; label ids index this list
 * @param edgesX     the cells' column edges, from 0 to {@code width}
 * @param edgesY     the cells' row edges, from 0 to {@code height}
 * @param cellScores per cell (row-major), the weighted mean score of each label
 * @param windows    windows described
 * @param heldWindows windows that are pictures the index holds (stored items at distance 0), every such copy left out
 *                   of their vote by the rule of {@code deq caption} ({@link LabelPrediction#neighbours})
 * @param noData     the pixels without data (row-major), left without a class
 */
public record LandCoverMap(int width, int height, List<String> labels, int[] edgesX, int[] edgesY, float[] cellScores,
                           int windows, int heldWindows, BitSet noData) {

    /** Copies the no-data pixels, so that the map stays as made. */
    public LandCoverMap {
        noData = (BitSet) noData.clone();
    }

    /** The pixels without data (row-major), a copy. */
    @Override
    public BitSet noData() {
        return (BitSet) noData.clone();
    }

    /** The class of a pixel without data in {@link #classes}: none, written as 0 (GDAL's no-data value of the map). */
    public static final int NO_CLASS = -1;

    /**
     * Where the windows of an image lie: at every multiple of the stride that fits, plus one flush with the far edge
     * when the last of those stops short of it, so that every pixel is described.
     *
     * @param xs left edges
     * @param ys top edges
     */
    public record Windows(int width, int height, int window, int stride, int[] xs, int[] ys) {

        /** The windows of a {@code width × height} image; a window larger than the image or a bad stride is an error. */
        public static Windows over(int width, int height, int window, int stride) {
            if (window < 1 || window > width || window > height) {
                throw new IllegalArgumentException("window " + window + " does not fit the image of " + width + "x" + height
                        + " pixels; give a --window of at most " + Math.min(width, height));
            }
            if (stride < 1 || stride > window) {
                throw new IllegalArgumentException("stride must be in 1.." + window + " (the window), got " + stride);
            }
            return new Windows(width, height, window, stride, positions(width, window, stride), positions(height, window, stride));
        }

        /** Number of windows. */
        public int count() {
            return xs.length * ys.length;
        }

        private static int[] positions(int n, int window, int stride) {
            int regular = (n - window) / stride + 1;
            boolean flush = n - window > (regular - 1) * stride;
            int[] out = new int[regular + (flush ? 1 : 0)];
            for (int i = 0; i < regular; i++) {
                out[i] = i * stride;
            }
            if (flush) {
                out[regular] = n - window;
            }
            return out;
        }

        /** Every start and end of a window along one axis, sorted and distinct: the cell edges, from 0 to the far edge. */
        static int[] edges(int[] starts, int window) {
            return IntStream.concat(IntStream.of(starts), IntStream.of(starts).map(x -> x + window)).sorted().distinct().toArray();
        }
    }

    /**
     * An image's windows with the first of them described ({@link #describeFirst}), so that the check that the
     * descriptor reads the image is also the first window's description.
     *
     * @param vector the first window's descriptor
     */
    public record FirstWindow(Windows windows, float[] vector) {
    }

    /**
     * The map of {@code image} over the windows of {@code first}, each window's labels voted by its {@code k} nearest
     * allowed items ({@code null}: all) of {@code prediction}, never the stored copies of the window; descriptions and
     * searches run on {@code threads} threads, {@code progress} gets the windows done.
     */
    public static LandCoverMap of(PatchWindows image, FirstWindow first, Descriptor descriptor, LabelPrediction prediction, int k,
                                  BitSet allowed, int threads, LongConsumer progress) throws IOException {
        Neighbours[] nn = neighbours(image, first, descriptor, prediction, k, allowed, threads, progress);
        int held = 0;
        for (Neighbours n : nn) {
            held += n.copies().length > 0 ? 1 : 0;
        }
        LandCoverMap map = accumulate(first.windows(), nn, prediction, k, Weighting.INVERSE_DISTANCE);
        return new LandCoverMap(map.width, map.height, map.labels, map.edgesX, map.edgesY, map.cellScores, map.windows, held,
                image.noData());
    }

    /**
     * Describes the first window of {@code image}: a descriptor that cannot read the image (an RGB index on 12 bands)
     * fails here, with its own one-line message, before a long run and its progress bar start; {@link #of} and
     * {@link #neighbours} go on from it.
     */
    public static FirstWindow describeFirst(PatchWindows image, Windows windows, Descriptor descriptor, LabelPrediction prediction)
            throws IOException {
        Patch first = image.window(windows.xs()[0], windows.ys()[0], windows.window());
        // named as the image, not as its first window: a missing band is the image's
        return new FirstWindow(windows, QueryByExample.describe(descriptor, prediction.dimension(),
                new Patch(image.meta(), first.width(), first.height(), first.bandNames(), first.bands()), "image"));
    }

    /**
     * The {@code k} nearest allowed items of every window of {@code first} (row by row), found on {@code threads}
     * threads; the first window's from its description, the others described here.
     */
    public static Neighbours[] neighbours(PatchWindows image, FirstWindow first, Descriptor descriptor, LabelPrediction prediction,
                                          int k, BitSet allowed, int threads, LongConsumer progress) throws IOException {
        Windows windows = first.windows();
        int columns = windows.xs().length;
        BitSet voters = prediction.voters(allowed);
        Neighbours[] out = new Neighbours[windows.count()];
        out[0] = prediction.neighbours(first.vector(), k, voters, -1);
        progress.accept(1);
        ExecutorService pool = Workers.pool(threads, "land-cover");
        try {
            List<Future<Neighbours>> futures = new ArrayList<>(out.length);
            for (int i = 1; i < out.length; i++) {
                int w = i;
                futures.add(pool.submit(() -> windowNeighbours(image, windows, w, columns, descriptor, prediction, k, voters)));
            }
            for (int i = 1; i < out.length; i++) {
                out[i] = Workers.await(futures.get(i - 1), "land-cover window");
                progress.accept(i + 1);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The nearest of {@code voters} ({@link LabelPrediction#voters}) to window {@code w} (row-major over the windows' columns). */
    private static Neighbours windowNeighbours(PatchWindows image, Windows windows, int w, int columns, Descriptor descriptor,
                                               LabelPrediction prediction, int k, BitSet voters) throws IOException {
        Patch crop = image.window(windows.xs()[w % columns], windows.ys()[w / columns], windows.window());
        return prediction.neighbours(QueryByExample.describe(descriptor, prediction.dimension(), crop, "window"), k, voters, -1);
    }

    /**
     * The map from every window's neighbours: each window's label scores (its first k neighbours voting by
     * {@code weighting}) averaged per cell with the windows' vote weights.
     */
    public static LandCoverMap accumulate(Windows windows, Neighbours[] nn, LabelPrediction prediction, int k,
                                          Weighting weighting) {
        int[] edgesX = Windows.edges(windows.xs(), windows.window());
        int[] edgesY = Windows.edges(windows.ys(), windows.window());
        int cellsX = edgesX.length - 1;
        int labels = prediction.labelNames().size();
        float[] sums = new float[cellsX * (edgesY.length - 1) * labels];
        float[] weights = new float[cellsX * (edgesY.length - 1)];
        int w = 0;
        for (int y : windows.ys()) {
            int top = Arrays.binarySearch(edgesY, y);
            int bottom = Arrays.binarySearch(edgesY, y + windows.window());
            for (int x : windows.xs()) {
                int left = Arrays.binarySearch(edgesX, x);
                int right = Arrays.binarySearch(edgesX, x + windows.window());
                // the threshold does not matter here: the map keeps the scores of every label
                LabelPrediction.Prediction p = prediction.vote(nn[w++].nearest(), k, LabelPrediction.THRESHOLD, weighting);
                float[] scores = p.scores();
                float weight = (float) p.weight();
                for (int cy = top; cy < bottom; cy++) {
                    for (int cx = left; cx < right; cx++) {
                        int cell = cy * cellsX + cx;
                        weights[cell] += weight;
                        int o = cell * labels;
                        for (int l = 0; l < labels; l++) {
                            sums[o + l] += weight * scores[l];
                        }
                    }
                }
            }
        }
        for (int cell = 0; cell < weights.length; cell++) {
            float inverse = 1f / weights[cell];
            for (int l = 0; l < labels; l++) {
                sums[cell * labels + l] *= inverse;
            }
        }
        return new LandCoverMap(windows.width(), windows.height(), prediction.labelNames(), edgesX, edgesY, sums, nn.length,
                0, new BitSet());
    }

    /** The cell of every pixel along one axis of {@code n} pixels. */
    private static int[] cellsOf(int[] edges, int n) {
        int[] out = new int[n];
        for (int c = 0; c + 1 < edges.length; c++) {
            Arrays.fill(out, edges[c], edges[c + 1], c);
        }
        return out;
    }

    /** The best label of every cell (ties: the lower label id). */
    private int[] cellClasses() {
        int labels = labels().size();
        int[] best = new int[cellScores.length / labels];
        for (int cell = 0; cell < best.length; cell++) {
            int o = cell * labels;
            int b = 0;
            for (int l = 1; l < labels; l++) {
                if (cellScores[o + l] > cellScores[o + b]) {
                    b = l;
                }
            }
            best[cell] = b;
        }
        return best;
    }

    /** The best label id of every pixel, row-major; {@link #NO_CLASS} for a pixel without data. */
    public int[] classes() {
        int[] best = cellClasses();
        int[] column = cellsOf(edgesX, width);
        int[] row = cellsOf(edgesY, height);
        int cellsX = edgesX.length - 1;
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = best[row[y] * cellsX + column[x]];
            }
        }
        for (int i = noData.nextSetBit(0); i >= 0; i = noData.nextSetBit(i + 1)) {
            out[i] = NO_CLASS;
        }
        return out;
    }

    /** The (weighted mean) score of {@code label} at pixel (x, y). */
    public float score(int label, int x, int y) {
        int cell = cellAt(edgesY, y) * (edgesX.length - 1) + cellAt(edgesX, x);
        return cellScores[cell * labels.size() + label];
    }

    /** The cell holding coordinate {@code v} along the axis of {@code edges}. */
    private static int cellAt(int[] edges, int v) {
        int i = Arrays.binarySearch(edges, v);
        return i >= 0 ? Math.min(i, edges.length - 2) : -i - 2;
    }

    /**
     * A score band's value at a pixel without data: no score (those run from 0 to 10000), declared as the score bands'
     * own no-data value by {@link #gdalAuxXml}, since the file's (0, the class band's) would hide every real score of 0.
     */
    public static final int NO_SCORE = 65535;

    /**
     * A UInt16 GeoTIFF on {@code geo}'s grid (a plain TIFF when it is null): band 1 the best label id + 1 (the values of
     * {@link #legend}), then with {@code withScores} one band per label, its score × 10000. A pixel without data is 0 in
     * band 1, GDAL's no-data value of the file, and {@value #NO_SCORE} in the score bands ({@link #gdalAuxXml}).
     */
    public byte[] geoTiff(GeoRef geo, boolean withScores) throws IOException {
        checkWritable(width, height, labels.size(), withScores);
        int[] classes = classes();
        short[][] bands = new short[bandCount(labels.size(), withScores)][width * height];
        for (int i = 0; i < classes.length; i++) {
            bands[0][i] = (short) (classes[i] + 1);
        }
        if (withScores) {
            int[] column = cellsOf(edgesX, width);
            int[] row = cellsOf(edgesY, height);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int o = (row[y] * (edgesX.length - 1) + column[x]) * labels.size();
                    boolean empty = classes[y * width + x] == NO_CLASS;
                    for (int l = 0; l < labels.size(); l++) {
                        bands[1 + l][y * width + x] = (short) (empty ? NO_SCORE : Math.round(cellScores[o + l] * 10000f));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        names.add("class (label id + 1)");
        if (withScores) {
            labels.forEach(l -> names.add(l + " score x 10000"));
        }
        // score bands declare their scale, as the change map's magnitude does: GIS tools then read 0..1; the class has none
        List<BandScale> scales = new ArrayList<>(Collections.nCopies(bands.length, new BandScale(1e-4, 0)));
        scales.set(0, null);
        return GeoTiffWriter.encodeUInt16(width, height, bands, geo, GeoTiffWriter.Compression.DEFLATE, names,
                noData.isEmpty() ? null : "0", scales, null);
    }

    /**
     * Refuses the map of a {@code width × height} image that {@link #geoTiff} could not write (over {@link
     * GeoTiffWriter#MAX_SAMPLE_BYTES}) in one line: band 1, plus with {@code withScores} one band per label of
     * {@code labels}; known from the image's size alone, so it is checked before a window is described.
     */
    public static void checkWritable(int width, int height, int labels, boolean withScores) {
        GeoTiffWriter.checkSize(width, height, bandCount(labels, withScores), Short.BYTES);
    }

    /** The GeoTIFF's bands: the class, then with {@code withScores} one score band per label. */
    private static int bandCount(int labels, boolean withScores) {
        return withScores ? 1 + labels : 1;
    }

    /**
     * The GDAL auxiliary file ({@code <map>.tif.aux.xml}) that gives band 1 the legend's class names and colours: GDAL,
     * QGIS and rasterio then show the classes as the PNG does, whatever other bands the GeoTIFF holds. Value 0 (no
     * class) is transparent. With {@code withScores} and pixels without data, each score band declares its own no-data
     * value, {@value #NO_SCORE}, over the file's 0.
     */
    public String gdalAuxXml(boolean withScores) {
        StringBuilder xml = new StringBuilder("<PAMDataset>\n  <PAMRasterBand band=\"1\">\n    <CategoryNames>\n");
        xml.append("      <Category></Category>\n");
        for (String label : labels) {
            xml.append("      <Category>").append(escapeXml(label)).append("</Category>\n");
        }
        xml.append("    </CategoryNames>\n    <ColorTable>\n      <Entry c1=\"0\" c2=\"0\" c3=\"0\" c4=\"0\"/>\n");
        for (int l = 0; l < labels.size(); l++) {
            int rgb = colour(l);
            xml.append(String.format(Locale.ROOT, "      <Entry c1=\"%d\" c2=\"%d\" c3=\"%d\" c4=\"255\"/>%n",
                    rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
        }
        xml.append("    </ColorTable>\n  </PAMRasterBand>\n");
        if (withScores && !noData.isEmpty()) {
            for (int l = 0; l < labels.size(); l++) {
                xml.append("  <PAMRasterBand band=\"").append(l + 2).append("\">\n    <NoDataValue>").append(NO_SCORE)
                        .append("</NoDataValue>\n  </PAMRasterBand>\n");
            }
        }
        return xml.append("</PAMDataset>\n").toString();
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * One entry of the legend.
     *
     * @param value    the pixel value in band 1 of the GeoTIFF
     * @param label    the label's name
     * @param colour   its colour in the PNG, {@code #rrggbb}
     * @param fraction share of the map's pixels with data of this class
     */
    public record LegendEntry(int value, String label, String colour, double fraction) {
    }

    /** Every label with its value, colour and share of the pixels, in label id order. */
    public List<LegendEntry> legend() {
        long[] count = new long[labels.size()];
        for (int c : classes()) {
            if (c != NO_CLASS) {
                count[c]++;
            }
        }
        double withData = Math.max(1, (long) width * height - noData.cardinality());
        List<LegendEntry> out = new ArrayList<>(labels.size());
        for (int l = 0; l < labels.size(); l++) {
            out.add(new LegendEntry(l + 1, labels.get(l), String.format("#%06x", colour(l)), count[l] / withData));
        }
        return out;
    }

    /** The classes in their legend colours, as PNG; pixels without data black. */
    public byte[] png() {
        int[] classes = classes();
        int[] rgb = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            rgb[i] = classes[i] == NO_CLASS ? 0 : colour(classes[i]); // black: no data
        }
        return Png.encode(rgb, width, height);
    }

    /**
     * Kelly's colours of maximum contrast (1965) without white and black: the first 20 labels are told apart at a glance
     * (hues a golden angle apart gave forest and parking lot two near-identical blues).
     */
    private static final int[] DISTINCT = {0xF3C300, 0x875692, 0xF38400, 0xA1CAF1, 0xBE0032, 0xC2B280, 0x848482, 0x008856,
            0xE68FAC, 0x0067A5, 0xF99379, 0x604E97, 0xF6A600, 0xB3446C, 0xDCD300, 0x882D17, 0x8DB600, 0x654522, 0xE25822,
            0x2B3D26};

    /** A label's colour: Kelly's for the first 20 labels, then hues a golden angle apart, so any number gets colours. */
    static int colour(int label) {
        if (label < DISTINCT.length) {
            return DISTINCT[label];
        }
        float hue = (label * 0.381966f) % 1f;
        float brightness = label % 2 == 0 ? 0.9f : 0.65f;
        return Color.HSBtoRGB(hue, 0.75f, brightness) & 0xFFFFFF;
    }
}
