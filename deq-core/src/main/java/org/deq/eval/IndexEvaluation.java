package org.deq.eval;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.deq.archive.Archives;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.Index;
import org.deq.index.SearchResult;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;
import org.deq.vectors.Shuffle;

/** Evaluation of an index store against the labels stored with it: the truth and the exact ranker that the CLI and server share. */
public final class IndexEvaluation {

    /** Seed of the order of ties ({@link #ranker}): fixed, so that an evaluation gives the same figures every run. */
    private static final long TIE_SEED = 0x7E5L;

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
        return ranker(store, sets, FlatIndex.over(store.vectors(), store.config().dimension(), distance, 1), 1, false);
    }

    /**
     * A ranker searching {@code index} (built over the store's ordinals) restricted to the database items, each query
     * excluded; asked for the whole database, it gives the index's {@link Index#ranking ranking} whose first
     * {@code k} (the evaluation's cut-off) are what a search for k returns.
     *
     * <p>With {@code reorderTies} (a search ranked by code distances, which tie in runs), the items at one distance
     * are put in a seeded pseudo-random order of their own per query rather than the index's archive order: an
     * archive stored class by class would otherwise have every tie broken in favour of the early classes. The runs
     * are taken whole: a search asks for more until the run at the cut-off ends, so the figures are those of a
     * random order of ties, and a query's top k and its full ranking agree.
     */
    public static Ranker ranker(IndexStore store, EvalSets sets, Index index, int k, boolean reorderTies) {
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
                return reorderTies ? inTieOrder(index.search(query, databaseSize, allowed, q), databaseSize, q)
                        : index.ranking(query, k, allowed, q);
            }
            // the evaluator asks one more for a query in the database, in case a ranker returns it; this one never does,
            // and one more would have a two-stage search re-rank one candidate more than the same search outside an evaluation
            int want = allowed.get(q) ? request - 1 : request;
            if (!reorderTies || want == 0) {
                return index.search(query, want, allowed, q).ids();
            }
            int fetch = Math.min(databaseSize, Math.max(2 * want, want + 64)); // most runs at the cut-off end within
            SearchResult found = index.search(query, fetch, allowed, q);
            while (found.size() == fetch && fetch < databaseSize && found.distances()[fetch - 1] == found.distances()[want - 1]) {
                fetch = (int) Math.min(databaseSize, 2L * fetch);
                found = index.search(query, fetch, allowed, q);
            }
            return inTieOrder(found, want, q);
        };
    }

    /** The first {@code want} of {@code found} with each run of equal distances in the seeded order of {@code query}. */
    private static int[] inTieOrder(SearchResult found, int want, int query) {
        int[] ids = found.ids().clone();
        float[] d = found.distances();
        int n = Math.min(want, ids.length);
        Random rnd = new Random(TIE_SEED + query);
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < ids.length && d[end] == d[start]) {
                end++;
            }
            Arrays.sort(ids, start, end); // the same run gives the same order however the index listed it
            Shuffle.range(ids, start, end, rnd);
            start = end;
        }
        return Arrays.copyOf(ids, n);
    }
}
