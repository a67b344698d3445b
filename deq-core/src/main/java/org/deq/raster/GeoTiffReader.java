package org.deq.raster;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.BitSet;
import org.deq.io.Failures;

/**
 * Reads (Geo)TIFF files, classic TIFF or BigTIFF of any file size, with deq's own block reader ({@link TiffLayout},
 * {@link TiffBlocks}): any number of bands, 8/16/32-bit integer, 1/2/4-bit unsigned or 32/64-bit float samples, striped
 * or tiled, pixel- or band-interleaved, either byte order, uncompressed, PackBits, LZW or DEFLATE with or without
 * predictor, palette images as R, G, B and WhiteIsZero ones inverted ({@link TiffColours}); plus the grid
 * (ModelTiepoint and ModelPixelScale, or a ModelTransformation without rotation; PixelIsPoint as GDAL places it), the
 * EPSG code of the GeoKeyDirectory and GDAL's band descriptions ({@link GeoTiffTags}). Whole images ({@link #read}) of
 * more than 2^28 values ({@link DecodedSize}) and (unless asked to keep them) floating-point rasters with NaN or infinite
 * samples are refused in one line that says what to do; scenes ({@link #scene}) are read a window at a time. Other compressions are refused everywhere, from the header.
 */
public final class GeoTiffReader {

    private GeoTiffReader() {
    }

    /**
     * Decodes every band of the first image of the file, its transparent pixels (alpha or mask 0) known, not refused; a
     * missing, truncated, corrupt, unsupported or too large file, or a floating-point one holding NaN or infinite samples
     * (no data), gives a one-line {@link BadInputException}.
     */
    public static GeoRaster read(Path file) throws BadInputException {
        GeoRaster raster = open(file, channel -> decodeWhole(file, channel, TiffLayout.read(channel, file)));
        if (raster.sampleType().isFloat()) {
            for (int b = 0; b < raster.bandCount(); b++) {
                refuseNoData(file, raster.bands()[b], b);
            }
        }
        return raster;
    }

    /** A whole raster and its pixels without data ({@link GeoTiffScene#noDataPixels}'s rule). */
    public record RasterWithNoData(GeoRaster raster, BitSet noData) {
    }

    /**
     * As {@link #read}, but keeps the NaN and infinite samples of a floating-point raster, and gives the pixels without
     * data as a scene's window has them (transparent, NaN, the declared no-data value in every band, ...), from one
     * reading of the file: for a GeoTIFF read whole as a patch, ingested or a query example alike.
     */
    public static RasterWithNoData readWithNoData(Path file) throws BadInputException {
        Float[] declared = new Float[1];
        GeoRaster raster = open(file, channel -> {
            TiffLayout layout = TiffLayout.read(channel, file);
            declared[0] = layout.tags().noData();
            return decodeWhole(file, channel, layout);
        });
        return new RasterWithNoData(raster, GeoTiffScene.noDataPixels(raster, declared[0]));
    }

    /** Every sample of the image the file holds, refused first when there are too many to hold ({@link DecodedSize}). */
    private static GeoRaster decodeWhole(Path file, FileChannel channel, TiffLayout layout) throws IOException {
        int width = layout.width();
        int height = layout.height();
        int samples = layout.samplesPerPixel();
        new DecodedSize(width, height, samples, samples).requireReadable(file);
        return TiffWindow.read(channel, layout, 0, 0, width, height);
    }

    /**
     * A GeoTIFF too large to decode at once, classic TIFF or BigTIFF of any file size, held as the layout of its strips
     * or tiles, whose windows {@link GeoTiffScene#window} decodes on demand: for cutting a scene into patches. The same
     * compressions are refused as by {@link #read}, and sample types deq cannot hold; NaN or infinite samples are kept (a
     * window decides what to do with them).
     */
    public static GeoTiffScene scene(Path file) throws BadInputException {
        return open(file, channel -> { // inside open: whatever the tags hold, one line naming the file
            FileTime modified = Files.getLastModifiedTime(file); // before the layout: a later change is then seen
            GeoTiffScene scene = new GeoTiffScene(file, TiffLayout.read(channel, file), modified);
            scene.checkRowBands(DecodedSize.MAX_VALUES);
            return scene;
        });
    }

    /** The width and height in pixels, and the bands, of a TIFF's first image. */
    public record ImageSize(int width, int height, int bands) {
    }

    /**
     * The size of the file's first image, from its header and first directory alone (whatever the file's size): for
     * listing a scene's patches before any is decoded, or refusing an upload too large to decode. Whatever {@link #scene}
     * refuses from the header (a compression or sample type deq cannot decode) is refused here, once for the file.
     */
    public static ImageSize imageSize(Path file) throws BadInputException {
        TiffLayout layout = layout(file);
        return new ImageSize(layout.width(), layout.height(), layout.bands());
    }

    /**
     * Whether the file's first image holds satellite data rather than a picture ({@link ImageFiles#isMultispectral}), from
     * its header alone: for recognising a folder's layout without decoding a scene.
     */
    public static boolean isMultispectral(Path file) throws BadInputException {
        TiffLayout layout = layout(file);
        return ImageFiles.isMultispectral(layout.bands(), layout.valueType()); // a palette's colours, not its indices
    }

