package org.deq.raster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import mil.nga.tiff.ImageWindow;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import mil.nga.tiff.util.TiffConstants;

/**
 * Reads (Geo)TIFF files with NGA tiff: any number of bands, 8/16/32-bit integer or 32/64-bit float samples, striped
 * or tiled, uncompressed, PackBits, LZW or DEFLATE with or without predictor; plus ModelTiepoint, ModelPixelScale
 * and the EPSG code of the GeoKeyDirectory. BigTIFFs, other compressions, rasters of more than 2^28 values and (unless
 * asked to keep them) floating-point rasters with NaN or infinite samples are refused in one line that says what to do.
 */
public final class GeoTiffReader {

    private static final int GEOGRAPHIC_TYPE_KEY = 2048;
    private static final int PROJECTED_CS_TYPE_KEY = 3072;
    /**
     * Values read at once, 2^28: a Float32 raster that large peaks at 3 GiB (the file's bytes, NGA's samples and deq's
     * floats) before its callers copy it, within deq's default heap of 6 GB, where 2^30 values would need 4 GiB of
     * floats alone. It also refuses absurd sizes from corrupt headers before allocating.
     */
    private static final long MAX_VALUES = 1L << 28;
    /** Java arrays end below 2^31 bytes, and NGA reads the whole file into one. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** TIFF version in the header after the byte order: 42 for a classic TIFF, 43 for a BigTIFF. */
    private static final int BIG_TIFF_VERSION = 43;
    private static final String CUT_INTO_TILES = "cut the image into tiles (gdal_translate -srcwin)";

    private GeoTiffReader() {
    }

    /**
     * Decodes every band of the first image of the file; a missing, truncated, corrupt, unsupported or too large file,
     * or a floating-point one holding NaN or infinite samples (no data), gives a one-line {@link BadInputException}.
     */
    public static GeoRaster read(Path file) throws BadInputException {
        return read(file, false);
    }

    /**
     * As {@link #read}, but keeps the NaN and infinite samples of a floating-point raster: for deq's own biophysical
     * maps, which mark the pixels without an estimate NaN.
     */
    public static GeoRaster readWithNoData(Path file) throws BadInputException {
        return read(file, true);
    }

