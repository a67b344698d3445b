package org.deq.change;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
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
        return build(store, threads, true);
    }

    /**
     * The same pairs represented by their later patch alone: what an ordinary query by example would rank by, the
     * baseline that shows what the change vector adds.
     */
    public static ChangeIndex ofAfterImages(IndexStore store, int threads) {
        return build(store, threads, false);
    }

    /** One row per pair: its change vector, or its later patch's descriptor. */
    private static ChangeIndex build(IndexStore store, int threads, boolean changeVectors) {
        ChangePairs pairs = ChangePairs.of(store.columns());
        int dim = store.config().dimension();
        float[] all = store.vectors();
        float[] vectors = new float[pairs.size() * dim];
        for (int i = 0; i < pairs.size(); i++) {
            int after = pairs.after()[i] * dim;
            if (changeVectors) {
                ChangeVector.into(all, pairs.before()[i] * dim, all, after, dim, vectors, i * dim);
            } else {
                System.arraycopy(all, after, vectors, i * dim, dim);
            }
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
     * all) filters on the later patch; the pair of {@code excludeBefore} and {@code excludeAfter} (the query itself, in
     * either order) is left out.
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
        int self = pairs.indexOf(excludeBefore, excludeAfter);
        if (self < 0) { // the query's two patches stored the other way round: the same images, the opposite change
            self = pairs.indexOf(excludeAfter, excludeBefore);
        }
        // k capped at the pairs there are: a k of 2^31 − 1 asks for all of them, not for arrays of that size
        SearchResult result = nearestPairs(change, Math.min(k, pairs.size()), allowed, self);
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
