package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.S2Band;

/**
 * The per-band GeoTIFFs of one Sentinel-2 patch folder at their native resolutions (10, 20, 60 m), for work that needs
 * the bands as the sensor sampled them, such as band sharpening. Names: BigEarthNet's {@code <folder>_B05.tif} (or the
 * reBEN pre-release's {@code .tiff}) and SSL4EO-S12's {@code B5.tif} / {@code B05.tif}.
 */
public final class S2BandFiles {

    private S2BandFiles() {
    }

    /** The file of {@code band} in {@code folder}, or null when there is none under any of the known names. */
    public static Path find(Path folder, S2Band band) {
        String name = folder.getFileName().toString();
        String shortName = band.name().startsWith("B0") ? "B" + band.name().substring(2) : band.name();
        for (String file : new String[] {name + "_" + band + ".tif", name + "_" + band + ".tiff", band + ".tif", shortName + ".tif"}) {
            Path p = folder.resolve(file);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** True when the folder holds every one of {@code bands}. */
    public static boolean hasAll(Path folder, S2Band... bands) {
        for (S2Band b : bands) {
            if (find(folder, b) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bands read at their native resolution and scaled to reflectance (value / 10000); a missing file, a raster of
     * more than one band or a 20 m band not half the size of the 10 m ones names its file.
     */
    public static Map<S2Band, GeoRaster> read(Path folder, S2Band... bands) throws BadInputException {
        Map<S2Band, GeoRaster> out = new EnumMap<>(S2Band.class);
        for (S2Band band : bands) {
            Path file = find(folder, band);
            if (file == null) {
                throw new BadInputException(folder, "missing Sentinel-2 band " + band + " (no " + folder.getFileName() + "_"
                        + band + ".tif or " + band + ".tif)");
            }
            GeoRaster r = GeoTiffReader.read(file);
            if (r.bandCount() != 1) {
                throw new BadInputException(file, "expected one band, found " + r.bandCount());
            }
            float[] values = r.bands()[0].clone();
            for (int i = 0; i < values.length; i++) {
                values[i] /= S2Band.SCALE;
            }
            out.put(band, new GeoRaster(r.width(), r.height(), new float[][] {values}, r.sampleType(), r.geo()));
        }
        GeoRaster first = out.isEmpty() ? null : out.values().iterator().next();
        for (Map.Entry<S2Band, GeoRaster> e : out.entrySet()) {
            S2Band firstBand = out.keySet().iterator().next();
            long expected = (long) first.width() * firstBand.metres / e.getKey().metres;
            if (e.getValue().width() != expected || (long) e.getValue().height() * e.getKey().metres != (long) first.height() * firstBand.metres) {
                throw new BadInputException(find(folder, e.getKey()), e.getKey() + " (" + e.getKey().metres + " m) is "
                        + e.getValue().width() + "x" + e.getValue().height() + ", which does not cover the same ground as "
                        + firstBand + " (" + first.width() + "x" + first.height() + " at " + firstBand.metres + " m)");
            }
        }
        return out;
    }
}
