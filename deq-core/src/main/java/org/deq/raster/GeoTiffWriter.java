package org.deq.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.io.ByteWriter;
import mil.nga.tiff.util.TiffConstants;
import org.deq.io.AtomicFiles;

/**
 * Writes north-up (or south-up) UInt16 or Float32 GeoTIFFs (one or several bands, pixel-interleaved, little-endian
 * strips) on a WGS 84 / UTM grid, with the same GeoKeys as BigEarthNet's band files so that GDAL reads them as projected
 * GeoTIFFs, or on a WGS 84 longitude / latitude grid; or, for pictures without georeferencing, plain TIFFs.
 */
public final class GeoTiffWriter {

    /** Pixel compression of the written file. */
    public enum Compression {
        /** Uncompressed strips, as BigEarthNet v1.0. */
        NONE(TiffConstants.COMPRESSION_NO),
        /** zlib/DEFLATE strips. */
        DEFLATE(TiffConstants.COMPRESSION_DEFLATE);

        private final int tiffCode;

        Compression(int tiffCode) {
            this.tiffCode = tiffCode;
        }
    }

    // GeoTIFF 1.0 key ids and values (OGC 19-008, Annex B)
    private static final int GT_MODEL_TYPE = 1024;
    private static final int GT_RASTER_TYPE = 1025;
    private static final int GT_CITATION = 1026;
    private static final int GEOG_CITATION = 2049;
    private static final int GEOG_ANGULAR_UNITS = 2054;
    private static final int PROJECTED_CS_TYPE = 3072;
    private static final int PROJ_LINEAR_UNITS = 3076;
    private static final int GEOGRAPHIC_TYPE = 2048;
    private static final int MODEL_TYPE_PROJECTED = 1;
    private static final int MODEL_TYPE_GEOGRAPHIC = 2;
    private static final int RASTER_PIXEL_IS_AREA = 1;
    private static final int ANGULAR_UNIT_DEGREE = 9102;
    private static final int LINEAR_UNIT_METRE = 9001;
    private static final int GEO_ASCII_PARAMS_TAG = 34737;
    private static final int STRIP_BYTES = 8192;

    /**
     * The most sample bytes (width × height × bands × bytes per sample) a written GeoTIFF holds: it is one classic TIFF
     * built in one Java array of at most 2^31 bytes, less 16 MiB for its header, strip tables and DEFLATE's overhead.
     */
    public static final long MAX_SAMPLE_BYTES = (1L << 31) - (1L << 24);

    private GeoTiffWriter() {
    }

