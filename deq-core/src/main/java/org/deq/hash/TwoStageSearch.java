package org.deq.hash;

import java.util.BitSet;
import org.deq.vectors.SortableFloats;

/**
 * Hamming candidates, then exact re-rank: the {@code candidates} codes nearest to the query code are re-ranked by a
 * descriptor distance over the packed descriptors, so speed comes from the codes and precision from the descriptors.
 */
public final class TwoStageSearch {

    private final HammingSearch hamming;
    private final float[] descriptors;
    private final int dim;
    private final DescriptorDistance distance;

    /** Re-ranks {@code hamming}'s candidates over {@code descriptors} (size() × dim, same ids; not copied). */
    public TwoStageSearch(HammingSearch hamming, float[] descriptors, int dim, DescriptorDistance distance) {
        if (dim <= 0 || (long) hamming.size() * dim != descriptors.length) {
            throw new IllegalArgumentException("descriptors have " + descriptors.length + " floats, expected "
                    + hamming.size() + " × dim=" + dim);
        }
        this.hamming = hamming;
        this.descriptors = descriptors;
        this.dim = dim;
        this.distance = distance;
    }

    /**
     * The k nearest by descriptor distance among the {@code candidates} Hamming-nearest codes passing {@code allowed}
     * (null = all); ties by ascending id.
     */
    public RankedHits search(long[] queryCode, float[] queryDescriptor, int k, int candidates, BitSet allowed) {
        if (queryDescriptor.length != dim || k < 0 || candidates < k) {
            throw new IllegalArgumentException("need a descriptor of length " + dim + " and 0 ≤ k ≤ candidates; got length "
                    + queryDescriptor.length + ", k=" + k + ", candidates=" + candidates);
        }
        HammingHits shortlist = hamming.search(queryCode, candidates, allowed);
        int size = Math.min(k, shortlist.size());
        if (size == 0) {
            return new RankedHits(new int[0], new float[0]);
        }
        int[] shortIds = shortlist.ids();
        // first a lower bound of every candidate, from as little as the distance gives it (for L2 and L1, 4
        // dimensions): a tight loop of independent row reads whose cache misses the CPU overlaps; rows are then read in
        // full only when they can still make the top k. A distance that cannot stop early would compute each twice.
        boolean early = distance.stopsEarly();
        float[] lowerBounds = early ? new float[shortIds.length] : null;
        for (int i = 0; early && i < shortIds.length; i++) {
            lowerBounds[i] = distance.distanceAtMost(queryDescriptor, 0, descriptors, shortIds[i] * dim, dim, Float.NEGATIVE_INFINITY);
        }
        // the k best (distance, id) keys so far, ascending; the shortlist comes Hamming-nearest first, so the k-th
        // distance tightens early
        long[] top = new long[size];
        int held = 0;
        for (int i = 0; i < shortIds.length; i++) {
            float limit = held == size ? SortableFloats.value((int) (top[size - 1] >> 32)) : Float.POSITIVE_INFINITY;
            if (early && lowerBounds[i] > limit) {
                continue;
            }
            int id = shortIds[i];
            float d = distance.distanceAtMost(queryDescriptor, 0, descriptors, id * dim, dim, limit);
            long key = ((long) SortableFloats.bits(d) << 32) | id;
            if (held == size) {
                if (key >= top[size - 1]) {
                    continue;
                }
                held--;
            }
            int at = held++;
            for (; at > 0 && top[at - 1] > key; at--) {
                top[at] = top[at - 1];
            }
            top[at] = key;
        }
        int[] ids = new int[size];
        float[] dists = new float[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (int) top[i];
            dists[i] = SortableFloats.value((int) (top[i] >> 32));
        }
        return new RankedHits(ids, dists);
    }
}
