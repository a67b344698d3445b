package org.deq.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.deq.archive.Archives;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.Index;
import org.deq.index.SearchResult;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;

/**
 * Labels of a patch predicted from its nearest neighbours in a labelled index: each of the k nearest stored patches
 * votes for its labels with weight 1 / distance (or 1 each), and a label's score is its share of the votes, in [0, 1].
 * Labels scoring above a threshold are predicted, and always at least the best one. The query never votes for itself:
 * neither its own stored item nor any stored copy of it (at distance 0, such as a picture UC Merced holds twice) is a
 * neighbour ({@link #neighbours}). Works on descriptors of the index's dimension; pure and deterministic (exact search,
 * ties broken by label id).
 */
public final class LabelPrediction {

    /** Score above which a label is predicted, by default. */
    public static final float THRESHOLD = 0.5f;

    /** Neighbours that vote, by default. */
    public static final int K = 10;

    // keeps a neighbour at distance 0 (a duplicate picture) from taking all the weight as 1/0
    private static final float EPSILON = 1e-6f;

    /** How a neighbour's vote is weighted. */
    public enum Weighting {
        /** 1 / distance: nearer neighbours count more. */
        INVERSE_DISTANCE,
        /** 1 each: a plain majority vote. */
        UNIFORM
    }

    /**
     * The predicted labels of one query.
     *
     * @param scores    per label id, its share of the votes in [0, 1]
     * @param predicted label ids scoring above the threshold, best first (never empty)
     * @param weight    the votes' total weight (the sum of 1/distance, or the number of voters), which tells how
     *                  closely the archive matches the query: what weighs overlapping windows in a land-cover map
     */
    public record Prediction(float[] scores, int[] predicted, double weight) {

        /** The label with the highest score. */
        public int best() {
            return predicted[0];
        }

        /** The predicted labels with their names and scores, best first. */
        public List<LabelScore> labels(List<String> names) {
            List<LabelScore> out = new ArrayList<>(predicted.length);
            for (int id : predicted) {
                out.add(new LabelScore(names.get(id), scores[id]));
            }
            return out;
        }
    }

    /**
     * The neighbours that vote for a query.
     *
     * @param nearest the k nearest voters, the query's own item and its stored copies left out
     * @param copies  the stored copies of the query left out (items at distance 0, nearest first), none when
     *                nothing else could vote
     */
    public record Neighbours(SearchResult nearest, int[] copies) {
    }

    /**
     * One predicted label.
     *
     * @param label the label's name as the index stores it
     * @param score its share of the neighbours' votes, in [0, 1]
     */
    public record LabelScore(String label, float score) {
    }

    private final Index index;
    private final float[] vectors;
    private final int dim;
    private final List<String> labelNames;
    // the label ids of ordinal i are labelIds[labelStart[i] .. labelStart[i + 1]): one pass of primitives per neighbour
    private final int[] labelStart;
    private final int[] labelIds;
    private final boolean multiLabel;
    // the items with at least one label, or null when all have: an unlabelled neighbour has no vote to give, and
    // counting its weight would only dilute the others'
    private final BitSet labelled;

