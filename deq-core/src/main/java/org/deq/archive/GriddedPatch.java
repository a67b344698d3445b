package org.deq.archive;

import java.util.BitSet;
import org.deq.raster.GeoRef;
import org.deq.raster.Patch;

/**
 * A patch read with its georeferenced grid and its pixels without data (row-major), which were read as 0 in every band,
 * as the windows of a scene are: what a change map leaves out and a query example is told about.
 *
 * @param patch  the patch, its no-data pixels 0 in every band
 * @param grid   the patch's georeferenced grid, or null when it has none
 * @param noData the pixels without data (transparent, NaN, the file's no-data value in every band, or 0 in every band of a file of
 *               several bands that declares none: {@link org.deq.raster.GeoTiffScene#noDataPixels}); empty when none
 */
public record GriddedPatch(Patch patch, GeoRef grid, BitSet noData) {

    /**
     * A note when some pixels are no data, naming the patch by its source (the file read, or the name a client sent),
     * else null: they were described as 0 in every band, so a patch mostly without data matches other empty patches.
     */
    public String noDataNote() {
        int empty = noData.cardinality();
        if (empty == 0) {
            return null;
        }
        int pixels = patch.width() * patch.height();
        String name = patch.meta().source() == null || patch.meta().source().isEmpty() ? patch.meta().id() : patch.meta().source();
        return String.format(java.util.Locale.ROOT, "%s: %d of %d pixels (%.1f %%) are no data (transparent, NaN, the file's no-data value,"
                + " or, in a file of several bands declaring none, 0 in every band): read as 0 in every band, as a scene's"
                + " patches are", name, empty, pixels, 100.0 * empty / pixels);
    }
}
