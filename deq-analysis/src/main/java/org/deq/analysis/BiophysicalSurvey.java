package org.deq.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deq.archive.BigEarthNetV1;
import org.deq.raster.BadInputException;
import org.deq.raster.PatchMeta;

/**
 * The biophysical maps of many real patches side by side, as a check that needs no field data: per patch the mean of
 * each variable next to its land-cover labels (where BigEarthNet gives them), and over all pixels how closely FCOVER
 * and LAI follow the NDVI, which they should (both rise with green cover) although the networks never see it.
 */
public final class BiophysicalSurvey {

    /**
     * One patch's means over the pixels with a value.
     *
     * @param patch     folder name
     * @param folder    the folder
     * @param networks  the platform whose networks mapped it ({@link BiophysicalModel#platform})
     * @param labels    BigEarthNet v1 labels, empty when the folder has none
     * @param sunZenith degrees, from the granule's metadata or the product time and place
     * @param outsideTraining a warning when the sun or view angles lie outside the networks' training range, else null
     * @param valid     share of pixels with a value
     * @param means     mean per variable
     * @param ndvi      mean NDVI over the same pixels
     * @param cloudy    whether 1 % or more of its pixels look like cloud ({@link BiophysicalMap#looksCloudy()}); null
     *                  when the folder has no B02 to tell
     */
    public record PatchSummary(String patch, String folder, String networks, List<String> labels, double sunZenith, String outsideTraining,
                               double valid, Map<BiophysicalVariable, Double> means, double ndvi, Boolean cloudy) {
    }

    /**
     * The survey.
     *
     * @param patches         per patch, in the order added
     * @param pixels          pixels with a value, over all patches
     * @param ndviFcover      Pearson correlation of NDVI and FCOVER over those pixels
     * @param ndviLai         Pearson correlation of NDVI and LAI
     */
    public record Summary(List<PatchSummary> patches, long pixels, double ndviFcover, double ndviLai) {
    }

    private final int metres;
    private final Double viewZenith;
    private final Double viewAzimuth;
    private final List<PatchSummary> patches = new ArrayList<>();
    private final Correlation fcover = new Correlation();
    private final Correlation lai = new Correlation();

    /**
     * A survey on the {@code metres} grid (10 or 20), every patch seen from {@code viewZenith}, {@code viewAzimuth}
     * (null: the patch's own, see {@link AcquisitionGeometry#of(Path, Double, Double)}).
     */
    public BiophysicalSurvey(int metres, Double viewZenith, Double viewAzimuth) {
        this.metres = metres;
        this.viewZenith = viewZenith;
        this.viewAzimuth = viewAzimuth;
    }

    /**
     * Maps the patch in {@code folder} and adds it; an error naming the folder when it cannot be mapped (its bands,
     * angles or labels), and then the survey is as before: no pixel of a folder reported as bad is counted.
     */
    public void add(Path folder) throws BadInputException {
        BiophysicalMap.Reflectances in = BiophysicalMap.read(folder, metres);
        AcquisitionGeometry geometry = AcquisitionGeometry.of(folder, viewZenith, viewAzimuth);
        BiophysicalMap map = BiophysicalMap.estimate(in, geometry);
        List<String> labels = labels(folder);
        float[] ndvi = in.ndvi();
        float[] f = map.of(BiophysicalVariable.FCOVER);
        float[] l = map.of(BiophysicalVariable.LAI);
        double ndviSum = 0;
        int n = 0;
        for (int i = 0; i < ndvi.length; i++) {
            if (hasValues(ndvi[i], f[i], l[i])) {
                ndviSum += ndvi[i];
                n++;
            }
        }
        Map<BiophysicalVariable, Double> means = new EnumMap<>(BiophysicalVariable.class);
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            means.put(v, map.mean(v));
        }
        Path absolute = folder.toAbsolutePath().normalize();
        PatchSummary summary = new PatchSummary(absolute.getFileName().toString(), absolute.toString(),
                map.networks().platform(), labels,
                geometry.sunZenith(), geometry.outsideTraining(map.networks()), n / (double) ndvi.length, means,
                n == 0 ? Double.NaN : ndviSum / n, Double.isNaN(map.cloudLike()) ? null : map.looksCloudy());
        // all that can fail is done: the correlations and the patches change together, or not at all
        for (int i = 0; i < ndvi.length; i++) {
            if (hasValues(ndvi[i], f[i], l[i])) {
                fcover.add(ndvi[i], f[i]);
                lai.add(ndvi[i], l[i]);
            }
        }
        patches.add(summary);
    }

    /** Whether a pixel counts in the survey: it has an NDVI, an FCOVER and a LAI. */
    private static boolean hasValues(float ndvi, float fcover, float lai) {
        return !Float.isNaN(ndvi) && !Float.isNaN(fcover) && !Float.isNaN(lai);
    }

    /** What has been added so far. */
    public Summary summary() {
        return new Summary(List.copyOf(patches), fcover.n, fcover.value(), lai.value());
    }

    private static List<String> labels(Path folder) throws BadInputException {
        PatchMeta meta = BigEarthNetV1.readMeta(folder);
        return meta == null ? List.of() : List.copyOf(meta.labels());
    }

    /** Pearson's correlation, accumulated pair by pair. */
    private static final class Correlation {
        private long n;
        private double sx;
        private double sy;
        private double sxx;
        private double syy;
        private double sxy;

        void add(double x, double y) {
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        double value() {
            double cov = sxy - sx * sy / n;
            double vx = sxx - sx * sx / n;
            double vy = syy - sy * sy / n;
            return cov / Math.sqrt(vx * vy);
        }
    }
}