    /**
     * Whether the file's first image is one that deq's readers before revision 5 read otherwise: palette or WhiteIsZero
     * colours, or a grid from a PixelIsPoint tie point or a ModelTransformation. False for anything that is not such a
     * readable TIFF.
     */
    public static boolean readOtherwiseBeforeRevision5(Path file) {
        try {
            TiffLayout layout = layout(file);
            return layout.colours() != TiffColours.STORED || layout.tags().gridByPointOrTransformation();
        } catch (BadInputException e) {
            return false;
        }
    }

    /**
     * What deq's readers before revision 8 read otherwise of the readable TIFF {@code file}, from its header, or null:
     * an alpha sample or GDAL's internal mask (read as a band, or ignored), a no-data value other than 0 or NaN in a GeoTIFF read
     * whole ({@code window} false: a scene's windows already read it as no data), or a grid in a coordinate system they
     * gave no footprint ({@link CoordinateSystems}: ETRS89, NAD83, Web Mercator, LAEA Europe).
     */
    public static String readOtherwiseBeforeRevision8(Path file, boolean window) {
        try {
            TiffLayout layout = layout(file);
            // a picture (8-bit RGB or grey) read whole still reads its colours alone, but an alpha sample made it a 4th band
            boolean multispectral = ImageFiles.isMultispectral(layout.bands(), layout.valueType());
            // a scene's windows read masked pixels as no data, pictures too
            if (layout.masked() && (multispectral || window || layout.alpha() >= 0)) {
                return "read an alpha sample as a band and ignored GDAL's internal mask";
            }
            Float noData = layout.tags().noData();
            // NaN samples were refused, not read: no index holds such a file's
            if (!window && multispectral && noData != null && noData != 0 && !noData.isNaN()) {
                return "read a GeoTIFF's no-data pixels as values when indexing a folder of them";
            }
            GeoRef geo = layout.tags().geoRef();
            return geo != null && CoordinateSystems.isKnown(geo.epsg()) && !Utm.isUtm(geo.epsg()) && geo.epsg() != GeoRef.WGS84
                    ? "gave GeoTIFFs in EPSG:" + geo.epsg() + " no footprint" : null;
        } catch (BadInputException e) {
            return null;
        }
    }

    /** The band scale and offset {@code file} declares (GDAL's), or null when it declares none or cannot be read. */
    public static BandScale declaredScale(Path file) {
        try {
            TiffLayout layout = layout(file);
            return layout.tags().scale(layout.bands());
        } catch (BadInputException e) {
            return null;
        }
    }

    /**
     * The processing level {@code file} declares in GDAL's metadata ({@link GeoRaster#processingLevel}), from its header;
     * null when it declares none or cannot be read.
     */
    public static String declaredProcessingLevel(Path file) {
        try {
            return layout(file).tags().processingLevel();
        } catch (BadInputException e) {
            return null;
        }
    }

    /**
     * Why deq's readers refuse the readable TIFF {@code file} from its header (photometric interpretation, georeferencing
     * of NaN, infinite or zero pixel size, ...), or null when they take it or it cannot be read at all (gone, no
     * permission): files that readers before revision 6 read.
     */
    public static String refusal(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return null;
        }
        try {
            scene(file);
            return null;
        } catch (BadInputException e) {
            return e.getMessage();
        }
    }

    /**
     * Whether {@code file} is a big-endian TIFF whose first image uses a predictor: the files that deq's readers before
     * revision 4 (the TIFF library's) read wrong. False for anything that is not such a readable TIFF.
     */
    public static boolean isBigEndianWithPredictor(Path file) {
        try {
            TiffLayout layout = layout(file);
            return layout.order() == java.nio.ByteOrder.BIG_ENDIAN && layout.predictor() != 1;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** The layout of the file's first image, classic TIFF or BigTIFF; anything wrong is one line naming the file. */
    /** The no-data value the file declares (GDAL's tag), or null when it declares none; reads the header only. */
    public static Float declaredNoData(Path file) throws BadInputException {
        return layout(file).tags().noData();
    }

    static TiffLayout layout(Path file) throws BadInputException {
        return open(file, channel -> TiffLayout.read(channel, file));
    }

    /** A reading of an open TIFF file. */
    private interface Reading<T> {
        T read(FileChannel channel) throws IOException;
    }

    /**
     * {@code reading} of the open file, its failures one line naming the file: what is no regular file is refused unopened
     * ({@link RegularFiles}), a truncated file says where it ends, and anything else unexpected (a corrupt directory or
     * block) is not a readable TIFF.
     */
    private static <T> T open(Path file, Reading<T> reading) throws BadInputException {
        RegularFiles.require(file);
        try (FileChannel channel = FileChannel.open(file)) {
            return reading.read(channel);
        } catch (BadInputException e) {
            throw e;
        } catch (EOFException e) {
            throw new BadInputException(file, e.getMessage(), e);
        } catch (ClosedChannelException | InterruptedIOException e) { // the reading thread was interrupted, not the file bad
            throw new BadInputException(file, "reading was interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, Files.exists(file) ? "not a readable TIFF (" + Failures.firstLine(e) + ")" : "no such file", e);
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
}