    private LabelPrediction(float[] vectors, int dim, Distance distance, List<String> labelNames, int[][] labels) {
        this.index = FlatIndex.over(vectors, dim, distance, 1);
        if (labels.length != index.size()) {
            throw new IllegalArgumentException("labels for " + labels.length + " items but " + index.size() + " vectors");
        }
        this.vectors = vectors;
        this.dim = dim;
        this.labelNames = List.copyOf(labelNames);
        this.labelStart = new int[labels.length + 1];
        int total = 0;
        for (int i = 0; i < labels.length; i++) {
            total += labels[i].length;
            labelStart[i + 1] = total;
        }
        this.labelIds = new int[total];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels[i].length; j++) {
                int id = labels[i][j];
                if (id < 0 || id >= labelNames.size()) {
                    throw new IllegalArgumentException("item " + i + ": label id " + id + " outside 0.." + (labelNames.size() - 1));
                }
                labelIds[labelStart[i] + j] = id;
            }
        }
        boolean several = false;
        for (int[] own : labels) {
            several |= own.length > 1;
        }
        this.multiLabel = several;
        BitSet withLabels = new BitSet(labels.length);
        for (int i = 0; i < labels.length; i++) {
            withLabels.set(i, labels[i].length > 0);
        }
        this.labelled = withLabels.cardinality() == labels.length ? null : withLabels;
    }

    /**
     * Prediction over packed vectors ({@code labels.length × dim} floats) ranked exactly by {@code distance};
     * {@code labels[i]} are item i's label ids into {@code labelNames}.
     */
    public static LabelPrediction over(float[] vectors, int dim, Distance distance, List<String> labelNames, int[][] labels) {
        return new LabelPrediction(vectors, dim, distance, labelNames, labels);
    }

    /** Prediction over an open index store by its own distance; an index without labels is a one-line error. */
    public static LabelPrediction of(IndexStore store) {
        MetaColumns columns = store.columns();
        if (columns.labelCount() == 0) {
            throw new IllegalArgumentException(store.dir() + ": the index has no labels to predict from; " + Archives.HOW_TO_LABEL);
        }
        List<String> names = new ArrayList<>(columns.labelCount());
        for (int id = 0; id < columns.labelCount(); id++) {
            names.add(columns.labelName(id));
        }
        int[][] labels = new int[store.size()][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = columns.labelIds(i);
        }
        return over(store.vectors(), store.config().dimension(), store.config().distance(), names, labels);
    }

    /** The label names; label ids index this list. */
    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * Whether some item carries several labels; otherwise the labels are classes that exclude each other (scene
     * classes such as UC Merced's folders), and only the best can score above 0.5.
     */
    public boolean multiLabel() {
        return multiLabel;
    }

    /** Number of stored items (ordinals 0..size-1). */
    public int size() {
        return index.size();
    }

    /** Length of the descriptors. */
    public int dimension() {
        return dim;
    }

    /** The stored descriptor of an item (a copy). */
    public float[] vector(int ordinal) {
        return Arrays.copyOfRange(vectors, ordinal * dim, (ordinal + 1) * dim);
    }

    /** The label ids of a stored item (a new array). */
    public int[] labelsOf(int ordinal) {
        return Arrays.copyOfRange(labelIds, labelStart[ordinal], labelStart[ordinal + 1]);
    }

    /**
     * The items of {@code allowed} that can vote, those with labels, for {@link #neighbours}: a new set, or {@code null}
     * (every labelled item) when {@code allowed} is null. Computed once for the many searches of an evaluation or a map.
     */
    public BitSet voters(BitSet allowed) {
        if (allowed == null || labelled == null) {
            return allowed;
        }
        BitSet voters = (BitSet) labelled.clone();
        voters.and(allowed);
        return voters;
    }

    /**
     * The k nearest of {@code voters} to {@code query}, never {@code exclude} (the query's own item; -1: none) nor a stored
     * copy of the query (at distance 0), which would set the scores alone at weight 1/1e-6 and inflate a
     * leave-one-out score; the copies vote only when no other item can. {@code voters} comes from {@link #voters}
     * ({@code null}: every labelled item), so that an unlabelled item never takes a neighbour's place.
     */
    public Neighbours neighbours(float[] query, int k, BitSet voters, int exclude) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        BitSet searched = voters != null ? voters : labelled;
        long asked = (long) k + 1; // one more, for the common case of one copy (an example file the index holds)
        while (true) {
            // a huge k asks for every item, not 2^31
            SearchResult nn = index.search(query, (int) Math.min(asked, index.size()), searched, exclude);
            int copies = 0;
            while (copies < nn.size() && nn.distances()[copies] == 0) {
                copies++;
            }
            if (nn.size() < asked || nn.size() - copies >= k) { // every searchable item seen, or k beyond the copies
                copies = copies == nn.size() ? 0 : copies;
                return new Neighbours(slice(nn, copies, k), Arrays.copyOf(nn.ids(), copies));
            }
            asked = copies < nn.size() ? (long) k + copies : 2 * asked; // all copies found, or maybe more of them
        }
    }

    /** At most {@code k} hits of {@code nn} from its {@code from}-th on. */
    private static SearchResult slice(SearchResult nn, int from, int k) {
        int to = (int) Math.min(nn.size(), (long) from + k);
        return new SearchResult(Arrays.copyOfRange(nn.ids(), from, to), Arrays.copyOfRange(nn.distances(), from, to));
    }

    /** A note naming the stored copies of the query that {@code nn} left out of its vote, for {@code deq caption}, else null. */
    public static String copiesNote(Neighbours nn, IndexStore store) throws IOException {
        int n = nn.copies().length;
        return n == 0 ? null : n + (n == 1 ? " stored copy" : " stored copies") + " of the query at distance 0 ("
                + store.meta(nn.copies()[0]).id() + (n > 1 ? ", ..." : "") + ") left out of the vote";
    }

    /** Number of stored items without any label, which never vote. */
    public int unlabelled() {
        return labelled == null ? 0 : size() - labelled.cardinality();
    }

    /**
     * Items that can vote for a query: those of {@code voters} ({@link #voters}; null: every labelled item), less
     * {@code exclude} (the query itself; -1: none) when it is one of them.
     */
    public int voterCount(BitSet voters, int exclude) {
        BitSet can = voters != null ? voters : labelled;
        int n = can == null ? size() : can.cardinality();
        boolean excluded = exclude >= 0 && (can == null ? exclude < size() : can.get(exclude));
        return excluded ? n - 1 : n;
    }

    /**
     * A note when {@code k} exceeds the {@code voters} items that can vote for a query ({@link #voterCount}), else null,
     * worded as deq eval's note of a k beyond the database: then every one of them votes, and the many far ones, however
     * lightly weighted, pull the scores towards the index's commonest labels.
     */
    public static String kNote(int k, int voters) {
        return k <= voters ? null : "k " + k + " exceeds the " + voters + " labelled patches that can vote besides the query:"
                + " all " + voters + " vote (k = " + voters + "), and the many far ones pull the scores towards the index's"
                + " commonest labels";
    }

    /** A note when some stored items have no labels (they never vote), else null. */
    public String unlabelledNote() {
        return unlabelled() == 0 ? null : unlabelled() + " of the index's " + size() + " patches have no labels and never vote";
    }

    /**
     * The labels voted by the first {@code k} of {@code nn} (so one search with the largest k serves smaller ones). No
     * neighbour at all (an empty allowed set) is an error.
     */
    public Prediction vote(SearchResult nn, int k, float threshold, Weighting weighting) {
        int n = Math.min(k, nn.size());
        if (n == 0) {
            throw new IllegalArgumentException("no labelled neighbour to vote: the searched set is empty");
        }
        int[] ids = nn.ids();
        float[] distances = nn.distances();
        float[] scores = new float[labelNames.size()];
        double total = 0;
        for (int i = 0; i < n; i++) {
            float w = weighting == Weighting.UNIFORM ? 1f : 1f / (distances[i] + EPSILON);
            int item = ids[i];
            for (int p = labelStart[item]; p < labelStart[item + 1]; p++) {
                scores[labelIds[p]] += w;
            }
            total += w;
        }
        float inverse = (float) (1 / total);
        for (int l = 0; l < scores.length; l++) {
            scores[l] *= inverse;
        }
        return threshold(scores, threshold, total);
    }

    /**
     * The prediction of per-label scores: the labels above {@code threshold}, best first, and at least the best one;
     * {@code weight} is the votes' total weight.
     */
    public static Prediction threshold(float[] scores, float threshold, double weight) {
        int best = 0;
        int above = 0;
        for (int l = 0; l < scores.length; l++) {
            if (scores[l] > scores[best]) {
                best = l;
            }
            if (scores[l] > threshold) {
                above++;
            }
        }
        int[] predicted = new int[Math.max(1, above)];
        if (above == 0) {
            predicted[0] = best;
            return new Prediction(scores, predicted, weight);
        }
        int n = 0;
        for (int l = 0; l < scores.length; l++) {
            if (scores[l] > threshold) {
                // insertion by descending score; equal scores keep ascending label id
                int p = n++;
                while (p > 0 && scores[predicted[p - 1]] < scores[l]) {
                    predicted[p] = predicted[p - 1];
                    p--;
                }
                predicted[p] = l;
            }
        }
        return new Prediction(scores, predicted, weight);
    }
}
