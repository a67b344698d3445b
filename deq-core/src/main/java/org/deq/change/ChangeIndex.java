package org.deq.change;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.SearchResult;
import org.deq.store.IndexStore;

/**
 * Exact k-NN over the change vectors of an index's bi-temporal pairs. Built from the committed store in one pass
 * over its descriptor vectors (no extra ingest); it sees the store as it was when built.
 */
public final class ChangeIndex {

    private final IndexStore store;
    private final ChangePairs pairs;
    private final float[] vectors;
    private final int dim;
    private final FlatIndex index;

    private ChangeIndex(IndexStore store, ChangePairs pairs, float[] vectors, int dim, FlatIndex index) {
        this.store = store;
        this.pairs = pairs;
        this.vectors = vectors;
        this.dim = dim;
        this.index = index;
    }

    /** The change index of every pair in {@code store}, ranked by the store's distance. */
    public static ChangeIndex of(IndexStore store, int threads) {
        ChangePairs pairs = ChangePairs.of(store.columns());
        int dim = store.config().dimension();
        float[] vectors = new float[pairs.size() * dim];
        float[] all = store.vectors();
        for (int i = 0; i < pairs.size(); i++) {
            ChangeVector.into(all, pairs.before()[i] * dim, all, pairs.after()[i] * dim, dim, vectors, i * dim);
        }
        Distance distance = store.config().distance();
        return new ChangeIndex(store, pairs, vectors, dim, FlatIndex.over(vectors, dim, distance, threads));
    }

    /**
     * The same pairs represented by their later patch alone: what an ordinary query by example would rank by, the
     * baseline that shows what the change vector adds.
     */
    public static ChangeIndex ofAfterImages(IndexStore store, int threads) {
        ChangePairs pairs = ChangePairs.of(store.columns());
        int dim = store.config().dimension();
        float[] vectors = new float[pairs.size() * dim];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(store.vectors(), pairs.after()[i] * dim, vectors, i * dim, dim);
        }
        return new ChangeIndex(store, pairs, vectors, dim, FlatIndex.over(vectors, dim, store.config().distance(), threads));
    }

    /** The pairs indexed. */
    public ChangePairs pairs() {
        return pairs;
    }

    /** The change vector of pair {@code i} (a copy). */
    public float[] vector(int i) {
        return Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
    }

    /**
     * The k pairs whose change vector is closest to {@code change}. {@code allowedAfter} (store ordinals, null for
     * all) filters on the later patch; the pair {@code excludeBefore → excludeAfter} (the query itself) is left out.
     */
    public List<ChangeHit> search(float[] change, int k, BitSet allowedAfter, int excludeBefore, int excludeAfter)
            throws IOException {
        BitSet allowed = null;
        if (allowedAfter != null) {
            allowed = new BitSet(pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                if (allowedAfter.get(pairs.after()[i])) {
                    allowed.set(i);
                }
            }
        }
        SearchResult result = nearestPairs(change, k, allowed, pairs.indexOf(excludeBefore, excludeAfter));
        List<ChangeHit> hits = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            int p = result.ids()[i];
            hits.add(new ChangeHit(i + 1, store.meta(pairs.before()[p]), store.meta(pairs.after()[p]),
                    result.distances()[i]));
        }
        return hits;
    }

    /** The k pairs (as pair indexes) closest to {@code change}, among {@code allowedPairs} (null for all), minus one. */
    public SearchResult nearestPairs(float[] change, int k, BitSet allowedPairs, int excludePair) {
        return index.search(change, k, allowedPairs, excludePair);
    }
}
