package org.deq.raster;

/**
 * GDAL's band scale and offset, declared alike for every band of a file: value = stored × {@code scale} + {@code offset}
 * (GDAL_METADATA items of roles {@code scale} and {@code offset}; {@code gdal_translate -a_scale -a_offset} sets them).
 */
public record BandScale(double scale, double offset) {
}
