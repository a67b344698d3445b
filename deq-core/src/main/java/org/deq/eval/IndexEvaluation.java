package org.deq.eval;

import java.util.Arrays;
import java.util.BitSet;
import org.deq.archive.Archives;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.Index;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;

/** Evaluation of an index store against the labels stored with it: the truth and the exact ranker that the CLI and server share. */
public final class IndexEvaluation {

    private IndexEvaluation() {
    }

    /**
     * Label truth from the stored labels (the store's label columns, ids in order of first appearance): single-label
     * when every patch has at most one label (one without is {@link LabelTruth#NO_CLASS}: relevant to no query, and no query
     * itself), else multi-label.
     */
    public static LabelTruth truthOf(IndexStore store) {
        MetaColumns columns = store.columns();
        int n = store.size();
        if (columns.labelCount() == 0) {
            throw new IllegalArgumentException(store.dir() + ": the index has no labels to evaluate against; " + Archives.HOW_TO_LABEL);
        }
        int[][] labels = new int[n][];
        boolean single = true;
        for (int i = 0; i < n; i++) {
            labels[i] = columns.labelIds(i);
            single &= labels[i].length <= 1; // a patch without labels is no query either way: it must not change the mode
        }
        if (single) {
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labels[i].length == 0 ? LabelTruth.NO_CLASS : labels[i][0];
            }
            return LabelTruth.singleLabel(classes);
        }
        return LabelTruth.multiLabel(labels, columns.labelCount());
    }

    /** An exact ranker over the store's vectors restricted to the database items; truth ordinals are store ordinals. */
    public static Ranker exactRanker(IndexStore store, EvalSets sets, Distance distance) {
        // the exact scan ranks alike at every cut-off, so any k serves
        return ranker(store, sets, FlatIndex.over(store.vectors(), store.config().dimension(), distance, 1), 1);
    }

    /**
     * A ranker searching {@code index} (built over the store's ordinals) restricted to the database items, each query
     * excluded; asked for the whole database, it gives the index's {@link Index#ranking ranking} whose first
     * {@code k} (the evaluation's cut-off) are what a search for k returns.
     */
    public static Ranker ranker(IndexStore store, EvalSets sets, Index index, int k) {
        BitSet allowed = new BitSet(store.size());
        for (int d : sets.database()) {
            allowed.set(d);
        }
        int databaseSize = sets.database().length;
        float[] vectors = store.vectors();
        int dim = store.config().dimension();
        return (q, request) -> {
            float[] query = Arrays.copyOfRange(vectors, q * dim, (q + 1) * dim);
            if (request >= databaseSize) {
                return index.ranking(query, k, allowed, q);
            }
            // the evaluator asks one more for a query in the database, in case a ranker returns it; this one never does,
            // and one more would have a two-stage search re-rank one candidate more than the same search outside an evaluation
            return index.search(query, allowed.get(q) ? request - 1 : request, allowed, q).ids();
        };
    }
}
