package org.deq.analysis;

import java.nio.file.Path;
import java.time.Instant;
import org.deq.archive.BigEarthNetV1;
import org.deq.archive.GranuleMetadata;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRaster;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;

/**
 * Sun and view angles of a Sentinel-2 acquisition, degrees, as the biophysical networks take them.
 *
 * @param sunZenith   sun zenith angle, 0..90
 * @param sunAzimuth  sun azimuth, clockwise from north
 * @param viewZenith  view zenith angle, 0..90 (Sentinel-2: 0 at nadir to about 12 at the swath's edges)
 * @param viewAzimuth view azimuth, clockwise from north
 * @param source      where the angles come from, for people
 */
public record AcquisitionGeometry(double sunZenith, double sunAzimuth, double viewZenith, double viewAzimuth,
                                  String source) {

    /** Checks the angles' ranges, naming the bad one. */
    public AcquisitionGeometry {
        check("sun zenith", sunZenith, 0, 90);
        check("view zenith", viewZenith, 0, 90);
        check("sun azimuth", sunAzimuth, -360, 360);
        check("view azimuth", viewAzimuth, -360, 360);
    }

    /** Checks view angles a user gives (null: not given), naming the bad one. */
    public static void checkView(Double viewZenith, Double viewAzimuth) {
        if (viewZenith != null) {
            check("view zenith", viewZenith, 0, 90);
        }
        if (viewAzimuth != null) {
            check("view azimuth", viewAzimuth, -360, 360);
        }
    }

    private static void check(String what, double degrees, double min, double max) {
        if (!(degrees >= min && degrees <= max)) {
            throw new IllegalArgumentException(what + " must be " + (int) min + ".." + (int) max + " degrees, not " + degrees);
        }
    }

    /**
     * Given sun angles, seen from {@code viewZenith} (null: nadir) and {@code viewAzimuth} (null: at right angles to the
     * sun: at nadir the azimuth has no meaning, and a relative azimuth of 90 degrees, cosine 0, is the middle of the
     * networks' range).
     */
    public static AcquisitionGeometry of(double sunZenith, double sunAzimuth, Double viewZenith, Double viewAzimuth,
                                         String source) {
        return new AcquisitionGeometry(sunZenith, sunAzimuth, viewZenith == null ? 0 : viewZenith,
                viewAzimuth == null ? (sunAzimuth + 270) % 360 : viewAzimuth, source);
    }

    /**
     * Sun angles a user gave, seen as {@link #of(double, double, Double, Double, String)} says, the source saying which
     * angles were given and what the view is otherwise.
     */
    public static AcquisitionGeometry given(double sunZenith, double sunAzimuth, Double viewZenith, Double viewAzimuth) {
        return of(sunZenith, sunAzimuth, viewZenith, viewAzimuth, "the sun's angles given" + (viewZenith == null && viewAzimuth == null
                ? ", seen from nadir at right angles to the sun" : givenView(viewZenith, viewAzimuth)));
    }

    /** ", the view zenith given" (azimuth, zenith and azimuth) for the view angles a user gave (null: not given), or "". */
    private static String givenView(Double viewZenith, Double viewAzimuth) {
        if (viewZenith == null && viewAzimuth == null) {
            return "";
        }
        return ", the view " + (viewZenith == null ? "azimuth" : viewAzimuth == null ? "zenith" : "zenith and azimuth") + " given";
    }

    /**
     * The angles of a Sentinel-2 patch folder's acquisition. Where the folder has the granule's mean angles
     * ({@link GranuleMetadata}, as SSL4EO-S12 ships it), those, the view being
     * band B8A's; else the sun's position ({@link SolarPosition}) at the time of BigEarthNet v1's metadata file or of the
     * folder's name over the patch's centre. Those are the product's datatake start, up to some minutes before the
     * granule was sensed, so the computed zenith may be a few degrees off. {@code viewZenith} and {@code viewAzimuth},
     * when not null, replace the view angles. An error names the folder when it gives neither angles nor a time and a
     * place, or puts the sun below the horizon.
     */
    public static AcquisitionGeometry of(Path folder, Double viewZenith, Double viewAzimuth) throws BadInputException {
        checkView(viewZenith, viewAzimuth); // the caller's own angles are the caller's error, not the folder's
        GranuleMetadata granule = GranuleMetadata.read(folder);
        if (granule != null && granule.sunZenith() != null && granule.sunAzimuth() != null) {
            try {
                return of(granule.sunZenith(), granule.sunAzimuth(), viewZenith != null ? viewZenith : granule.viewZenith(),
                        viewAzimuth != null ? viewAzimuth : granule.viewAzimuth(), "the granule's mean angles in "
                                + GranuleMetadata.FILE + givenView(viewZenith, viewAzimuth));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(folder.resolve(GranuleMetadata.FILE), e.getMessage());
            }
        }
        PatchMeta meta = BigEarthNetV1.readMeta(folder);
        Path name = folder.toAbsolutePath().normalize().getFileName();
        Instant time = meta != null && meta.acquired() != null ? meta.acquired()
                : name == null ? null : S2BandFiles.sensingTime(name.toString());
        if (time == null) {
            throw new BadInputException(folder, "no product time (yyyyMMddTHHmmss) in the folder's name and no " + GranuleMetadata.FILE
                    + " with the sun's angles; give the sun's zenith and azimuth");
        }
        GeoBox box = meta != null && meta.footprint() != null ? meta.footprint() : footprint(folder);
        SolarPosition sun = SolarPosition.at(time, box.centerLat(), box.centerLon());
        if (sun.zenith() >= 90) {
            throw new BadInputException(folder, String.format("the sun is below the horizon at %s over %.3f, %.3f; give the"
                    + " sun's zenith and azimuth", time, box.centerLat(), box.centerLon()));
        }
        return of(sun.zenith(), sun.azimuth(), viewZenith, viewAzimuth, "computed from the product time " + time
                + " over the patch's centre" + givenView(viewZenith, viewAzimuth));
    }

    /** The three angle inputs of the networks: cosines of the view and sun zeniths and of the relative azimuth. */
    double[] cosines() {
        return new double[] {Math.cos(Math.toRadians(viewZenith)), Math.cos(Math.toRadians(sunZenith)),
                Math.cos(Math.toRadians(sunAzimuth - viewAzimuth))};
    }

    /**
     * A warning when a zenith lies outside the angles the networks were trained on (their input scaling's range: sun
     * zenith about 22 to 70 degrees, view zenith up to about 12), whose estimates are extrapolations; null otherwise.
     */
    public String outsideTraining(BiophysicalModel model) {
        double[] cos = cosines();
        StringBuilder out = new StringBuilder();
        String[] names = {"view zenith", "sun zenith"};
        double[] degrees = {viewZenith, sunZenith};
        for (int i = 0; i < 2; i++) {
            int input = BiophysicalModel.REFLECTANCES + i;
            // the scaling's ends are the training data's extremes, rounded (nadir's cosine 1 is just above 0.99999999997)
            if (cos[i] < model.inputMin(input) - 1e-6 || cos[i] > model.inputMax(input) + 1e-6) {
                out.append(out.isEmpty() ? "" : "; ").append(String.format("%s %.1f is outside the networks' training range"
                        + " (%.1f to %.1f degrees)", names[i], degrees[i], Math.toDegrees(Math.acos(Math.min(1, model.inputMax(input)))),
                        Math.toDegrees(Math.acos(model.inputMin(input)))));
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static GeoBox footprint(Path folder) throws BadInputException {
        GeoRaster b03 = S2BandFiles.read(folder, S2Band.B03).get(S2Band.B03);
        GeoBox box = b03.geo() == null ? null : b03.geo().footprint(b03.width(), b03.height());
        if (box == null) {
            throw new BadInputException(folder, "the bands carry no WGS 84 or UTM georeferencing to place the sun;"
                    + " give the sun's zenith and azimuth");
        }
        return box;
    }
}
