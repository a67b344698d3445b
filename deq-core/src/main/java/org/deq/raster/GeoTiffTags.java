package org.deq.raster;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw values of the GeoTIFF and GDAL tags deq reads ({@link TiffDirectory}), and what they mean: georeferencing, band
 * descriptions, no-data value. Null or empty when the file lacks the tag.
 */
record GeoTiffTags(double[] pixelScale, double[] tiepoint, int[] geoKeys, String gdalMetadata, String gdalNoData) {

    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int GEO_KEY_DIRECTORY = 34735;
    private static final int GDAL_METADATA = 42112;
    private static final int GDAL_NODATA = 42113;

    private static final int GEOGRAPHIC_TYPE_KEY = 2048;
    private static final int PROJECTED_CS_TYPE_KEY = 3072;
    private static final Pattern DESCRIPTION = Pattern.compile(
            "<Item name=\"DESCRIPTION\" sample=\"(\\d+)\" role=\"description\">([^<]*)</Item>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|amp|lt|gt|quot|apos);");

    /** The tags of a directory, read from its file. */
    static GeoTiffTags read(TiffDirectory d) throws IOException {
        long[] keys = d.longs(GEO_KEY_DIRECTORY);
        int[] geoKeys = null;
        if (keys != null) {
            geoKeys = new int[keys.length];
            for (int i = 0; i < geoKeys.length; i++) {
                geoKeys[i] = (int) keys[i];
            }
        }
        return new GeoTiffTags(d.doubles(MODEL_PIXEL_SCALE), d.doubles(MODEL_TIEPOINT), geoKeys, d.ascii(GDAL_METADATA),
                d.ascii(GDAL_NODATA));
    }

    /** The grid of ModelTiepoint and ModelPixelScale, or null when the file lacks either. */
    GeoRef geoRef() {
        if (tiepoint == null || tiepoint.length < 6 || pixelScale == null || pixelScale.length < 2) {
            return null;
        }
        double originX = tiepoint[3] - tiepoint[0] * pixelScale[0];
        double originY = tiepoint[4] + tiepoint[1] * pixelScale[1];
        return new GeoRef(originX, originY, pixelScale[0], pixelScale[1], epsg());
    }

    /** The projected CS code, else the geographic one, else 0 (keys: header of 4 shorts, then 4 shorts per key). */
    private int epsg() {
        if (geoKeys == null) {
            return 0;
        }
        int geographic = 0;
        for (int k = 4; k + 3 < geoKeys.length; k += 4) {
            if (geoKeys[k + 1] != 0) { // the value lies in another tag: not a code
                continue;
            }
            if (geoKeys[k] == PROJECTED_CS_TYPE_KEY) {
                return geoKeys[k + 3];
            }
            if (geoKeys[k] == GEOGRAPHIC_TYPE_KEY) {
                geographic = geoKeys[k + 3];
            }
        }
        return geographic;
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
