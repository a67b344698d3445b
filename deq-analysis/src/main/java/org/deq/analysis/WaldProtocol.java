package org.deq.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deq.analysis.BandSharpening.Method;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;
import org.deq.spec.EnumNames;

/**
 * Wald's protocol for band sharpening on real patches, where no 10 m truth of the 20 m bands exists: every band is
 * degraded by 2 (10 m to 20 m, 20 m to 40 m), the 40 m bands are sharpened to 20 m with the degraded 10 m bands as
 * guides, and the result is compared with the real 20 m bands. Scores accumulate over patches, over the 20 m pixels
 * with data: not 0 in every 20 m band, and covering no 10 m pixel 0 in every guide (outside the swath). The sharpening
 * leaves the others out as it does on a patch ({@link BandSharpening#sharpen}).
 */
public final class WaldProtocol {

    /** How the bands are degraded by 2. */
    public enum Degradation {
        /** 2 x 2 averaging: the ideal box response the sharpening methods also assume. */
        BOX,
        /**
         * A Gaussian whose response at the coarse grid's Nyquist frequency is {@link #MTF}, the order of Sentinel-2
         * MSI's specified modulation transfer: smoother than the box, and not what the methods assume.
         */
        MTF;

        /** The modulation transfer at Nyquist that {@link #MTF} matches. */
        public static final double NYQUIST_MTF = 0.3;

        /** The degradation named {@code name} (box or mtf), or an error listing them. */
        public static Degradation parse(String name) {
            return EnumNames.parse(Degradation.class, name, "degradation");
        }

        float[] down(float[] src, int w, int h, int factor, double offsetX, double offsetY) {
            return this == BOX ? Resample.average(src, w, h, factor, offsetX, offsetY)
                    : Resample.gaussianDown(src, w, h, factor, Resample.mtfSigma(factor, NYQUIST_MTF), offsetX, offsetY);
        }
    }

    /** Error of one band under one method, over every scored pixel (those with data). */
    public record BandScore(S2Band band, double rmse, double meanReflectance) {
    }

    /**
     * One method's scores: RMSE of reflectance over all sharpened bands and pixels; ERGAS (relative dimensionless
     * global error, 100 · (1/2) · √(mean over bands of (RMSE_b / mean_b)²)); mean spectral angle in degrees.
     */
    public record Score(String method, int patches, long pixels, double rmse, double ergas, double samDegrees,
                       List<BandScore> bands) {
    }

    private static final int FACTOR = 2;

    private final List<Method> methods;
    private final Degradation degradation;
    private final Map<Method, double[]> squaredError = new EnumMap<>(Method.class);
    private final double[] angleSum = new double[Method.values().length];
    private final double[] truthSum = new double[BandSharpening.SHARPENED.size()];
    private long pixels;
    private int patches;

    /** A protocol scoring {@code methods} on bands degraded by {@code degradation}. */
    public WaldProtocol(List<Method> methods, Degradation degradation) {
        this.methods = List.copyOf(methods);
        this.degradation = degradation;
        for (Method m : methods) {
            squaredError.put(m, new double[BandSharpening.SHARPENED.size()]);
        }
    }

