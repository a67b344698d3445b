package org.deq.hash;

import java.util.BitSet;

/**
 * Ranks images by a multi-code matching distance: over the union of the query's and the image's primitive clusters,
 * the Hamming distance between their codes of a shared cluster, or a penalty for a cluster only one side has.
 * Penalising both sides keeps the distance symmetric, so an image with extra primitives is not as near as an
 * identical one. Top-k by counting, as distances are small integers.
 */
public final class MultiCodeSearch {

    private final MultiCodes database;
    private final int missingPenalty;
    private final int maxCodesPerImage;

    /**
     * Searches {@code database}; {@code missingPenalty} is the cost of each cluster only one side has: a query cluster
     * the image lacks or an image cluster the query lacks.
     */
    public MultiCodeSearch(MultiCodes database, int missingPenalty) {
        if (missingPenalty < 0 || missingPenalty > database.bits()) {
            throw new IllegalArgumentException("missing-cluster penalty must be in 0.." + database.bits() + ", got " + missingPenalty);
        }
        this.database = database;
        this.missingPenalty = missingPenalty;
        int max = 0;
        for (int i = 0; i < database.images(); i++) {
            max = Math.max(max, database.imageStart()[i + 1] - database.imageStart()[i]);
        }
        this.maxCodesPerImage = max;
    }

    /** Penalty bits/2: what an unrelated code would cost on average. */
    public MultiCodeSearch(MultiCodes database) {
        this(database, database.bits() / 2);
    }

    /** The k database images nearest to image {@code image} of {@code query} (same encoder), nearest first. */
    public HammingHits search(MultiCodes query, int image, int k, BitSet allowed) {
        if (query.bits() != database.bits() || image < 0 || image >= query.images() || k < 0) {
            throw new IllegalArgumentException("query must be image 0.." + (query.images() - 1) + " of " + database.bits()
                    + "-bit multi-codes with k ≥ 0; got image " + image + ", " + query.bits() + " bits, k=" + k);
        }
        int n = database.images();
        int qFrom = query.imageStart()[image];
        int qTo = query.imageStart()[image + 1];
        int maxDistance = (qTo - qFrom + maxCodesPerImage) * database.bits();
        int[] distance = new int[n];
        int[] histogram = new int[maxDistance + 1];
        for (int i = 0; i < n; i++) {
            if (allowed == null || allowed.get(i)) {
                distance[i] = matching(query, qFrom, qTo, i);
                histogram[distance[i]]++;
            }
        }
        CountingTopK top = new CountingTopK(histogram, k);
        for (int i = 0; i < n; i++) {
            if (allowed == null || allowed.get(i)) {
                top.offer(i, distance[i]);
            }
        }
        return top.hits();
    }

    /** Matching distance between query entries [qFrom, qTo) and database image i, merging the cluster-sorted lists. */
    private int matching(MultiCodes query, int qFrom, int qTo, int i) {
        int words = database.words();
        int[] dbCluster = database.cluster();
        int[] qCluster = query.cluster();
        int e = database.imageStart()[i];
        int end = database.imageStart()[i + 1];
        int q = qFrom;
        int sum = 0;
        while (q < qTo || e < end) {
            if (e == end || (q < qTo && qCluster[q] < dbCluster[e])) {
                sum += missingPenalty;
                q++;
            } else if (q == qTo || dbCluster[e] < qCluster[q]) {
                sum += missingPenalty;
                e++;
            } else {
                sum += Codes.distance(query.codes(), q * words, database.codes(), e * words, words);
                q++;
                e++;
            }
        }
        return sum;
    }
}
