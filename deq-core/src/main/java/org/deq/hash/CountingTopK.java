package org.deq.hash;

/**
 * Top-k selection over small integer distances by counting: a histogram pass fixes the k-th smallest distance (the
 * cut) and where each distance's hits start; a second pass {@link #offer}s every item in id order, so ties at the cut
 * come out by ascending id. No heap, no sorting.
 */
final class CountingTopK {

    private final int cut;
    private final int size;
    private final int[] next;
    private final int[] ids;
    private final int[] dists;

    /** Prepares the selection of the k nearest from {@code histogram[d]} = number of items at distance d. */
    CountingTopK(int[] histogram, int k) {
        next = new int[histogram.length + 1];
        int total = 0;
        int d = 0;
        int last = -1;
        for (; d < histogram.length && total < k; d++) {
            next[d] = total;
            total += histogram[d];
            last = d;
        }
        cut = last;
        size = Math.min(k, total);
        ids = new int[size];
        dists = new int[size];
    }

    /** True when no item will be kept (k = 0 or nothing counted). */
    boolean isEmpty() {
        return size == 0;
    }

    /** Keeps item {@code i} at distance {@code d} when it is below the cut, or at the cut while room is left. */
    void offer(int i, int d) {
        if (d < cut || (d == cut && next[cut] < size)) {
            int at = next[d]++;
            ids[at] = i;
            dists[at] = d;
        }
    }

    /** The kept items, nearest first. */
    HammingHits hits() {
        return new HammingHits(ids, dists);
    }
}