    private static GeoRaster read(Path file, boolean keepNoData) throws BadInputException {
        try {
            FileDirectory fd = TiffReader.readTiff(checkedBytes(file)).getFileDirectory();
            int width = fd.getImageWidth().intValue();
            int height = fd.getImageHeight().intValue();
            int samplesPerPixel = fd.getSamplesPerPixel();
            checkSize(file, width, height);
            long values = (long) width * height * samplesPerPixel;
            if (values > MAX_VALUES) {
                throw new BadInputException(file, width + "x" + height + " pixels x " + samplesPerPixel
                        + (samplesPerPixel == 1 ? " band = " : " bands = ") + millionsUp(values) + " M values, more than the "
                        + MAX_VALUES / 1_000_000 + " M (2^28) deq reads at once; " + CUT_INTO_TILES
                        + ", or index it as patches with deq index --tile SIZE");
            }
            refuseCompression(file, fd.getCompression());
            GeoRaster raster = decode(fd, null, width, height);
            if (!keepNoData && raster.sampleType().isFloat()) {
                for (int b = 0; b < raster.bandCount(); b++) {
                    refuseNoData(file, raster.bands()[b], b);
                }
            }
            return raster;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "not a readable TIFF (" + oneLine(e) + ")", e);
        }
    }

    /**
     * A GeoTIFF too large to decode at once, held as its file's bytes, whose windows {@link GeoTiffScene#window} decodes
     * on demand: for cutting a scene into patches. The same files are refused as by {@link #read}, except for the number of
     * values; NaN or infinite samples are kept (a window decides what to do with them).
     */
    public static GeoTiffScene scene(Path file) throws BadInputException {
        try {
            byte[] bytes = checkedBytes(file);
            FileDirectory fd = TiffReader.readTiff(bytes).getFileDirectory();
            int width = fd.getImageWidth().intValue();
            int height = fd.getImageHeight().intValue();
            checkSize(file, width, height);
            refuseCompression(file, fd.getCompression());
            Number blockRows = fd.isTiled() ? fd.getTileHeight() : fd.getRowsPerStrip();
            GeoTiffScene scene = new GeoTiffScene(file, bytes, width, height, fd.getSamplesPerPixel(), geoRef(fd),
                    descriptions(fd, fd.getSamplesPerPixel()), blockRows == null ? height : (int) Math.min(blockRows.longValue(), height),
                    noData(fd));
            scene.checkRowBands(MAX_VALUES);
            return scene;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "not a readable TIFF (" + oneLine(e) + ")", e);
        }
    }

    /**
     * The width and height of the file's first image, from its header alone (a few hundred bytes read, whatever the
     * file's size): for listing a scene's patches before any is decoded. A compression deq cannot decode is refused here.
     */
    public static int[] imageSize(Path file) throws BadInputException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(8);
            channel.read(head, 0);
            refuseBigTiff(file, Arrays.copyOf(head.array(), Math.min(4, head.position())));
            if (channel.size() > MAX_FILE_BYTES) { // one line for the file, not one per patch of it
                throw tooLarge(file, channel.size());
            }
            if (head.hasRemaining()) {
                throw new IOException("the file ends inside its header");
            }
            head.order(head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            if (head.get(0) != head.get(1) || head.get(0) != 'I' && head.get(0) != 'M' || head.getShort(2) != 42) {
                throw new BadInputException(file, "not a TIFF (no TIFF header)");
            }
            long ifd = head.getInt(4) & 0xFFFFFFFFL;
            int entries = readAt(channel, ifd, 2).order(head.order()).getShort(0) & 0xFFFF;
            ByteBuffer dir = readAt(channel, ifd + 2, entries * 12).order(head.order());
            int width = -1;
            int height = -1;
            Integer compression = null;
            for (int e = 0; e < entries; e++) {
                int tag = dir.getShort(e * 12) & 0xFFFF;
                int type = dir.getShort(e * 12 + 2) & 0xFFFF;
                // SHORT (3) values sit in the first two bytes of the value field, LONG (4) fill it
                long value = type == 3 ? dir.getShort(e * 12 + 8) & 0xFFFF : dir.getInt(e * 12 + 8) & 0xFFFFFFFFL;
                if (tag == TAG_IMAGE_WIDTH) {
                    width = (int) Math.min(value, Integer.MAX_VALUE);
                } else if (tag == TAG_IMAGE_LENGTH) {
                    height = (int) Math.min(value, Integer.MAX_VALUE);
                } else if (tag == TAG_COMPRESSION) {
                    compression = (int) value;
                }
            }
            checkSize(file, width, height);
            refuseCompression(file, compression); // one line for the file, not one per patch of it
            return new int[] {width, height};
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw new BadInputException(file, Files.exists(file) ? "not a readable TIFF (" + oneLine(e) + ")" : "no such file", e);
        }
    }

    private static final int TAG_IMAGE_WIDTH = 256;
    private static final int TAG_IMAGE_LENGTH = 257;
    private static final int TAG_COMPRESSION = 259;

    /** {@code n} bytes at {@code position}; a file that ends before them is a truncated TIFF. */
    private static ByteBuffer readAt(FileChannel channel, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("the file ends inside its header");
            }
        }
        return b;
    }

    /** The file's bytes, after refusing a missing file, a BigTIFF and a file too large for one Java array. */
    private static byte[] checkedBytes(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file");
        }
        refuseBigTiff(file);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw tooLarge(file, size);
        }
        return Files.readAllBytes(file);
    }

    private static BadInputException tooLarge(Path file, long size) {
        return new BadInputException(file, millionsUp(size) + " MB, more than the " + MAX_FILE_BYTES / 1_000_000
                + " MB deq reads at once; " + CUT_INTO_TILES);
    }

    private static void checkSize(Path file, int width, int height) throws BadInputException {
        if (width <= 0 || height <= 0) {
            throw new BadInputException(file, "implausible raster size " + width + "x" + height);
        }
    }

    /**
     * Decodes every band of {@code fd}, or of its {@code window} ({@code width x height} pixels, the whole image when
     * null), as floats of the stored values, on the window's grid.
     */
    static GeoRaster decode(FileDirectory fd, ImageWindow window, int width, int height) {
        Rasters rasters = window == null ? fd.readRasters() : fd.readRasters(window);
        FieldType[] types = rasters.getFieldTypes();
        ByteBuffer[] samples = rasters.getSampleValues();
        float[][] bands = new float[samples.length][];
        for (int b = 0; b < samples.length; b++) {
            bands[b] = toFloats(samples[b], types[b], width * height);
        }
        GeoRef geo = geoRef(fd);
        if (geo != null && window != null) {
            geo = geo.window(window.getMinX(), window.getMinY());
        }
        return new GeoRaster(width, height, bands, SampleType.of(types[0]), geo, descriptions(fd, bands.length));
    }

    /** {@code n} in millions rounded up, so that a size just over a limit (rounded down) does not read as the limit. */
    private static long millionsUp(long n) {
        return (n + 999_999) / 1_000_000;
    }

    /** Refuses a BigTIFF from its header (byte order, then the version), which NGA tiff cannot parse. */
    private static void refuseBigTiff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            refuseBigTiff(file, in.readNBytes(4));
        }
    }

    /** Refuses a BigTIFF from the first four bytes of {@code file}. */
    private static void refuseBigTiff(Path file, byte[] head) throws BadInputException {
        boolean big = head.length == 4 && (head[0] == 'I' && head[1] == 'I' && head[2] == BIG_TIFF_VERSION && head[3] == 0
                || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == BIG_TIFF_VERSION);
        if (big) {
            throw new BadInputException(file,
                    "a BigTIFF, which deq cannot read; write a classic TIFF (gdal_translate -co BIGTIFF=NO)");
        }
    }

    /** Refuses a compression NGA tiff cannot decode (it would fail only at the first strip, naming a bare code). */
    private static void refuseCompression(Path file, Integer code) throws BadInputException {
        String name = switch (code == null ? TiffConstants.COMPRESSION_NO : code) {
            case TiffConstants.COMPRESSION_NO, TiffConstants.COMPRESSION_LZW, TiffConstants.COMPRESSION_DEFLATE,
                    TiffConstants.COMPRESSION_PKZIP_DEFLATE, TiffConstants.COMPRESSION_PACKBITS -> null;
            case TiffConstants.COMPRESSION_CCITT_HUFFMAN -> "CCITT RLE compression";
            case TiffConstants.COMPRESSION_T4 -> "CCITT Group 3 fax compression";
            case TiffConstants.COMPRESSION_T6 -> "CCITT Group 4 fax compression";
            case TiffConstants.COMPRESSION_JPEG_OLD -> "old-style JPEG compression";
            case TiffConstants.COMPRESSION_JPEG_NEW -> "JPEG compression";
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

    /**
     * Refuses NaN or infinite samples of a floating-point band: GDAL's no data, which would turn distances NaN or, where
     * a step skips them, into silent zeros (a Float64 sample beyond the float range counts too: deq holds floats).
     */
    private static void refuseNoData(Path file, float[] band, int b) throws BadInputException {
        int bad = 0;
        for (float v : band) {
            if (!Float.isFinite(v)) {
                bad++;
            }
        }
        if (bad > 0) {
            throw new BadInputException(file, bad + " of " + band.length + " pixels of band " + (b + 1)
                    + " are NaN or infinite (no data); deq needs complete rasters");
        }
    }

    /**
     * GDAL's no-data value of the file (its {@code GDAL_NODATA} tag, NaN for "nan"), or null when it declares none (or
     * one that is not a number).
     */
    private static Float noData(FileDirectory fd) {
        try {
            String text = fd.getStringEntryValue(FieldTagType.GDAL_NODATA);
            return text == null ? null : text.strip().equalsIgnoreCase("nan") ? Float.NaN : Float.parseFloat(text.strip());
        } catch (RuntimeException e) { // not ASCII, not a number
            return null;
        }
    }

    private static final Pattern DESCRIPTION = Pattern.compile(
            "<Item name=\"DESCRIPTION\" sample=\"(\\d+)\" role=\"description\">([^<]*)</Item>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|amp|lt|gt|quot|apos);");

    /** GDAL's band descriptions in the GDAL_METADATA tag, one per band, or none unless every band has one. */
    private static List<String> descriptions(FileDirectory fd, int bands) {
        String xml;
        try {
            xml = fd.getStringEntryValue(FieldTagType.GDAL_METADATA);
        } catch (RuntimeException e) { // not ASCII, or not there in the library's reading
            return List.of();
        }
        if (xml == null) {
            return List.of();
        }
        String[] names = new String[bands];
        Matcher m = DESCRIPTION.matcher(xml);
        while (m.find()) {
            int sample = Integer.parseInt(m.group(1));
            if (sample < bands) {
                names[sample] = ENTITY.matcher(m.group(2)).replaceAll(r -> switch (r.group(1)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(r.group(1).substring(1))));
                });
            }
        }
        for (String n : names) {
            if (n == null) {
                return List.of();
            }
        }
        return List.of(names);
    }

    private static float[] toFloats(ByteBuffer buffer, FieldType type, int n) {
        ByteBuffer b = buffer.duplicate().order(buffer.order());
        b.rewind();
        if (b.remaining() < n * type.getBytes()) {
            throw new IllegalStateException("image data ends early");
        }
        float[] out = new float[n];
        switch (type) {
            case BYTE, UNDEFINED -> { for (int i = 0; i < n; i++) out[i] = b.get() & 0xFF; }
            case SBYTE -> { for (int i = 0; i < n; i++) out[i] = b.get(); }
            case SHORT -> { for (int i = 0; i < n; i++) out[i] = b.getShort() & 0xFFFF; }
            case SSHORT -> { for (int i = 0; i < n; i++) out[i] = b.getShort(); }
            case LONG -> { for (int i = 0; i < n; i++) out[i] = b.getInt() & 0xFFFFFFFFL; }
            case SLONG -> { for (int i = 0; i < n; i++) out[i] = b.getInt(); }
            case FLOAT -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(); }
            case DOUBLE -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(); }
            default -> throw new IllegalArgumentException("unsupported sample type " + type);
        }
        return out;
    }

    private static GeoRef geoRef(FileDirectory fd) {
        List<Double> tie = fd.getModelTiepoint();
        List<Double> scale = fd.getModelPixelScale();
        if (tie == null || tie.size() < 6 || scale == null || scale.size() < 2) {
            return null;
        }
        double originX = tie.get(3) - tie.get(0) * scale.get(0);
        double originY = tie.get(4) + tie.get(1) * scale.get(1);
        return new GeoRef(originX, originY, scale.get(0), scale.get(1), epsg(fd));
    }

    /** The projected CS code, else the geographic one, else 0 (keys: header of 4 shorts, then 4 shorts per key). */
    private static int epsg(FileDirectory fd) {
        FileDirectoryEntry entry = fd.get(FieldTagType.GeoKeyDirectory);
        if (entry == null || !(entry.getValues() instanceof List<?> values)) {
            return 0;
        }
        int geographic = 0;
        for (int k = 4; k + 3 < values.size(); k += 4) {
            int key = ((Number) values.get(k)).intValue();
            int location = ((Number) values.get(k + 1)).intValue();
            int value = ((Number) values.get(k + 3)).intValue();
            if (location != 0) {
                continue;
            }
            if (key == PROJECTED_CS_TYPE_KEY) {
                return value;
            }
            if (key == GEOGRAPHIC_TYPE_KEY) {
                geographic = value;
            }
        }
        return geographic;
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
