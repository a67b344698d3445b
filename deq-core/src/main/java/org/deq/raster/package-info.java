/**
 * The raster model: {@link org.deq.raster.Patch} (bands on one grid) and its metadata; GeoTIFF/image decoding and
 * rendering, whole or, for scenes larger than deq decodes at once, a window at a time ({@link org.deq.raster.GeoTiffScene}).
 */
package org.deq.raster;
