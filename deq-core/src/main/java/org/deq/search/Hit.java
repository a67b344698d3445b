package org.deq.search;

import org.deq.raster.PatchMeta;

/**
 * One search result.
 *
 * @param rank     1 for the closest
 * @param id       the patch id
 * @param distance distance to the query as the search ranks by it: the true distance in the index's metric for
 *                 {@code flat} and {@code two-stage} searches; the Hamming distance of the codes in bits for the code-only
 *                 {@code hamming}, {@code mih} and {@code table}; the multi-code matching distance for {@code multi-code}
 * @param meta     the patch's metadata
 */
public record Hit(int rank, String id, float distance, PatchMeta meta) {
}
