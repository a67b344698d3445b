/** The raster model: {@link org.deq.raster.Patch} (bands on one grid) and its metadata; GeoTIFF/image decoding and rendering. */
package org.deq.raster;
