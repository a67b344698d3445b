package org.deq.eval;

/**
 * Per-query retrieval metrics as pure functions over packed per-rank arrays (index 0 = rank 1); the exact
 * formulas are in the package documentation. {@code n} is the number of ranked results to score.
 */
public final class RankMetrics {

    private RankMetrics() {
    }

    /** R_n = number of relevant results among the first n. */
    public static int hits(boolean[] rel, int n) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (rel[i]) {
                hits++;
            }
        }
        return hits;
    }

    /** precision@n = R_n / n (0 when n = 0). */
    public static double precision(boolean[] rel, int n) {
        return n == 0 ? 0 : (double) hits(rel, n) / n;
    }

    /** recall@n = R_n / relevantInDatabase (0 when nothing is relevant). */
    public static double recall(boolean[] rel, int n, int relevantInDatabase) {
        return relevantInDatabase == 0 ? 0 : (double) hits(rel, n) / relevantInDatabase;
    }

    /** Σ_{i≤n} P@i·rel_i / normaliser (0 when normaliser = 0): AP@k with normaliser R_k, full AP with R. */
    public static double averagePrecision(boolean[] rel, int n, int normaliser) {
        if (normaliser == 0) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (rel[i]) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / normaliser;
    }

    /** AP@n = (1/R_n) Σ_{i≤n} P@i·rel_i, normalised by the relevant results retrieved. */
    public static double averagePrecisionAtK(boolean[] rel, int n) {
        return averagePrecision(rel, n, hits(rel, n));
    }

    /**
     * nDCG@k = DCG of the first n results / IDCG@k, gain 2^o − 1, discount log2(i+1); the ideal ordering takes
     * the k best of the database, given as {@code overlapCounts[o]} = database items sharing o labels with q.
     */
    public static double ndcg(int[] overlap, int n, int k, int[] overlapCounts) {
        double ideal = 0;
        int rank = 1;
        for (int o = overlapCounts.length - 1; o > 0 && rank <= k; o--) {
            double gain = Math.pow(2, o) - 1;
            for (int c = 0; c < overlapCounts[o] && rank <= k; c++, rank++) {
                ideal += gain / log2(rank + 1);
            }
        }
        if (ideal == 0) {
            return 0;
        }
        double dcg = 0;
        for (int i = 0; i < n; i++) {
            dcg += (Math.pow(2, overlap[i]) - 1) / log2(i + 2);
        }
        return dcg / ideal;
    }

    /** ACG@n = (1/n) Σ_{i≤n} o_i. */
    public static double acg(int[] overlap, int n) {
        if (n == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += overlap[i];
        }
        return (double) sum / n;
    }

    /** WAP@n = (1/R_n) Σ_{i≤n} rel_i·ACG@i (0 when R_n = 0). */
    public static double wap(int[] overlap, boolean[] rel, int n) {
        double sum = 0;
        long cumulative = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            cumulative += overlap[i];
            if (rel[i]) {
                hits++;
                sum += (double) cumulative / (i + 1);
            }
        }
        return hits == 0 ? 0 : sum / hits;
    }

    /** Label precision: mean over the n results of o_i / |L_r_i| (a result without labels scores 0). */
    public static double labelPrecision(int[] overlap, int[] resultSetSize, int n) {
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (resultSetSize[i] > 0) {
                sum += (double) overlap[i] / resultSetSize[i];
            }
        }
        return sum / n;
    }

    /** Label recall: mean over the n results of o_i / |L_q| (0 when the query has no labels). */
    public static double labelRecall(int[] overlap, int querySetSize, int n) {
        if (n == 0 || querySetSize == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += overlap[i];
        }
        return (double) sum / querySetSize / n;
    }

    /** Label accuracy: mean over the n results of o_i / |L_q ∪ L_r_i| (1 for two empty sets, which are equal). */
    public static double labelAccuracy(int[] overlap, int[] resultSetSize, int querySetSize, int n) {
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int union = querySetSize + resultSetSize[i] - overlap[i];
            sum += union == 0 ? 1 : (double) overlap[i] / union;
        }
        return sum / n;
    }

    /** Hamming loss: mean over the n results of |L_q Δ L_r_i| / labelCount. */
    public static double hammingLoss(int[] overlap, int[] resultSetSize, int querySetSize, int labelCount, int n) {
        if (n == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += querySetSize + resultSetSize[i] - 2L * overlap[i];
        }
        return (double) sum / labelCount / n;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
