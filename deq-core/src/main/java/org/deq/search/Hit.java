package org.deq.search;

import org.deq.raster.PatchMeta;

/**
 * One search result.
 *
 * @param rank     1 for the closest
 * @param id       the patch id
 * @param distance true distance to the query
 * @param meta     the patch's metadata
 */
public record Hit(int rank, String id, float distance, PatchMeta meta) {
}