    /** Scores every method on the Sentinel-2 patch in {@code folder}; its 10 m side must be a multiple of 4. */
    public void add(Path folder) throws BadInputException {
        List<S2Band> all = new ArrayList<>(BandSharpening.GUIDES);
        all.addAll(BandSharpening.SHARPENED);
        Map<S2Band, GeoRaster> bands = S2BandFiles.read(folder, all.toArray(S2Band[]::new));
        GeoRaster first = bands.get(BandSharpening.GUIDES.get(0));
        int w = first.width();
        int h = first.height();
        if (w % (2 * FACTOR) != 0 || h % (2 * FACTOR) != 0) {
            throw new BadInputException(folder, "10 m bands are " + w + "x" + h + "; Wald's protocol needs sides divisible by 4");
        }
        // the test's fine grid is the real 20 m grid; its guides are the 10 m bands averaged onto it
        int fw = w / FACTOR;
        int fh = h / FACTOR;
        int nb = BandSharpening.SHARPENED.size();
        float[][][] guides = new float[nb][][];
        float[][] truth = new float[nb][];
        for (int b = 0; b < nb; b++) {
            GeoRaster band = bands.get(BandSharpening.SHARPENED.get(b));
            double[] offset = SharpenedPatch.offset(first, band);
            guides[b] = new float[BandSharpening.GUIDES.size()][];
            for (int j = 0; j < guides[b].length; j++) {
                guides[b][j] = degradation.down(bands.get(BandSharpening.GUIDES.get(j)).bands()[0], w, h, FACTOR, offset[0], offset[1]);
            }
            truth[b] = band.bands()[0];
        }
        BitSet noData = noData(bands, truth, fw, fh);
        for (int b = 0; b < nb; b++) {
            for (int i = noData.nextClearBit(0); i < fw * fh; i = noData.nextClearBit(i + 1)) {
                truthSum[b] += truth[b][i];
            }
        }
        float[][] coarse = new float[nb][]; // the 40 m bands, the same input for every method
        for (int b = 0; b < nb; b++) {
            coarse[b] = degradation.down(truth[b], fw, fh, FACTOR, 0, 0);
        }
        for (Method m : methods) {
            float[][] estimate = new float[nb][];
            for (int b = 0; b < nb; b++) {
                estimate[b] = BandSharpening.sharpen(m, coarse[b], fw / FACTOR, fh / FACTOR, guides[b], fw, fh, 0, 0, noData);
                double[] se = squaredError.get(m);
                for (int i = noData.nextClearBit(0); i < fw * fh; i = noData.nextClearBit(i + 1)) {
                    double d = estimate[b][i] - truth[b][i];
                    se[b] += d * d;
                }
            }
            angleSum[m.ordinal()] += angles(truth, estimate, noData);
        }
        pixels += (long) fw * fh - noData.cardinality();
        patches++;
    }

    /**
     * The 20 m pixels without data: 0 in every 20 m band of {@code truth}, or covering a 10 m pixel 0 in every guide
     * (their averages would pass for darker guides).
     */
    private static BitSet noData(Map<S2Band, GeoRaster> bands, float[][] truth, int fw, int fh) {
        GeoRaster first = bands.get(BandSharpening.GUIDES.get(0));
        float[][] ten = BandSharpening.GUIDES.stream().map(g -> bands.get(g).bands()[0]).toArray(float[][]::new);
        double[] offset = SharpenedPatch.offset(first, bands.get(BandSharpening.SHARPENED.get(0)));
        boolean[] covering = BandSharpening.covering(GeoTiffScene.noDataPixels(ten, first.width() * first.height(), null),
                first.width(), first.height(), FACTOR, offset[0], offset[1]);
        BitSet out = GeoTiffScene.noDataPixels(truth, fw * fh, null);
        for (int i = 0; i < covering.length; i++) {
            if (covering[i]) {
                out.set(i);
            }
        }
        return out;
    }

    /** The scores so far, one per method, in the order given. */
    public List<Score> scores() {
        List<Score> out = new ArrayList<>();
        int nb = BandSharpening.SHARPENED.size();
        for (Method m : methods) {
            double[] se = squaredError.get(m);
            List<BandScore> perBand = new ArrayList<>();
            double total = 0;
            double relative = 0;
            for (int b = 0; b < nb; b++) {
                double rmse = Math.sqrt(se[b] / pixels);
                double mean = truthSum[b] / pixels;
                perBand.add(new BandScore(BandSharpening.SHARPENED.get(b), rmse, mean));
                total += se[b];
                relative += (rmse / mean) * (rmse / mean);
            }
            double ergas = 100.0 / FACTOR * Math.sqrt(relative / nb);
            out.add(new Score(m.label(), patches, pixels, Math.sqrt(total / (pixels * nb)), ergas,
                    pixels == 0 ? Double.NaN : Math.toDegrees(angleSum[m.ordinal()] / pixels), perBand)); // NaN of none, as RMSE
        }
        return out;
    }

    /** Sum over the pixels with data of the angle between the true and the estimated spectra. */
    private static double angles(float[][] truth, float[][] estimate, BitSet noData) {
        double sum = 0;
        for (int i = noData.nextClearBit(0); i < truth[0].length; i = noData.nextClearBit(i + 1)) {
            double dot = 0;
            double tt = 0;
            double ee = 0;
            for (int b = 0; b < truth.length; b++) {
                dot += (double) truth[b][i] * estimate[b][i];
                tt += (double) truth[b][i] * truth[b][i];
                ee += (double) estimate[b][i] * estimate[b][i];
            }
            sum += ee > 0 ? Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(tt * ee)))) : Math.PI / 2;
        }
        return sum;
    }
}