    /**
     * Encodes a GeoTIFF in memory.
     *
     * @param width     pixels per row
     * @param height    rows
     * @param bands     one row-major array of {@code width * height} unsigned 16-bit values per band
     * @param zone      UTM zone of the grid
     * @param ulx       easting of the upper-left corner of the upper-left pixel, metres
     * @param uly       northing of that corner, metres
     * @param pixelSize pixel edge in metres
     */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, UtmZone zone, double ulx, double uly,
                                      double pixelSize, Compression compression) throws IOException {
        return encodeUInt16(width, height, bands, new GeoRef(ulx, uly, pixelSize, pixelSize, zone.epsg()), compression, null);
    }

    /**
     * Encodes a GeoTIFF in memory on the grid of {@code geo}: a WGS 84 / UTM grid in metres or a WGS 84 longitude /
     * latitude grid in degrees (as SSL4EO-S12 patches come); another coordinate system is refused. A {@code null} grid
     * writes a plain TIFF without geo tags (a map of a PNG or JPEG picture). {@code names}, when not null, names each
     * band (GDAL shows them as the bands' descriptions).
     */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, GeoRef geo, Compression compression,
                                      List<String> names) throws IOException {
        return encodeUInt16(width, height, bands, geo, compression, names, null);
    }

    /** As {@link #encodeUInt16(int, int, short[][], GeoRef, Compression, List)}, declaring {@code noData} (GDAL's tag) when not null. */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, GeoRef geo, Compression compression,
                                      List<String> names, String noData) throws IOException {
        return encodeUInt16(width, height, bands, geo, compression, names, noData, null);
    }

    /**
     * As {@link #encodeUInt16(int, int, short[][], GeoRef, Compression, List, String)}, declaring every band's
     * {@code scale} and offset when not null (in GDAL's metadata with the names, which must then be given).
     */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, GeoRef geo, Compression compression,
                                      List<String> names, String noData, BandScale scale) throws IOException {
        return encodeUInt16(width, height, bands, geo, compression, names, noData,
                scale == null ? null : Collections.nCopies(bands.length, scale), null);
    }

    /**
     * As {@link #encodeUInt16(int, int, short[][], GeoRef, Compression, List, String, BandScale)}, with a scale and
     * offset per band ({@code scales}: one per band, a null one declaring none for its band; null for no band), and the
     * file's {@code processingLevel} ({@code Level-1C}, GDAL's {@code PROCESSING_LEVEL}, which deq's readers take as the
     * file's level) when not null.
     */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, GeoRef geo, Compression compression,
                                      List<String> names, String noData, List<BandScale> scales, String processingLevel)
            throws IOException {
        if (scales != null && scales.size() != bands.length) {
            throw new IllegalArgumentException("GeoTIFF has " + bands.length + " bands but " + scales.size() + " band scales");
        }
        if ((scales != null || processingLevel != null) && names == null) {
            throw new IllegalArgumentException("a band scale, offset or processing level is written with the bands' names,"
                    + " and none were given");
        }
        checkArguments(width, height, bands.length, Short.BYTES, geo);
        ByteBuffer[] samples = new ByteBuffer[bands.length];
        for (int b = 0; b < bands.length; b++) {
            checkBand(b, bands[b].length, width, height);
            samples[b] = ByteBuffer.allocate(width * height * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            samples[b].asShortBuffer().put(bands[b]);
        }
        return encode(width, height, FieldType.SHORT, TiffConstants.SAMPLE_FORMAT_UNSIGNED_INT, samples, geo, compression,
                noData, names, scales, null, processingLevel);
    }

    /**
     * Encodes a Float32 GeoTIFF in memory on the grid of {@code geo}, its bands named by {@code names} when not null (as
     * {@link #encodeUInt16(int, int, short[][], GeoRef, Compression, List)}), with NaN declared as its no-data value
     * (GDAL's {@code GDAL_NODATA} tag).
     */
    public static byte[] encodeFloat32(int width, int height, float[][] bands, GeoRef geo, Compression compression,
                                       List<String> names) throws IOException {
        return encodeFloat32(width, height, bands, geo, compression, names, null);
    }

    /**
     * As {@link #encodeFloat32(int, int, float[][], GeoRef, Compression, List)}, declaring each band's unit ({@code
     * units}: one per band, GDAL's unit type, e.g. {@code m2/m2}; null for none) with the names, which must be given.
     */
    public static byte[] encodeFloat32(int width, int height, float[][] bands, GeoRef geo, Compression compression,
                                       List<String> names, List<String> units) throws IOException {
        if (units != null && (names == null || units.size() != bands.length)) {
            throw new IllegalArgumentException("units are written one per band with the bands' names; got "
                    + units.size() + " for " + bands.length + " bands" + (names == null ? " and no names" : ""));
        }
        checkArguments(width, height, bands.length, Float.BYTES, geo);
        ByteBuffer[] samples = new ByteBuffer[bands.length];
        for (int b = 0; b < bands.length; b++) {
            checkBand(b, bands[b].length, width, height);
            samples[b] = ByteBuffer.allocate(width * height * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            samples[b].asFloatBuffer().put(bands[b]);
        }
        return encode(width, height, FieldType.FLOAT, TiffConstants.SAMPLE_FORMAT_FLOAT, samples, geo, compression, "nan",
                names, null, units, null);
    }

    /** One image of {@code samples.length} bands of {@code type}, pixel-interleaved, with the GeoKeys of {@code geo}. */
    private static byte[] encode(int width, int height, FieldType type, int sampleFormat, ByteBuffer[] samples, GeoRef geo,
                                 Compression compression, String noData, List<String> names, List<BandScale> scales,
                                 List<String> units, String processingLevel) throws IOException {
        int nb = samples.length;
        FieldType[] types = new FieldType[nb];
        Arrays.fill(types, type);
        Rasters rasters = new Rasters(width, height, types, samples);

        FileDirectory d = new FileDirectory();
        d.setImageWidth(width);
        d.setImageHeight(height);
        // NGA needs per-sample lists, else it cannot read multi-band files back
        d.setBitsPerSample(new ArrayList<>(Collections.nCopies(nb, type.getBits())));
        d.setSampleFormat(new ArrayList<>(Collections.nCopies(nb, sampleFormat)));
        d.setSamplesPerPixel(nb);
        d.setCompression(compression.tiffCode);
        d.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        d.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        // GDAL's default strip of about 8 KiB, so files look like BigEarthNet's (34 rows at 120 px)
        d.setRowsPerStrip(Math.min(height, Math.max(1, STRIP_BYTES / (width * nb * type.getBytes()))));
        if (nb > 1) {
            // without ExtraSamples GDAL warns and other readers see too few bands
            d.addEntry(new FileDirectoryEntry(FieldTagType.ExtraSamples, FieldType.SHORT, nb - 1,
                    new ArrayList<>(Collections.nCopies(nb - 1, 0))));
        }
        if (names != null) {
            String xml = gdalMetadata(names, nb, scales, units, processingLevel);
            d.addEntry(new FileDirectoryEntry(FieldTagType.GDAL_METADATA, FieldType.ASCII, xml.length() + 1,
                    new ArrayList<>(List.of(xml))));
        }
        if (noData != null) {
            d.addEntry(new FileDirectoryEntry(FieldTagType.GDAL_NODATA, FieldType.ASCII, noData.length() + 1,
                    new ArrayList<>(List.of(noData))));
        }
        if (geo != null) {
            addGeoTags(d, geo);
        }
        d.setWriteRasters(rasters);
        return TiffWriter.writeTiffToBytes(new ByteWriter(ByteOrder.LITTLE_ENDIAN), new TIFFImage(d));
    }

    /**
     * Georeferences {@code d} on {@code geo}'s grid: pixel scale and tie point (a south-up grid, as GDAL writes it, by a
     * ModelTransformation: GDAL reads a negative pixel scale as north-up), and the GeoKeys of its coordinate system.
     */
    private static void addGeoTags(FileDirectory d, GeoRef geo) {
        if (geo.pixelWidth() > 0 && geo.pixelHeight() > 0) {
            d.setModelPixelScale(List.of(geo.pixelWidth(), geo.pixelHeight(), 0.0));
            d.setModelTiepoint(List.of(0.0, 0.0, 0.0, geo.originX(), geo.originY(), 0.0));
        } else {
            d.addEntry(new FileDirectoryEntry(FieldTagType.ModelTransformation, FieldType.DOUBLE, 16, new ArrayList<>(List.of(
                    geo.pixelWidth(), 0.0, 0.0, geo.originX(), 0.0, -geo.pixelHeight(), 0.0, geo.originY(),
                    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0))));
        }
        String citation = null; // GeoAsciiParams, for the UTM keys that point into it
        List<Integer> keys;
        if (!Utm.isUtm(geo.epsg())) { // the EPSG code says the rest (every projected system deq places is in metres)
            boolean geographic = CoordinateSystems.isGeographic(geo.epsg());
            keys = List.of(
                    1, 1, 0, 4,
                    GT_MODEL_TYPE, 0, 1, geographic ? MODEL_TYPE_GEOGRAPHIC : MODEL_TYPE_PROJECTED,
                    GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                    geographic ? GEOGRAPHIC_TYPE : PROJECTED_CS_TYPE, 0, 1, geo.epsg(),
                    geographic ? GEOG_ANGULAR_UNITS : PROJ_LINEAR_UNITS, 0, 1, geographic ? ANGULAR_UNIT_DEGREE : LINEAR_UNIT_METRE);
        } else {
            UtmZone zone = UtmZone.ofEpsg(geo.epsg());
            citation = zone.name() + "|WGS 84|";
            keys = List.of(
                    1, 1, 0, 7,
                    GT_MODEL_TYPE, 0, 1, MODEL_TYPE_PROJECTED,
                    GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                    GT_CITATION, GEO_ASCII_PARAMS_TAG, zone.name().length() + 1, 0,
                    GEOG_CITATION, GEO_ASCII_PARAMS_TAG, "WGS 84|".length(), zone.name().length() + 1,
                    GEOG_ANGULAR_UNITS, 0, 1, ANGULAR_UNIT_DEGREE,
                    PROJECTED_CS_TYPE, 0, 1, zone.epsg(),
                    PROJ_LINEAR_UNITS, 0, 1, LINEAR_UNIT_METRE);
        }
        d.setUnsignedIntegerListEntryValue(FieldTagType.GeoKeyDirectory, new ArrayList<>(keys));
        if (citation != null) {
            d.addEntry(new FileDirectoryEntry(FieldTagType.GeoAsciiParams, FieldType.ASCII, citation.length() + 1,
                    new ArrayList<>(List.of(citation))));
        }
    }

    /** Whether a GeoTIFF can be written on {@code geo}'s grid: one of the coordinate systems deq places footprints in. */
    public static boolean canWrite(GeoRef geo) {
        return CoordinateSystems.isKnown(geo.epsg());
    }

    /**
     * GDAL's metadata XML naming each band (its DESCRIPTION item), and giving each its scale and offset where {@code
     * scales} holds one for it and its unit type where {@code units} does; the names must be one per band.
     */
    private static String gdalMetadata(List<String> names, int bands, List<BandScale> scales, List<String> units,
                                       String processingLevel) {
        if (names.size() != bands) {
            throw new IllegalArgumentException("GeoTIFF has " + bands + " bands but " + names.size() + " band names");
        }
        StringBuilder xml = new StringBuilder("<GDALMetadata>");
        if (processingLevel != null) { // a dataset item, as GDAL writes the metadata of a whole file
            xml.append("<Item name=\"PROCESSING_LEVEL\">");
            escaped(xml, processingLevel);
            xml.append("</Item>");
        }
        for (int b = 0; b < bands; b++) {
            xml.append("<Item name=\"DESCRIPTION\" sample=\"").append(b).append("\" role=\"description\">");
            escaped(xml, names.get(b));
            xml.append("</Item>");
            String unit = units == null ? null : units.get(b);
            if (unit != null) {
                xml.append("<Item name=\"UNITTYPE\" sample=\"").append(b).append("\" role=\"unittype\">");
                escaped(xml, unit);
                xml.append("</Item>");
            }
            BandScale scale = scales == null ? null : scales.get(b);
            if (scale != null) { // as GDAL writes them; Double.toString keeps every digit and GDAL parses its exponents
                xml.append("<Item name=\"OFFSET\" sample=\"").append(b).append("\" role=\"offset\">").append(scale.offset())
                        .append("</Item><Item name=\"SCALE\" sample=\"").append(b).append("\" role=\"scale\">")
                        .append(scale.scale()).append("</Item>");
            }
        }
        return xml.append("</GDALMetadata>").toString();
    }

    /** Appends {@code text} as XML in 7-bit characters, which the TIFF ASCII field takes: names such as "Forêt" kept. */
    private static void escaped(StringBuilder xml, String text) {
        text.codePoints().forEach(c -> xml.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                : c > 126 || c < 32 ? "&#" + c + ";" : String.valueOf((char) c)));
    }

    /**
     * Writes {@link #encodeUInt16} to a file in place: for the files of a folder that is moved into place whole (a
     * synthetic archive) or a test's inputs; an output replacing a user's file goes through {@link org.deq.io.AtomicFiles}.
     */
    public static void writeUInt16(Path file, int width, int height, short[][] bands, UtmZone zone, double ulx,
                                   double uly, double pixelSize, Compression compression) throws IOException {
        AtomicFiles.writeOrRemove(file, encodeUInt16(width, height, bands, zone, ulx, uly, pixelSize, compression));
    }

    /** Writes {@link #encodeUInt16(int, int, short[][], GeoRef, Compression, List)} to a file in place, as the above. */
    public static void writeUInt16(Path file, int width, int height, short[][] bands, GeoRef geo, Compression compression,
                                   List<String> names) throws IOException {
        AtomicFiles.writeOrRemove(file, encodeUInt16(width, height, bands, geo, compression, names));
    }

    /**
     * Refuses a GeoTIFF of {@code width × height} pixels and {@code bands} bands of {@code bytesPerSample} bytes over
     * {@link #MAX_SAMPLE_BYTES}, in one line giving its size and the limit; a caller checks it before the work that
     * fills the file.
     */
    public static void checkSize(long width, long height, int bands, int bytesPerSample) {
        long bytes = width * height * bands * bytesPerSample; // at most 2^31 × 2^31 × a few bands: no long overflow
        if (bytes > MAX_SAMPLE_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a GeoTIFF of %dx%d pixels and %d band%s of %d"
                            + " bytes holds %.2f GB; deq writes at most %.2f GB (one classic TIFF built in memory)", width,
                    height, bands, bands == 1 ? "" : "s", bytesPerSample, bytes / 1e9, MAX_SAMPLE_BYTES / 1e9));
        }
    }

    private static void checkArguments(int width, int height, int bandCount, int bytesPerSample, GeoRef geo) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("GeoTIFF size must be positive: " + width + "x" + height);
        }
        if (bandCount == 0) {
            throw new IllegalArgumentException("GeoTIFF needs at least one band");
        }
        checkSize(width, height, bandCount, bytesPerSample); // before any int product of them can overflow
        if (geo == null) {
            return;
        }
        // a south-up grid (a read GeoTIFF's) has a negative height
        double pixelSize = Math.min(Math.abs(geo.pixelWidth()), Math.abs(geo.pixelHeight()));
        if (!(pixelSize > 0) || !Double.isFinite(geo.pixelWidth() * geo.pixelHeight())) {
            throw new IllegalArgumentException("GeoTIFF pixel size must be non-zero and finite: " + geo.pixelWidth() + " x "
                    + geo.pixelHeight());
        }
        if (!canWrite(geo)) {
            throw new IllegalArgumentException("GeoTIFF grid must be in a coordinate system deq places footprints in (WGS 84"
                    + " or ETRS89 degrees or UTM, Web Mercator, LAEA Europe, ...), not EPSG:" + geo.epsg());
        }
    }

    private static void checkBand(int band, int values, int width, int height) {
        if (values != width * height) {
            throw new IllegalArgumentException("GeoTIFF band " + band + " has " + values + " values, expected "
                    + width * height);
        }
    }
}
