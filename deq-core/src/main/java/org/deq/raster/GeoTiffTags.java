package org.deq.raster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the GeoTIFF and GDAL tags deq reads ({@link TiffDirectory}) say: the grid, and GDAL's band descriptions and no-data
 * value (their raw text, null when the file lacks the tag).
 *
 * @param geoRef the file's grid ({@link #grid}), or null when it has none
 * @param gridByPointOrTransformation whether that grid comes from a PixelIsPoint tie point or a ModelTransformation,
 *                                    which deq's readers before revision 5 placed otherwise or not at all
 */
record GeoTiffTags(GeoRef geoRef, String gdalMetadata, String gdalNoData, boolean gridByPointOrTransformation) {

    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int MODEL_TRANSFORMATION = 34264;
    private static final int GEO_KEY_DIRECTORY = 34735;
    private static final int GDAL_METADATA = 42112;
    private static final int GDAL_NODATA = 42113;

    private static final int RASTER_TYPE_KEY = 1025;
    private static final int PIXEL_IS_POINT = 2;
    private static final int GEOGRAPHIC_TYPE_KEY = 2048;
    private static final int PROJECTED_CS_TYPE_KEY = 3072;
    private static final Pattern DESCRIPTION = Pattern.compile(
            "<Item name=\"DESCRIPTION\" sample=\"(\\d+)\" role=\"description\">([^<]*)</Item>");
    /** GDAL's band scale or offset: {@code <Item name="SCALE" sample="0" role="scale">0.0001</Item>}. */
    private static final Pattern SCALE_OR_OFFSET = Pattern.compile(
            "<Item name=\"(?:SCALE|OFFSET)\" sample=\"(\\d+)\" role=\"(scale|offset)\">\\s*([^<]*?)\\s*</Item>");
    /**
     * GDAL's processing level of the whole file (no {@code sample}: a dataset item), as its Sentinel-2 driver reports a
     * product's and deq sharpen writes it: {@code <Item name="PROCESSING_LEVEL">Level-1C</Item>}.
     */
    private static final Pattern PROCESSING_LEVEL = Pattern.compile("<Item name=\"PROCESSING_LEVEL\">\\s*([^<]*?)\\s*</Item>");
    /** GDAL's colour interpretation of a sample: {@code <Item name="COLORINTERP" sample="3" role="colorinterp">Gray</Item>}. */
    private static final Pattern COLOUR_INTERPRETATION = Pattern.compile(
            "<Item name=\"COLORINTERP\" sample=\"(\\d+)\" role=\"colorinterp\">\\s*([^<]*?)\\s*</Item>");
    private static final String NOT_FINITE = "georeferencing holds NaN or infinite values";
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|amp|lt|gt|quot|apos);");

    /**
     * The tags of the directory of a {@code width x height} image, read from {@code file}; a grid deq cannot place
     * (rotated, NaN or infinite, pixels of size 0, no footprint) is refused in one line, once for the file.
     */
    static GeoTiffTags read(TiffDirectory d, Path file, int width, int height) throws IOException {
        long[] keys = d.longs(GEO_KEY_DIRECTORY);
        long[] geoKeys = keys == null ? new long[0] : keys;
        double[] scale = d.doubles(MODEL_PIXEL_SCALE);
        double[] tiepoint = d.doubles(MODEL_TIEPOINT);
        GeoRef grid = grid(file, scale, tiepoint, d.doubles(MODEL_TRANSFORMATION), geoKeys);
        if (grid != null) {
            refuseUnplaceable(file, grid, width, height);
        }
        boolean byTiepoint = tiepoint != null && tiepoint.length >= 6 && scale != null && scale.length >= 2;
        return new GeoTiffTags(grid, d.ascii(GDAL_METADATA), d.ascii(GDAL_NODATA),
                grid != null && (!byTiepoint || key(geoKeys, RASTER_TYPE_KEY) == PIXEL_IS_POINT));
    }

    /**
     * The grid of ModelPixelScale and ModelTiepoint, else of a ModelTransformation (GDAL writes one for a south-up grid,
     * its y step positive: a negative pixel height here), as {@code gdalinfo} gives its origin: a PixelIsPoint file ties
     * pixel centres, so its corner lies half a pixel up and left. Null when the file has neither (or only ground control
     * points); a transformation with rotation or shear is refused.
     */
    private static GeoRef grid(Path file, double[] scale, double[] tiepoint, double[] m, long[] keys) throws BadInputException {
        double originX;
        double originY;
        double pixelWidth;
        double pixelHeight;
        if (tiepoint != null && tiepoint.length >= 6 && scale != null && scale.length >= 2) {
            pixelWidth = scale[0];
            pixelHeight = scale[1];
            originX = tiepoint[3] - tiepoint[0] * pixelWidth;
            originY = tiepoint[4] + tiepoint[1] * pixelHeight;
        } else if (m != null && m.length >= 16) {
            if (!Double.isFinite(m[1]) || !Double.isFinite(m[4])) { // NaN would pass for a rotation below
                throw new BadInputException(file, NOT_FINITE);
            }
            if (m[1] != 0 || m[4] != 0) {
                throw new BadInputException(file, "georeferenced on a rotated or sheared grid (ModelTransformation terms "
                        + m[1] + " and " + m[4] + "), which deq cannot place; warp it north-up (gdalwarp)");
            }
            pixelWidth = m[0];
            pixelHeight = -m[5];
            originX = m[3];
            originY = m[7];
        } else {
            return null;
        }
        if (key(keys, RASTER_TYPE_KEY) == PIXEL_IS_POINT) { // as GDAL unless GTIFF_POINT_GEO_IGNORE=TRUE
            originX -= pixelWidth / 2;
            originY += pixelHeight / 2;
        }
        int projected = key(keys, PROJECTED_CS_TYPE_KEY);
        return new GeoRef(originX, originY, pixelWidth, pixelHeight, projected != 0 ? projected : key(keys, GEOGRAPHIC_TYPE_KEY));
    }

    /**
     * Refuses a grid that places the image nowhere: a corner or pixel size NaN or infinite (every footprint would be
     * NaN: one bad patch per window of a scene, a failed query), pixels of size 0 (a point footprint that no box filter
     * finds), or UTM coordinates so far out that they give no longitude or latitude.
     */
    private static void refuseUnplaceable(Path file, GeoRef g, int width, int height) throws BadInputException {
        double farX = g.originX() + width * g.pixelWidth();
        double farY = g.originY() - height * g.pixelHeight();
        for (double v : new double[] {g.originX(), g.originY(), g.pixelWidth(), g.pixelHeight(), farX, farY}) {
            if (!Double.isFinite(v)) {
                throw new BadInputException(file, NOT_FINITE);
            }
        }
        if (g.pixelWidth() == 0 || g.pixelHeight() == 0) {
            throw new BadInputException(file, "georeferencing gives pixels a size of " + g.pixelWidth() + " x " + g.pixelHeight()
                    + " (ModelPixelScale or ModelTransformation), which places the image on a point or line");
        }
        try {
            g.footprint(width, height);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "georeferencing places the image outside EPSG:" + g.epsg() + " (corners " + g.originX()
                    + ", " + g.originY() + " and " + farX + ", " + farY + " give no longitude and latitude)", e);
        }
    }

    /**
     * The value of GeoKey {@code id}, or 0 when absent or held in another tag (keys: a header of 4 shorts, then 4 shorts
     * per key: id, the tag holding the value or 0, count, value).
     */
    private static int key(long[] keys, int id) {
        for (int k = 4; k + 3 < keys.length; k += 4) {
            if (keys[k] == id && keys[k + 1] == 0) {
                return (int) keys[k + 3];
            }
        }
        return 0;
    }

    /**
     * GDAL's band scale and offset in the GDAL_METADATA tag, or null unless every band declares the same scale (an
     * offset not declared is 0, as GDAL takes it); a value that is not a number declares none.
     */
    BandScale scale(int bands) {
        if (gdalMetadata == null || bands == 0) {
            return null;
        }
        double[] scales = new double[bands];
        double[] offsets = new double[bands];
        Arrays.fill(scales, Double.NaN);
        Matcher m = SCALE_OR_OFFSET.matcher(gdalMetadata);
        while (m.find()) {
            if (m.group(1).length() > 9 || Integer.parseInt(m.group(1)) >= bands) {
                continue; // a sample the file does not have
            }
            try {
                (m.group(2).equals("scale") ? scales : offsets)[Integer.parseInt(m.group(1))] = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (int b = 1; b < bands; b++) {
            if (scales[b] != scales[0] || offsets[b] != offsets[0]) {
                return null;
            }
        }
        return Double.isFinite(scales[0]) && Double.isFinite(offsets[0]) ? new BandScale(scales[0], offsets[0]) : null;
    }

    /**
     * GDAL's colour interpretation of sample {@code sample} in the GDAL_METADATA tag ("Alpha", "Gray", "Undefined", ...),
     * or null when it gives none: GDAL marks a 4th band of 8 bits as an extra sample of unassociated alpha even when it
     * is no alpha (a near-infrared band), and says so only here.
     */
    String colourInterpretation(int sample) {
        Matcher m = gdalMetadata == null ? null : COLOUR_INTERPRETATION.matcher(gdalMetadata);
        while (m != null && m.find()) {
            if (m.group(1).equals(Integer.toString(sample))) {
                return m.group(2);
            }
        }
        return null;
    }

    /** GDAL's processing level of the file in the GDAL_METADATA tag ({@link #PROCESSING_LEVEL}), or null when none. */
    String processingLevel() {
        Matcher m = gdalMetadata == null ? null : PROCESSING_LEVEL.matcher(gdalMetadata);
        return m != null && m.find() && !m.group(1).isEmpty() ? m.group(1) : null;
    }

    /** GDAL's band descriptions in the GDAL_METADATA tag, one per band, or none unless every band has one. */
    List<String> descriptions(int bands) {
        if (gdalMetadata == null) {
            return List.of();
        }
        String[] names = new String[bands];
        Matcher m = DESCRIPTION.matcher(gdalMetadata);
        while (m.find()) {
            try {
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
            } catch (IllegalArgumentException e) {
                // a sample number or character code past int or Unicode: the entry is skipped, not the file
            }
        }
        for (String n : names) {
            if (n == null) {
                return List.of();
            }
        }
        return List.of(names);
    }

    /**
     * GDAL's no-data value of the file (its {@code GDAL_NODATA} tag, NaN for "nan"), or null when it declares none (or
     * one that is not a number).
     */
    Float noData() {
        if (gdalNoData == null) {
            return null;
        }
        String text = gdalNoData.strip();
        try {
            return text.equalsIgnoreCase("nan") ? Float.NaN : Float.parseFloat(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
