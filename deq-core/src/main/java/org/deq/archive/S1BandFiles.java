package org.deq.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/**
 * A folder of Sentinel-1 GRD backscatter files named by polarisation alone, {@code VV.tif} and {@code VH.tif} (dB), as
 * SSL4EO-S12's {@code s1} date folders hold them (264 x 264 at 10 m), read as one patch with BigEarthNet's S1 band names.
 */
public final class S1BandFiles {

    private static final List<String> POLARISATIONS = BigEarthNetBands.S1_BANDS;

    private S1BandFiles() {
    }

    /** True when {@code folder} holds {@code VV.tif} (its VH file is required when it is read; any case of .tif or .tiff). */
    public static boolean isPatchFolder(Path folder) {
        return vv(folder) != null;
    }

    /** The folder's VV file, or null when it has none. */
    static Path vv(Path folder) {
        return BandFile.find(folder, POLARISATIONS.get(0));
    }

    /**
     * The folder's VV and VH rasters as one patch: both single-band and of one size, or a one-line error naming the file.
     * The time is {@link GranuleMetadata#sensed} when the folder has a {@value GranuleMetadata#FILE} that gives it, else
     * the {@link S2BandFiles#sensingTime} of the folder's name (an S1 product name); the footprint is VV's; no labels.
     */
    public static Patch readPatch(Path folder, String id) throws BadInputException {
        float[][] bands = new float[POLARISATIONS.size()][];
        GeoRaster first = null;
        for (int b = 0; b < bands.length; b++) {
            Path file = BandFile.find(folder, POLARISATIONS.get(b));
            if (file == null) {
                throw new BadInputException(folder, "missing Sentinel-1 band " + POLARISATIONS.get(b) + " (no "
                        + POLARISATIONS.get(b) + ".tif, with .tif or .tiff in any case)");
            }
            GeoRaster r = GeoTiffReader.read(file);
            if (r.bandCount() != 1) {
                throw new BadInputException(file, "expected one band, found " + r.bandCount());
            }
            if (first != null && (r.width() != first.width() || r.height() != first.height())) {
                throw new BadInputException(file, POLARISATIONS.get(b) + " is " + r.width() + "x" + r.height() + ", "
                        + POLARISATIONS.get(0) + " " + first.width() + "x" + first.height() + ": the bands do not cover the same ground");
            }
            first = first == null ? r : first;
            bands[b] = r.bands()[0];
            Backscatter.requireNoDeclaredNoData(file, bands[b]);
            if (b == 1) {
                Backscatter.requireDecibels(file, bands[b]);
            }
        }
        Instant acquired = S2BandFiles.acquired(folder, GranuleMetadata.read(folder));
        GeoBox footprint = first.geo() == null ? null : first.geo().footprint(first.width(), first.height());
        PatchMeta meta = new PatchMeta(id, folder.toString(), acquired, footprint, List.of(), Set.of());
        return new Patch(meta, first.width(), first.height(), POLARISATIONS, bands);
    }
}
