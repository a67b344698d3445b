package org.deq.raster;

import java.util.List;

/**
 * The decoded content of one raster file: {@code bands[b]} holds band {@code b} row-major as stored (no scaling),
 * with the file's sample type, its georeferencing ({@code null} when the file has none) and the bands' descriptions
 * (GDAL's band names, such as deq's own GeoTIFFs carry; empty when the file has none) and their scale and offset (null
 * when the file declares none, or not alike for every band).
 */
public record GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo, List<String> descriptions,
                        BandScale scale) {

    /** Freezes the descriptions; null means none. */
    public GeoRaster {
        descriptions = descriptions == null ? List.of() : List.copyOf(descriptions);
    }

    /** A raster without band descriptions, scale or offset. */
    public GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo) {
        this(width, height, bands, sampleType, geo, List.of(), null);
    }

    /** Number of bands. */
    public int bandCount() {
        return bands.length;
    }
}
