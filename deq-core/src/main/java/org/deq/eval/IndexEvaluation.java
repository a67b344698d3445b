package org.deq.eval;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.Index;
import org.deq.store.IndexStore;

/** Evaluation of an index store against the labels stored with it: the truth and the exact ranker that the CLI and server share. */
public final class IndexEvaluation {

    private IndexEvaluation() {
    }

    /** Label truth from the stored labels: single-label when every patch has exactly one label, else multi-label. */
    public static LabelTruth truthOf(IndexStore store) throws IOException {
        int n = store.size();
        Map<String, Integer> ids = new HashMap<>();
        int[][] labels = new int[n][];
        boolean single = true;
        for (int i = 0; i < n; i++) {
            List<String> names = store.meta(i).labels();
            labels[i] = new int[names.size()];
            for (int j = 0; j < names.size(); j++) {
                labels[i][j] = ids.computeIfAbsent(names.get(j), x -> ids.size());
            }
            single &= names.size() == 1;
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(store.dir() + ": the index has no labels to evaluate against (index with --labels)");
        }
        if (single) {
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labels[i][0];
            }
            return LabelTruth.singleLabel(classes);
        }
        return LabelTruth.multiLabel(labels, ids.size());
    }

    /** An exact ranker over the store's vectors restricted to the database items; truth ordinals are store ordinals. */
    public static Ranker exactRanker(IndexStore store, EvalSets sets, Distance distance) {
        return ranker(store, sets, FlatIndex.over(store.vectors(), store.config().dimension(), distance, 1));
    }

    /** A ranker searching {@code index} (built over the store's ordinals) restricted to the database items, each query excluded. */
    public static Ranker ranker(IndexStore store, EvalSets sets, Index index) {
        BitSet allowed = new BitSet(store.size());
        for (int d : sets.database()) {
            allowed.set(d);
        }
        float[] vectors = store.vectors();
        int dim = store.config().dimension();
        return (q, k) -> index.search(Arrays.copyOfRange(vectors, q * dim, (q + 1) * dim), k, allowed, q).ids();
    }
}
