package org.deq.index;

/**
 * Keeps the k smallest (distance, id) pairs seen so far in a bounded max-heap on primitive arrays.
 *
 * <p>Ties in distance are broken by the smaller id, so the kept set does not depend on the order of offers: a scan
 * split into chunks and merged gives exactly the single-threaded answer.
 */
public final class TopK {

    private final int k;
    private final int[] ids;
    private final float[] dist;
    private int size;

    /** An empty selection of at most {@code k} pairs. */
    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        this.k = k;
        this.ids = new int[k];
        this.dist = new float[k];
    }

    /** Offers one pair; kept only if it is among the k smallest so far. */
    public void offer(int id, float d) {
        if (size < k) {
            int i = size++;
            // sift up: the root holds the worst pair
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(d, id, dist[parent], ids[parent])) {
                    break;
                }
                dist[i] = dist[parent];
                ids[i] = ids[parent];
                i = parent;
            }
            dist[i] = d;
            ids[i] = id;
        } else if (k > 0 && worse(dist[0], ids[0], d, id)) {
            siftDown(d, id, size);
        }
    }

    /**
     * The ranking value a pair must not exceed to be kept: the worst kept one's once k are kept, else infinity. A
     * scan may stop computing a row's distance once a partial sum passes it ({@link Distance#distanceAtMost}).
     */
    public float bound() {
        return size == k && k > 0 ? dist[0] : Float.POSITIVE_INFINITY;
    }

    /** Offers every pair kept by another selection. */
    public void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i], other.dist[i]);
        }
    }

    /** The kept pairs closest first, ranking values turned into true distances by {@code distance}; empties this selection. */
    public SearchResult drain(Distance distance) {
        int n = size;
        // heap sort: repeatedly move the worst pair to the end
        for (int end = n - 1; end > 0; end--) {
            float d = dist[0];
            int id = ids[0];
            float lastD = dist[end];
            int lastId = ids[end];
            dist[end] = d;
            ids[end] = id;
            siftDown(lastD, lastId, end);
        }
        int[] outIds = new int[n];
        float[] outDist = new float[n];
        for (int i = 0; i < n; i++) {
            outIds[i] = ids[i];
            outDist[i] = distance.report(dist[i]);
        }
        size = 0;
        return new SearchResult(outIds, outDist);
    }

    /** Places (d, id) at the root of the heap of {@code n} pairs and sifts it down. */
    private void siftDown(float d, int id, int n) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            int right = child + 1;
            if (right < n && worse(dist[right], ids[right], dist[child], ids[child])) {
                child = right;
            }
            if (!worse(dist[child], ids[child], d, id)) {
                break;
            }
            dist[i] = dist[child];
            ids[i] = ids[child];
            i = child;
        }
        dist[i] = d;
        ids[i] = id;
    }

    private static boolean worse(float d1, int id1, float d2, int id2) {
        return d1 > d2 || (d1 == d2 && id1 > id2);
    }
}
