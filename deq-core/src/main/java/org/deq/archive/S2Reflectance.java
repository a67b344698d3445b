package org.deq.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deq.raster.BandScale;
import org.deq.raster.S2Band;
import org.deq.raster.SampleType;

/**
 * Sentinel-2 digital numbers to reflectance, one rule for every reader: reflectance = (DN + offset) / 10000. Products
 * of processing baseline 04.00 and later (from 25 January 2022, and the Collection-1 reprocessing of older dates) add
 * 1000 to every band, which ESA's metadata gives as {@code BOA_ADD_OFFSET} / {@code RADIO_ADD_OFFSET} = −1000; read
 * without it, water at 0.02 reads 0.12. The baseline comes from a product name's {@code _N0400_} or a granule's
 * {@code PROCESSING_BASELINE}; Earth Engine's harmonized collections have shifted such data back already; a name or
 * file that gives none (BigEarthNet's, reBEN's {@code _N9999_}, a GeoTIFF stack without one) is read without offset. A
 * GeoTIFF that declares GDAL's band scale of 1/10000 states its offset itself (deq sharpen's output: its product's), whatever its
 * name. A DN of 0 (no data) stays 0.
 */
final class S2Reflectance {

    /** The offset, in digital numbers, of baseline 04.00 and later. */
    static final int BASELINE_04_OFFSET = -1000;

    /**
     * A product name's processing baseline: {@code S2B_MSIL2A_20220604T103629_N0400_R008_T32UNU_...}; only after the
     * product level, so that a name of grid coordinates ({@code s2_N4512_E00734}) says nothing.
     */
    private static final Pattern BASELINE_IN_NAME = Pattern.compile("MSIL(?:1C|2A)_.*?_N(\\d{2})(\\d{2})(?=[_.]|$)");

    private S2Reflectance() {
    }

    /**
     * The offset of a product known by {@code name} (a folder's or file's) and its granule metadata (null when it has
     * none): {@link #BASELINE_04_OFFSET} when either gives baseline 04.00 or later, unless the metadata is Earth
     * Engine's harmonized copy; else 0.
     */
    static int offset(String name, GranuleMetadata granule) {
        if (granule != null && granule.harmonized()) {
            return 0;
        }
        Integer major = granule == null ? null : granule.baselineMajor();
        if (major == null && granule != null && granule.productId() != null) {
            major = baselineMajor(granule.productId());
        }
        if (major == null && name != null) {
            major = baselineMajor(name);
        }
        return major != null && major >= 4 ? BASELINE_04_OFFSET : 0;
    }

    /**
     * The offset of a GeoTIFF named {@code name} whose bands declare {@code declared} (null when they declare none): the
     * declared offset in digital numbers when the scale is Sentinel-2's 1/10000, so that a file deq wrote (with its
     * source's offset) is read as declared whatever its name; else {@link #offset(String, GranuleMetadata)} of its name.
     */
    static int fileOffset(String name, BandScale declared) {
        if (declared != null && Math.abs(declared.scale() * S2Band.SCALE - 1) < 1e-6) {
            return (int) Math.round(declared.offset() * S2Band.SCALE);
        }
        return offset(name, null);
    }

    /**
     * The major number of the processing baseline in a product name ({@code _N0400} gives 4), or null; {@code _N9999}
     * (a product processed outside ESA, e.g. reBEN's own Sen2Cor run on 2017-18 data) says nothing, so null.
     */
    static Integer baselineMajor(String name) {
        Matcher m = BASELINE_IN_NAME.matcher(name);
        return m.find() && !"99".equals(m.group(1)) ? Integer.valueOf(m.group(1)) : null;
    }

    /** Above any reflectance (bright cloud tops stay under 1.5): a floating-point band beyond it holds digital numbers. */
    static final float MAX_REFLECTANCE = 2f;

    /**
     * Whether floating-point bands hold digital numbers (reflectance × 10000) rather than reflectance: a value above
     * {@value #MAX_REFLECTANCE}.
     */
    static boolean holdsDigitalNumbers(float[]... bands) {
        for (float[] band : bands) {
            for (float v : band) {
                if (v > MAX_REFLECTANCE) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Bands read from a file of {@code type} to reflectance in place: integer samples and floating-point digital numbers
     * by {@link #toReflectance(float[], int)}, floating-point reflectance kept as it is.
     */
    static void toReflectance(float[][] bands, SampleType type, int offset) {
        if (type.isFloat() && !holdsDigitalNumbers(bands)) {
            return;
        }
        for (float[] band : bands) {
            toReflectance(band, offset);
        }
    }

    /** Digital numbers to reflectance in place: (DN + offset) / 10000, no data (0) kept as 0. */
    static void toReflectance(float[] values, int offset) {
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            values[i] = v == 0f ? 0f : (v + offset) / S2Band.SCALE;
        }
    }
}
