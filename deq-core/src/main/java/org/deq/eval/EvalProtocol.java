package org.deq.eval;

import java.util.Arrays;
import java.util.Random;
import org.deq.spec.EnumNames;
import org.deq.vectors.Shuffle;

/**
 * Which items are queries and which form the database, with the seeded per-class train/test split behind them.
 * The split is stratified by class (single-label) or by lowest label id (multi-label; ids number the labels in
 * the order they first appear in the archive); the query is always
 * excluded from its own results, and with {@code fullRanking} the ranker returns the whole database so that
 * the full-ranking mAP can be computed.
 */
public record EvalProtocol(Scope queries, Scope database, int trainPercent, long seed, boolean fullRanking) {

    /** A subset of the items: all of them, or one side of the split. */
    public enum Scope {
        /** Every item. */
        ALL,
        /** The train part of the split. */
        TRAIN,
        /** The test part of the split. */
        TEST;

        /** Parses {@code all}, {@code train} or {@code test} (case-insensitive). */
        public static Scope parse(String text) {
            return EnumNames.parse(Scope.class, text, "scope");
        }
    }

    /** Validates the split percentage. */
    public EvalProtocol {
        if (queries == null || database == null) {
            throw new IllegalArgumentException("query and database scopes are required");
        }
        if (trainPercent < 0 || trainPercent > 100) {
            throw new IllegalArgumentException("train percentage must be within 0..100, got " + trainPercent);
        }
    }

    /** Every item queries every other item; k-prefix figures only. */
    public static EvalProtocol allVsAll() {
        return new EvalProtocol(Scope.ALL, Scope.ALL, 100, 0, false);
    }

    /** Parses a CLI split such as {@code 60/40} (train/test percentages summing to 100) into the train percentage. */
    public static int parseSplit(String split) {
        String[] parts = split.trim().split("/");
        try {
            if (parts.length == 2) {
                int train = Integer.parseInt(parts[0].trim());
                int test = Integer.parseInt(parts[1].trim());
                if (train >= 0 && test >= 0 && train + test == 100) {
                    return train;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line message below
        }
        throw new IllegalArgumentException("--split must be TRAIN/TEST percentages summing to 100, e.g. 60/40, got '" + split + "'");
    }

    /** Whether item ordinals fall in the train part: per stratum, a seeded shuffle whose first round(p·n) are train. */
    public boolean[] trainMask(LabelTruth truth) {
        int n = truth.size();
        int[] stratum = new int[n];
        int minStratum = 0;
        int maxStratum = -1;
        for (int item = 0; item < n; item++) {
            stratum[item] = truth.stratum(item);
            minStratum = Math.min(minStratum, stratum[item]);
            maxStratum = Math.max(maxStratum, stratum[item]);
        }
        // bucket items by stratum (counting sort keeps ordinal order inside a stratum, so the shuffle is reproducible)
        int strata = maxStratum - minStratum + 1;
        int[] start = new int[strata + 1];
        for (int item = 0; item < n; item++) {
            start[stratum[item] - minStratum + 1]++;
        }
        for (int s = 0; s < strata; s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[n];
        int[] fill = Arrays.copyOf(start, strata);
        for (int item = 0; item < n; item++) {
            order[fill[stratum[item] - minStratum]++] = item;
        }
        Random random = new Random(seed);
        boolean[] train = new boolean[n];
        for (int s = 0; s < strata; s++) {
            int from = start[s];
            int count = start[s + 1] - from;
            Shuffle.range(order, from, from + count, random);
            int trainCount = (int) Math.round(count * trainPercent / 100.0);
            for (int i = 0; i < trainCount; i++) {
                train[order[from + i]] = true;
            }
        }
        return train;
    }

    /**
     * The query and database ordinals of this protocol on the given truth. Items without a label are never queries
     * (nothing is relevant to them, so they would only pull the figures down) but stay in the database, where they
     * are relevant to no query.
     */
    public EvalSets resolve(LabelTruth truth) {
        boolean splitNeeded = queries != Scope.ALL || database != Scope.ALL;
        boolean[] train = splitNeeded ? trainMask(truth) : null;
        int[] scope = select(queries, train, truth, false);
        int[] q = select(queries, train, truth, true);
        int[] db = select(database, train, truth, false);
        if (q.length == 0) {
            throw new IllegalArgumentException("protocol " + describe() + " selects no query among " + truth.size() + " items"
                    + (scope.length > 0 ? " (the " + scope.length + " in its query scope have no label)" : ""));
        }
        if (db.length == 0) {
            throw new IllegalArgumentException("protocol " + describe() + " selects an empty database among " + truth.size() + " items");
        }
        return new EvalSets(q, db, scope.length - q.length);
    }

    private static int[] select(Scope scope, boolean[] train, LabelTruth truth, boolean labelledOnly) {
        int[] out = new int[truth.size()];
        int count = 0;
        for (int item = 0; item < out.length; item++) {
            if ((scope == Scope.ALL || train[item] == (scope == Scope.TRAIN))
                    && (!labelledOnly || truth.labelSetSize(item) > 0)) {
                out[count++] = item;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** One line, e.g. {@code queries=test database=all split=60/40 seed=1 ranking=top-k}. */
    public String describe() {
        StringBuilder text = new StringBuilder("queries=").append(EnumNames.key(queries))
                .append(" database=").append(EnumNames.key(database));
        if (queries != Scope.ALL || database != Scope.ALL) {
            text.append(" split=").append(trainPercent).append('/').append(100 - trainPercent).append(" seed=").append(seed);
        }
        return text.append(" ranking=").append(fullRanking ? "full" : "top-k").toString();
    }
}
