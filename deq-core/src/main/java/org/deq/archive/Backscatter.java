package org.deq.archive;

import java.io.IOException;
import java.nio.file.Path;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;

/**
 * Sentinel-1 backscatter as deq reads it: VV and VH in dB, as BigEarthNet and SSL4EO-S12 give them. A band of linear
 * power, or with pixels of its declared no-data value, would be read as dB values without a word (0 dB is a bright
 * return, not "nothing"), so such a file is refused, one line naming it.
 */
public final class Backscatter {

    private Backscatter() {
    }

    /** A Sentinel-1 file refused because read as dB it would give other values than it holds. */
    static final class NotDecibelsException extends BadInputException {
        NotDecibelsException(Path file, String reason) {
            super(file, reason);
        }
    }

    /**
     * What readers before revision 9 read otherwise of the Sentinel-1 patch {@code source} (a patch folder, or a VV, VH
     * GeoTIFF), or null: linear power or no-data pixels read as dB. Reads the patch again (a few hundred KB); any other
     * kind of source, or one unreadable now for another reason, is null.
     */
    public static String readOtherwiseBeforeRevision9(Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        if (!(name.startsWith("S1") || S1BandFiles.isPatchFolder(source) || name.contains("VV"))) {
            return null;
        }
        try {
            Archives.readPatch(source);
            return null;
        } catch (NotDecibelsException e) {
            return "read Sentinel-1 linear power, or pixels of a declared no-data value, as backscatter in dB";
        } catch (IOException | RuntimeException e) { // unreadable now: indexing again reports it as a bad patch
            return null;
        }
    }

    /**
     * Refuses a VH band of {@code file} with positive values and not a single negative one: cross-polarised backscatter
     * in dB lies below 0 nearly everywhere (about -30..-5 dB), while linear power is never negative (all 0 is no data).
     */
    static void requireDecibels(Path file, float[] vh) throws BadInputException {
        boolean positive = false;
        for (float v : vh) {
            if (v < 0) {
                return;
            }
            positive |= v > 0;
        }
        if (!positive) { // all 0: a window outside the swath, no data rather than power
            return;
        }
        throw new NotDecibelsException(file, "VH holds no negative value: linear backscatter power, not dB; deq reads"
                + " Sentinel-1 VV and VH in dB, as BigEarthNet and SSL4EO-S12 give them (convert with 10 * log10 of the power)");
    }

    /** Refuses a band of {@code file} holding pixels of the no-data value the file declares. */
    static void requireNoDeclaredNoData(Path file, float[] band) throws BadInputException {
        Float noData = GeoTiffReader.declaredNoData(file);
        if (noData == null || noData.isNaN()) { // NaN samples are refused by the reader already
            return;
        }
        int missing = 0;
        for (float v : band) {
            missing += v == noData ? 1 : 0;
        }
        if (missing > 0) {
            throw new NotDecibelsException(file, missing + " of " + band.length + " pixels are its no-data value " + noData
                    + "; deq needs complete Sentinel-1 rasters (read as dB, no data would count as backscatter)");
        }
    }
}
