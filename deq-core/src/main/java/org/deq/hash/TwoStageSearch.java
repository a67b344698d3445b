package org.deq.hash;

import java.util.Arrays;
import java.util.BitSet;

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
        int c = shortlist.size();
        long[] keyed = new long[c];
        for (int i = 0; i < c; i++) {
            int id = shortlist.ids()[i];
            float d = distance.distance(queryDescriptor, 0, descriptors, id * dim, dim);
            keyed[i] = ((long) sortableBits(d) << 32) | id;
        }
        Arrays.sort(keyed);
        int size = Math.min(k, c);
        int[] ids = new int[size];
        float[] dists = new float[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (int) keyed[i];
            dists[i] = fromSortableBits((int) (keyed[i] >> 32));
        }
        return new RankedHits(ids, dists);
    }

    /** An int whose signed order is the float's order (negative floats have their magnitude bits flipped). */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static float fromSortableBits(int bits) {
        return Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7fffffff));
    }
}
