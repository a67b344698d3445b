package org.deq.raster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a TIFF's stored samples mean as colours (its PhotometricInterpretation): a palette image's indices read as the R,
 * G, B of its ColorMap, a WhiteIsZero image's samples inverted (0 is white), BlackIsZero, RGB, mask and CMYK samples
 * (or a file that does not say) as they are; YCbCr and any other interpretation are refused, not read as RGB.
 *
 * @param whiteIsZero whether samples read as the type's full scale less the stored value
 * @param red         8-bit red of each palette index, or null when the image has no palette (likewise green and blue)
 */
record TiffColours(boolean whiteIsZero, float[] red, float[] green, float[] blue) {

    private static final int PHOTOMETRIC = 262;
    private static final int COLOR_MAP = 320;
    private static final int WHITE_IS_ZERO = 0;
    private static final int PALETTE = 3;
    private static final int Y_CB_CR = 6;
    /** Absent (-1), BlackIsZero, RGB, transparency mask and CMYK: samples deq reads as they are. */
    private static final Set<Long> AS_STORED = Set.of(-1L, 1L, 2L, 4L, 5L);
    /** Samples as they are: BlackIsZero, RGB, and the kinds deq reads band by band (CMYK, masks). */
    static final TiffColours STORED = new TiffColours(false, null, null, null);

    /**
     * The colours of an image of {@code samples} samples per pixel of {@code type}; a palette or WhiteIsZero image deq
     * cannot read as colours (a palette with extra samples or without its colour map, signed or floating-point samples),
     * a YCbCr image and an interpretation deq does not know are refused in one line.
     */
    static TiffColours read(TiffDirectory d, Path file, int samples, SampleType type) throws IOException {
        long photometric = d.first(PHOTOMETRIC, -1);
        if (photometric == WHITE_IS_ZERO) {
            if (!unsigned(type)) {
                throw new BadInputException(file, "WhiteIsZero " + kind(type) + " samples, which TIFF does not invert;"
                        + " write them BlackIsZero (gdal_translate -co PHOTOMETRIC=MINISBLACK)");
            }
            return new TiffColours(true, null, null, null);
        }
        if (photometric == Y_CB_CR) { // luma and chroma, subsampled 2 x 2 unless the file says otherwise: no R, G, B
            throw new BadInputException(file, "YCbCr colours, which deq cannot read as RGB; convert them (gdal_translate -co"
                    + " PHOTOMETRIC=RGB in.tif out.tif)");
        }
        if (AS_STORED.contains(photometric)) {
            return STORED;
        }
        if (photometric != PALETTE) {
            throw new BadInputException(file, "PhotometricInterpretation " + photometric + ", which deq cannot read; write"
                    + " BlackIsZero or RGB samples (gdal_translate -co PHOTOMETRIC=MINISBLACK or PHOTOMETRIC=RGB)");
        }
        if (samples != 1 || !unsigned(type) || type.bits > 16) {
            throw new BadInputException(file, "a palette image of " + kind(type) + " samples, " + samples + " per pixel, which"
                    + " deq cannot read; expand it to RGB (gdal_translate -expand rgb)");
        }
        long[] map = d.longs(COLOR_MAP);
        int entries = 1 << type.bits;
        if (map == null || map.length != 3 * entries) {
            throw new BadInputException(file, "a palette image of " + type.bits + "-bit indices with "
                    + (map == null ? "no colour map" : "a colour map of " + map.length + " values, not 3 x " + entries));
        }
        // 16-bit entries (65535 is full), read as libtiff does (the high byte: right for v * 257 and v * 256 alike); a
        // map whose entries all stay below 256 holds 8-bit ones, as some writers leave it, which libtiff and GDAL take so
        int shift = 0;
        for (long v : map) {
            shift = v > 255 ? 8 : shift;
        }
        float[][] rgb = new float[3][entries];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < entries; i++) {
                rgb[c][i] = (map[c * entries + i] & 0xFFFF) >> shift;
            }
        }
        return new TiffColours(false, rgb[0], rgb[1], rgb[2]);
    }

    private static boolean unsigned(SampleType type) {
        return !type.isFloat() && type != SampleType.INT8 && type != SampleType.INT16 && type != SampleType.INT32;
    }

    private static String kind(SampleType type) {
        return type.bits + "-bit " + (type.isFloat() ? "floating-point" : unsigned(type) ? "unsigned" : "signed");
    }

    /** Bands an image of {@code samples} samples per pixel reads as: R, G and B of a palette, else one per sample. */
    int bands(int samples) {
        return red == null ? samples : 3;
    }

    /** The type of the values read from samples of {@code stored}: a palette's colours are 8-bit. */
    SampleType valueType(SampleType stored) {
        return red == null ? stored : SampleType.UINT8;
    }

    /**
     * The no-data value of the values read, given the file's of its stored samples: inverted with them (a palette's index
     * is left as declared: its colour is no single value).
     */
    Float noData(Float stored, SampleType type) {
        return whiteIsZero && stored != null ? Float.valueOf((float) (type.fullScale - stored)) : stored; // boxed: null stays
    }

    /** The colours of a window's stored samples ({@code stored[b]}, row-major): the same arrays, or a palette's R, G, B. */
    float[][] apply(float[][] stored, SampleType type) {
        if (whiteIsZero) {
            float full = (float) type.fullScale;
            for (float[] band : stored) {
                for (int i = 0; i < band.length; i++) {
                    band[i] = full - band[i];
                }
            }
            return stored;
        }
        if (red == null) {
            return stored;
        }
        float[] index = stored[0];
        float[] r = new float[index.length];
        float[] g = new float[index.length];
        float[] b = new float[index.length];
        for (int i = 0; i < index.length; i++) {
            int k = (int) index[i];
            k = k < 0 || k >= red.length ? 0 : k; // only a sparse block's fill, a declared no-data outside the map, can be
            r[i] = red[k];
            g[i] = green[k];
            b[i] = blue[k];
        }
        return new float[][] {r, g, b};
    }
}
