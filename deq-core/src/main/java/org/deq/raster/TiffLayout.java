package org.deq.raster;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * How the pixels of a TIFF's first image are stored (classic TIFF or BigTIFF): sample type, interleaving, compression,
 * predictor, and the offset and byte count of every strip or tile, with its GeoTIFF tags and what its samples mean as
 * colours. All a scene holds of its file.
 *
 * @param tiled        stored in tiles, else in strips
 * @param planar       band-interleaved (PlanarConfiguration 2: a block holds one band), else pixel-interleaved
 * @param blockWidth   a tile's width, or the image's for strips
 * @param blockHeight  a tile's height, or the rows of a strip (the last strip may hold fewer)
 * @param offsets      per block, across then down (then band by band when planar), where its bytes start
 * @param alpha        the sample the file declares alpha (ExtraSamples 1 or 2), no band of the image; -1 when none
 * @param mask         the layout of GDAL's internal transparency mask of the image, or null when it has none
 */
record TiffLayout(ByteOrder order, int width, int height, int samplesPerPixel, SampleType sampleType, boolean tiled, boolean planar,
                  int compression, int predictor, int blockWidth, int blockHeight, long[] offsets, long[] byteCounts,
                  GeoTiffTags tags, TiffColours colours, int alpha, TiffLayout mask) {

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int PLANAR_CONFIGURATION = 284;
    private static final int PREDICTOR = 317;
    /** Tiles up to this side are plausible whatever the image's size (GDAL's default is 256, COGs use 256 to 1024). */
    private static final long MAX_OVERHANGING_TILE = 1024;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SAMPLE_FORMAT = 339;
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int EXTRA_SAMPLES = 338;
    /** NewSubfileType's bit of a transparency mask, as GDAL writes its internal mask (GDAL_TIFF_INTERNAL_MASK). */
    private static final long TRANSPARENCY_MASK = 4;
    /** ExtraSamples' codes of alpha: associated (premultiplied) and unassociated. */
    private static final long ASSOCIATED_ALPHA = 1;
    private static final long UNASSOCIATED_ALPHA = 2;
    /** Directories searched for the mask after the image's: GDAL writes it right after, or after the overviews. */
    private static final int MAX_DIRECTORIES = 32;
    /** Compression codes deq decodes ({@link TiffBlocks}). */
    static final int NONE = 1;
    static final int LZW = 5;
    static final int DEFLATE = 8;
    static final int PKZIP_DEFLATE = 32946;
    static final int PACKBITS = 32773;

    /**
     * Reads the layout of the first image of {@code file} through {@code channel}; a size, compression, sample type or
     * predictor deq cannot decode is refused here, once for the file, in one line.
     */
    static TiffLayout read(FileChannel channel, Path file) throws IOException {
        TiffDirectory d = TiffDirectory.read(channel, file);
        return read(d, file, true);
    }

    /** The layout of directory {@code d}'s image, with its alpha sample and mask when {@code image} (not a mask itself). */
    private static TiffLayout read(TiffDirectory d, Path file, boolean image) throws IOException {
        int width = (int) Math.min(d.first(IMAGE_WIDTH, -1), Integer.MAX_VALUE);
        int height = (int) Math.min(d.first(IMAGE_LENGTH, -1), Integer.MAX_VALUE);
        if (width <= 0 || height <= 0) {
            throw new BadInputException(file, "implausible raster size " + width + "x" + height);
        }
        int compression = (int) d.first(COMPRESSION, NONE);
        refuseCompression(file, compression);
        int samples = (int) d.first(SAMPLES_PER_PIXEL, 1);
        if (samples < 1 || samples > 0xFFFF) {
            throw new BadInputException(file, "implausible number of bands " + samples);
        }
        SampleType type = sampleType(file, d.longs(BITS_PER_SAMPLE), d.longs(SAMPLE_FORMAT));
        long planarCode = d.first(PLANAR_CONFIGURATION, 1);
        if (planarCode != 1 && planarCode != 2) {
            throw new BadInputException(file, "planar configuration " + planarCode + ", which deq cannot read");
        }
        boolean planar = planarCode == 2 && samples > 1;
        int predictor = (int) d.first(PREDICTOR, 1);
        if (predictor < 1 || predictor > 3 || predictor > 1 && type.bits < 8) {
            throw new BadInputException(file, "predictor " + predictor + (type.bits < 8 ? " on " + type.bits + "-bit samples" : "")
                    + ", which deq cannot read");
        }
        boolean tiled = d.has(TILE_WIDTH);
        long bw = tiled ? d.first(TILE_WIDTH, 0) : width;
        long tileLength = tiled ? d.first(TILE_LENGTH, 0) : 0;
        long bh = Math.min(tiled ? tileLength : d.first(ROWS_PER_STRIP, height), height);
        // tiles may overhang the image; one far larger than the image and than any real tile is a crafted header whose
        // first decode would allocate gigabytes for a few pixels
        boolean oversized = tiled && (bw > Math.max(MAX_OVERHANGING_TILE, width)
                || tileLength > Math.max(MAX_OVERHANGING_TILE, height));
        if (bw <= 0 || bh <= 0 || bw > Integer.MAX_VALUE || oversized) {
            throw new BadInputException(file, "implausible " + (tiled ? "tile size " + bw + "x" + tileLength
                    + " for a " + width + "x" + height + " image" : "strips of " + bh + " rows"));
        }
        long[] offsets = d.longs(tiled ? TILE_OFFSETS : STRIP_OFFSETS);
        long[] byteCounts = d.longs(tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
        // each count below 2^31, their product below 2^62; times the planes (up to 2^16) it could wrap, so compared by division
        long perPlane = blocks(width, bw) * blocks(height, bh);
        int planes = planar ? samples : 1;
        int listed = offsets == null || byteCounts == null ? 0 : Math.min(offsets.length, byteCounts.length);
        if (listed / planes < perPlane) {
            throw new IOException("the directory lists " + listed + " of the " + BigInteger.valueOf(perPlane).multiply(
                    BigInteger.valueOf(planes)) + (tiled ? " tiles" : " strips") + " of the image");
        }
        GeoTiffTags tags = GeoTiffTags.read(d, file, width, height);
        return new TiffLayout(d.order(), width, height, samples, type, tiled, planar, compression, predictor, (int) bw, (int) bh,
                offsets, byteCounts, tags, TiffColours.read(d, file, samples, type),
                image ? alpha(d, samples, tags) : -1, image ? mask(d, file, width, height) : null);
    }

    /**
     * The sample ExtraSamples declares alpha (extra samples are a pixel's last), or -1 when none is: not one GDAL's
     * metadata calls something else (its 4th band of 8 bits, "Gray"), nor the only sample (no band would be left).
     */
    private static int alpha(TiffDirectory d, int samples, GeoTiffTags tags) throws IOException {
        long[] extra = d.longs(EXTRA_SAMPLES);
        if (extra == null || extra.length > samples || samples < 2) {
            return -1;
        }
        for (int i = 0; i < extra.length; i++) {
            if (extra[i] == ASSOCIATED_ALPHA || extra[i] == UNASSOCIATED_ALPHA) {
                int sample = samples - extra.length + i;
                String role = tags.colourInterpretation(sample);
                return role == null || role.equalsIgnoreCase("Alpha") ? sample : -1;
            }
        }
        return -1;
    }

    /** The layout of GDAL's internal mask of a {@code width x height} image: a later directory marked a transparency mask. */
    private static TiffLayout mask(TiffDirectory image, Path file, int width, int height) throws IOException {
        TiffDirectory mask = null;
        try {
            TiffDirectory d = image.next(file);
            for (int i = 0; d != null && mask == null && i < MAX_DIRECTORIES; i++, d = d.next(file)) {
                boolean isMask = (d.first(NEW_SUBFILE_TYPE, 0) & TRANSPARENCY_MASK) != 0 && d.first(IMAGE_WIDTH, -1) == width
                        && d.first(IMAGE_LENGTH, -1) == height && d.first(SAMPLES_PER_PIXEL, 1) == 1;
                mask = isMask ? d : null;
            }
            return mask == null ? null : read(mask, file, false);
        } catch (IOException e) {
            // a broken link past the image's directory, or a mask deq cannot decode (a CCITT one of another tool): the
            // image reads as it would without one
            return null;
        }
    }

    /** Refuses a compression deq cannot decode (it would fail only at the first strip or tile, naming a bare code). */
    private static void refuseCompression(Path file, int code) throws BadInputException {
        String name = switch (code) {
            case NONE, LZW, DEFLATE, PKZIP_DEFLATE, PACKBITS -> null;
            case 2 -> "CCITT RLE compression";
            case 3 -> "CCITT Group 3 fax compression";
            case 4 -> "CCITT Group 4 fax compression";
            case 6 -> "old-style JPEG compression";
            case 7 -> "JPEG compression";
            case 34712 -> "JPEG 2000 compression";
            case 34887 -> "LERC compression";
            case 34925 -> "LZMA compression";
            case 50000 -> "ZSTD compression";
            case 50001 -> "WEBP compression";
            default -> "compression method " + code;
        };
        if (name != null) {
            throw new BadInputException(file,
                    name + ", which deq cannot read; use DEFLATE or LZW (gdal_translate -co COMPRESS=DEFLATE)");
        }
    }

    /** The one sample type of every band; bands of different types or sizes are refused. */
    private static SampleType sampleType(Path file, long[] bits, long[] formats) throws BadInputException {
        long b = bits == null || bits.length == 0 ? 1 : bits[0];
        long f = formats == null || formats.length == 0 ? 1 : formats[0];
        for (long v : bits == null ? new long[0] : bits) {
            if (v != b) {
                throw new BadInputException(file, "bands of different sample sizes, which deq cannot read");
            }
        }
        for (long v : formats == null ? new long[0] : formats) {
            if (v != f) {
                throw new BadInputException(file, "bands of different sample formats, which deq cannot read");
            }
        }
        SampleType type = f < 1 || f > 3 || b > 64 ? null : SampleType.of((int) f, (int) b);
        if (type == null) {
            throw new BadInputException(file, b + "-bit samples" + (f == 3 ? " (floating point)" : f == 1 || f == 2 ? ""
                    : " of sample format " + f) + ", which deq cannot read; write 8, 16 or 32-bit integers or 32 or 64-bit"
                    + " floats (gdal_translate -ot)");
        }
        return type;
    }

    /** Strips or tiles across the image (at most {@link #read}'s check of their offsets, below 2^24). */
    int blocksAcross() {
        return (int) blocks(width, blockWidth);
    }

    /** Strips or tiles down the image. */
    int blocksDown() {
        return (int) blocks(height, blockHeight);
    }

    /** Blocks of {@code block} pixels over {@code size}, in long: {@code size + block - 1} passes 2^31 near the int limit. */
    private static long blocks(long size, long block) {
        return (size + block - 1) / block;
    }

    /** Bytes of one decoded block, over 2^60 where past a long (tile sides up to 2^31 and 2^16 samples). */
    long blockBytes() {
        return times(rowBytes(), blockHeight);
    }

    /** Bytes of one row of a decoded block: samples of fewer than 8 bits are packed, and each row starts on a byte. */
    long rowBytes() {
        long bits = times(times(blockWidth, samplesPerBlockPixel()), sampleType.bits);
        return bits / 8 + (bits % 8 == 0 ? 0 : 1); // not (bits + 7) / 8: bits may be a saturated Long.MAX_VALUE
    }

    /** {@code a * b} of two non-negative longs, or {@link Long#MAX_VALUE} where it would wrap: for sizes a header claims. */
    static long times(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** Bands the image reads as: R, G and B of a palette image, else one per sample but an alpha one. */
    int bands() {
        return colours.bands(samplesPerPixel) - (alpha >= 0 ? 1 : 0);
    }

    /** Whether the file marks pixels transparent, by an alpha sample or an internal mask ({@link TiffWindow}). */
    boolean masked() {
        return alpha >= 0 || mask != null;
    }

    /** The type of the values read: 8-bit colours of a palette image, else the samples' type. */
    SampleType valueType() {
        return colours.valueType(sampleType);
    }

    /** Samples of a pixel in one block: all bands when pixel-interleaved, one when planar. */
    int samplesPerBlockPixel() {
        return planar ? 1 : samplesPerPixel;
    }
}
