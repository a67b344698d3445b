package org.deq.raster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import mil.nga.tiff.util.TiffConstants;

/**
 * Reads (Geo)TIFF files: any number of bands, 8/16/32-bit integer or 32/64-bit float samples, striped or tiled,
 * uncompressed, PackBits, LZW or DEFLATE with or without predictor; plus ModelTiepoint, ModelPixelScale and the EPSG code
 * of the GeoKeyDirectory ({@link GeoTiffTags}). Whole files are read with NGA tiff: BigTIFFs, files of 2 GB or more,
 * rasters of more than 2^28 values and (unless asked to keep them) floating-point rasters with NaN or infinite samples are
 * refused there in one line that says what to do. Scenes ({@link #scene}) are read a window at a time by deq's own block
 * reader ({@link TiffLayout}, {@link TiffBlocks}): classic TIFF or BigTIFF, of any size. Other compressions are refused
 * everywhere.
 */
public final class GeoTiffReader {

    /**
     * Values read at once, 2^28: a Float32 raster that large peaks at 3 GiB (the file's bytes, NGA's samples and deq's
     * floats) before its callers copy it, within deq's default heap of 6 GB, where 2^30 values would need 4 GiB of
     * floats alone. It also refuses absurd sizes from corrupt headers before allocating.
     */
    private static final long MAX_VALUES = 1L << 28;
    /** Java arrays end below 2^31 bytes, and NGA reads the whole file into one. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
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
            GeoRaster raster = decode(fd, width, height);
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
     * A GeoTIFF too large to decode at once, classic TIFF or BigTIFF of any file size, held as the layout of its strips
     * or tiles, whose windows {@link GeoTiffScene#window} decodes on demand: for cutting a scene into patches. The same
     * compressions are refused as by {@link #read}, and sample types deq cannot hold; NaN or infinite samples are kept (a
     * window decides what to do with them).
     */
    public static GeoTiffScene scene(Path file) throws BadInputException {
        GeoTiffScene scene = new GeoTiffScene(file, layout(file));
        scene.checkRowBands(MAX_VALUES);
        return scene;
    }

    /**
     * The width and height of the file's first image, from its header and first directory alone (whatever the file's
     * size): for listing a scene's patches before any is decoded. Whatever {@link #scene} refuses from the header (a
     * compression or sample type deq cannot decode) is refused here, once for the file.
     */
    public static int[] imageSize(Path file) throws BadInputException {
        TiffLayout layout = layout(file);
        return new int[] {layout.width(), layout.height()};
    }

    /** The layout of the file's first image, classic TIFF or BigTIFF; anything wrong is one line naming the file. */
    private static TiffLayout layout(Path file) throws BadInputException {
        try (FileChannel channel = FileChannel.open(file)) {
            return TiffLayout.read(channel, file);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, Files.exists(file) ? "not a readable TIFF (" + oneLine(e) + ")" : "no such file", e);
        }
    }

    /** The file's bytes, after refusing a missing file, a BigTIFF and a file too large for one Java array. */
    private static byte[] checkedBytes(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file");
        }
        refuseBigTiff(file);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException(file, millionsUp(size) + " MB, more than the " + MAX_FILE_BYTES / 1_000_000
                    + " MB deq reads at once; " + CUT_INTO_TILES + ", or index it as patches with deq index --tile SIZE");
        }
        return Files.readAllBytes(file);
    }

    static void checkSize(Path file, int width, int height) throws BadInputException {
        if (width <= 0 || height <= 0) {
            throw new BadInputException(file, "implausible raster size " + width + "x" + height);
        }
    }

    /** Decodes every band of {@code fd} ({@code width x height} pixels) as floats of the stored values. */
    private static GeoRaster decode(FileDirectory fd, int width, int height) {
        Rasters rasters = fd.readRasters();
        FieldType[] types = rasters.getFieldTypes();
        ByteBuffer[] samples = rasters.getSampleValues();
        float[][] bands = new float[samples.length][width * height];
        for (int b = 0; b < samples.length; b++) {
            if (samples[b].capacity() < bands[b].length * types[b].getBytes()) {
                throw new IllegalStateException("image data ends early");
            }
            SampleType.of(types[b]).toFloats(samples[b], 0, 1, bands[b], 0, bands[b].length);
        }
        GeoTiffTags tags = GeoTiffTags.of(fd);
        return new GeoRaster(width, height, bands, SampleType.of(types[0]), tags.geoRef(), tags.descriptions(bands.length));
    }

    /** {@code n} in millions rounded up, so that a size just over a limit (rounded down) does not read as the limit. */
    private static long millionsUp(long n) {
        return (n + 999_999) / 1_000_000;
    }

    /** Refuses a BigTIFF from its header (byte order, then the version), which NGA tiff cannot parse. */
    private static void refuseBigTiff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        boolean big = head.length == 4 && (head[0] == 'I' && head[1] == 'I' && head[2] == TiffDirectory.BIG && head[3] == 0
                || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == TiffDirectory.BIG);
        if (big) {
            throw new BadInputException(file, "a BigTIFF, which deq reads only as a scene to cut into patches (deq index"
                    + " --tile SIZE); write a classic TIFF (gdal_translate -co BIGTIFF=NO)");
        }
    }

    /** Refuses a compression deq cannot decode (it would fail only at the first strip or tile, naming a bare code). */
    static void refuseCompression(Path file, Integer code) throws BadInputException {
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

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
