package org.deq.change;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.deq.index.SearchResult;

/**
 * Retrieval quality of change queries: every pair with a known change type queries the others, and precision@k is
 * the share of the k nearest pairs with the same type (pairs of unknown type count as wrong).
 *
 * @param k               results per query
 * @param queries         pairs with a known type (the queries)
 * @param precision       mean precision@k over all queries
 * @param precisionByType mean precision@k over the queries of each type, by type name
 */
public record ChangeEvaluation(int k, int queries, double precision, Map<String, Double> precisionByType) {

    public ChangeEvaluation {
        precisionByType = Collections.unmodifiableMap(new TreeMap<>(precisionByType));
    }

    /** Evaluates {@code index} with {@code truth[i]}, the change type of pair {@code i} or null when unknown. */
    public static ChangeEvaluation of(ChangeIndex index, String[] truth, int k) {
        if (truth.length != index.pairs().size()) {
            throw new IllegalArgumentException("truth for " + truth.length + " pairs, the index has " + index.pairs().size());
        }
        Map<String, double[]> byType = new TreeMap<>(); // type -> {sum of precision, queries}
        double sum = 0;
        int queries = 0;
        for (int q = 0; q < truth.length; q++) {
            if (truth[q] == null) {
                continue;
            }
            SearchResult r = index.nearestPairs(index.vector(q), Math.min(k, truth.length), null, q); // a k past the pairs allocates nothing more
            int same = 0;
            for (int i = 0; i < r.size(); i++) {
                if (truth[q].equals(truth[r.ids()[i]])) {
                    same++;
                }
            }
            double p = same / (double) k;
            sum += p;
            queries++;
            double[] t = byType.computeIfAbsent(truth[q], x -> new double[2]);
            t[0] += p;
            t[1]++;
        }
        Map<String, Double> perType = new TreeMap<>();
        byType.forEach((type, t) -> perType.put(type, t[0] / t[1]));
        return new ChangeEvaluation(k, queries, queries == 0 ? 0 : sum / queries, perType);
    }
}
