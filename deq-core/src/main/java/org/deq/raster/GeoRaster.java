package org.deq.raster;

import java.util.BitSet;
import java.util.List;

/**
 * The decoded content of one raster file: {@code bands[b]} holds band {@code b} row-major as stored (no scaling),
 * with the file's sample type, its georeferencing ({@code null} when the file has none) and the bands' descriptions
 * (GDAL's band names, such as deq's own GeoTIFFs carry; empty when the file has none), their scale and offset (null
 * when the file declares none, or not alike for every band) and the processing level GDAL's metadata declares for the
 * whole file ({@code PROCESSING_LEVEL}, as GDAL's Sentinel-2 driver names a product's: {@code Level-1C}; null when none).
 *
 * @param transparent the pixels (row-major) the file marks transparent, by an alpha sample of 0 or GDAL's internal mask
 *                    ({@link TiffWindow}): no data in satellite data; empty when none
 */
public record GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo, List<String> descriptions,
                        BandScale scale, String processingLevel, BitSet transparent) {

    /** The processing level of a Level-1C product (top-of-atmosphere reflectance), as GDAL's Sentinel-2 driver names it. */
    public static final String LEVEL_1C = "Level-1C";

    /** Freezes the descriptions; null means none, as for transparent pixels. */
    public GeoRaster {
        descriptions = descriptions == null ? List.of() : List.copyOf(descriptions);
        transparent = transparent == null ? new BitSet() : transparent;
    }

    /** A raster without transparent pixels. */
    public GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo, List<String> descriptions,
                     BandScale scale, String processingLevel) {
        this(width, height, bands, sampleType, geo, descriptions, scale, processingLevel, null);
    }

    /** A raster without band descriptions, scale, offset or processing level. */
    public GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo) {
        this(width, height, bands, sampleType, geo, List.of(), null, null);
    }

    /** Whether the file declares itself a Level-1C product (top-of-atmosphere reflectance), as deq sharpen writes one. */
    public boolean declaredLevel1C() {
        return LEVEL_1C.equalsIgnoreCase(processingLevel);
    }

    /** Number of bands. */
    public int bandCount() {
        return bands.length;
    }
}
