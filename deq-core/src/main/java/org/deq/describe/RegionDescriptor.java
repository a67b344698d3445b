package org.deq.describe;

import org.deq.raster.Patch;

/**
 * A descriptor that also describes each region of a patch separately: one vector per region ("primitive"),
 * the input of multi-code hashing and region queries.
 */
public interface RegionDescriptor extends Descriptor {

    /** Number of regions every patch is split into. */
    int regionCount();

    /** Length of each region's vector. */
    int regionDimension();

    /** One new vector of {@link #regionDimension()} values per region, in row-major region order. */
    float[][] describeRegions(Patch patch);
}
