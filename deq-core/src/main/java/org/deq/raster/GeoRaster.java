package org.deq.raster;

/**
 * The decoded content of one raster file: {@code bands[b]} holds band {@code b} row-major as stored (no scaling),
 * with the file's sample type and its georeferencing ({@code null} when the file has none).
 */
public record GeoRaster(int width, int height, float[][] bands, SampleType sampleType, GeoRef geo) {

    /** Number of bands. */
    public int bandCount() {
        return bands.length;
    }
}
