package org.deq.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.io.ByteWriter;
import mil.nga.tiff.util.TiffConstants;

/**
 * Writes north-up UInt16 GeoTIFFs (one or several bands, pixel-interleaved, little-endian strips) on a WGS 84 / UTM
 * grid, with the same GeoKeys as BigEarthNet's band files so that GDAL reads them as projected GeoTIFFs, or on a WGS 84
 * longitude / latitude grid; or, for pictures without georeferencing, plain UInt16 TIFFs.
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
        return encodeUInt16(width, height, bands, new GeoRef(ulx, uly, pixelSize, pixelSize, zone.epsg()), compression);
    }

    /**
     * Encodes a GeoTIFF in memory on the grid of {@code geo}: a WGS 84 / UTM grid in metres or a WGS 84 longitude /
     * latitude grid in degrees (as SSL4EO-S12 patches come); another coordinate system is refused. A {@code null} grid
     * writes a plain TIFF without geo tags (a map of a PNG or JPEG picture).
     */
    public static byte[] encodeUInt16(int width, int height, short[][] bands, GeoRef geo, Compression compression)
            throws IOException {
        checkArguments(width, height, bands, geo == null ? 1 : Math.min(geo.pixelWidth(), geo.pixelHeight()));
        if (geo != null && geo.epsg() != GeoRef.WGS84 && !Utm.isUtm(geo.epsg())) {
            throw new IllegalArgumentException("GeoTIFF grid must be WGS 84 / UTM or WGS 84 degrees, not EPSG:" + geo.epsg());
        }
        int nb = bands.length;
        FieldType[] types = new FieldType[nb];
        ByteBuffer[] samples = new ByteBuffer[nb];
        for (int b = 0; b < nb; b++) {
            types[b] = FieldType.SHORT;
            ByteBuffer buffer = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asShortBuffer().put(bands[b]);
            samples[b] = buffer;
        }
        Rasters rasters = new Rasters(width, height, types, samples);

        FileDirectory d = new FileDirectory();
        d.setImageWidth(width);
        d.setImageHeight(height);
        // NGA needs per-sample lists, else it cannot read multi-band files back
        d.setBitsPerSample(new ArrayList<>(Collections.nCopies(nb, 16)));
        d.setSampleFormat(new ArrayList<>(Collections.nCopies(nb, TiffConstants.SAMPLE_FORMAT_UNSIGNED_INT)));
        d.setSamplesPerPixel(nb);
        d.setCompression(compression.tiffCode);
        d.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        d.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        // GDAL's default strip of about 8 KiB, so files look like BigEarthNet's (34 rows at 120 px)
        d.setRowsPerStrip(Math.min(height, Math.max(1, STRIP_BYTES / (width * nb * 2))));
        if (nb > 1) {
            // without ExtraSamples GDAL warns and other readers see too few bands
            d.addEntry(new FileDirectoryEntry(FieldTagType.ExtraSamples, FieldType.SHORT, nb - 1,
                    new ArrayList<>(Collections.nCopies(nb - 1, 0))));
        }
        if (geo != null) {
            addGeoTags(d, geo);
        }
        d.setWriteRasters(rasters);
        return TiffWriter.writeTiffToBytes(new ByteWriter(ByteOrder.LITTLE_ENDIAN), new TIFFImage(d));
    }

    /** Georeferences {@code d} on {@code geo}'s grid: pixel scale, tie point and the GeoKeys of its coordinate system. */
    private static void addGeoTags(FileDirectory d, GeoRef geo) {
        d.setModelPixelScale(List.of(geo.pixelWidth(), geo.pixelHeight(), 0.0));
        d.setModelTiepoint(List.of(0.0, 0.0, 0.0, geo.originX(), geo.originY(), 0.0));
        String citation = null; // GeoAsciiParams, for the UTM keys that point into it
        List<Integer> keys;
        if (geo.epsg() == GeoRef.WGS84) {
            keys = List.of(
                    1, 1, 0, 4,
                    GT_MODEL_TYPE, 0, 1, MODEL_TYPE_GEOGRAPHIC,
                    GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA,
                    GEOGRAPHIC_TYPE, 0, 1, GeoRef.WGS84,
                    GEOG_ANGULAR_UNITS, 0, 1, ANGULAR_UNIT_DEGREE);
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

    /** Writes {@link #encodeUInt16} to a file, replacing it. */
    public static void writeUInt16(Path file, int width, int height, short[][] bands, UtmZone zone, double ulx,
                                   double uly, double pixelSize, Compression compression) throws IOException {
        Files.write(file, encodeUInt16(width, height, bands, zone, ulx, uly, pixelSize, compression));
    }

    /** Writes {@link #encodeUInt16(int, int, short[][], GeoRef, Compression)} to a file, replacing it. */
    public static void writeUInt16(Path file, int width, int height, short[][] bands, GeoRef geo, Compression compression)
            throws IOException {
        Files.write(file, encodeUInt16(width, height, bands, geo, compression));
    }

    private static void checkArguments(int width, int height, short[][] bands, double pixelSize) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("GeoTIFF size must be positive: " + width + "x" + height);
        }
        if (bands.length == 0) {
            throw new IllegalArgumentException("GeoTIFF needs at least one band");
        }
        if (!(pixelSize > 0)) {
            throw new IllegalArgumentException("GeoTIFF pixel size must be positive: " + pixelSize);
        }
        for (int b = 0; b < bands.length; b++) {
            if (bands[b].length != width * height) {
                throw new IllegalArgumentException("GeoTIFF band " + b + " has " + bands[b].length
                        + " values, expected " + width * height);
            }
        }
    }
}
