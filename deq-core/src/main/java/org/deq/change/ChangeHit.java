package org.deq.change;

import org.deq.raster.PatchMeta;

/**
 * One result of a change query: a stored pair whose change is close to the query's.
 *
 * @param rank     1 for the closest
 * @param before   metadata of the earlier patch
 * @param after    metadata of the later patch
 * @param distance distance between the two change vectors
 */
public record ChangeHit(int rank, PatchMeta before, PatchMeta after, float distance) {
}
