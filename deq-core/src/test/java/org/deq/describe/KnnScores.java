package org.deq.describe;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Retrieval quality of descriptor vectors by exact brute-force k-NN, every item a query, the query excluded.
 *
 * @param labelRecall    mean over queries and results of |Lq ∩ Lr| / |Lq|
 * @param labelPrecision mean over queries and results of |Lq ∩ Lr| / |Lr|
 * @param map            single-label mAP@k, AP = (1/R_k) Σ P@i·rel_i, rel = same class
 */
record KnnScores(double labelRecall, double labelPrecision, double map) {

    /** Distances between descriptor vectors. */
    enum Distance { L2, L1, CHI2, COSINE }

    static KnnScores of(float[][] v, Distance distance, int k, int[] classes, long[] labels, int threads) {
        int n = v.length;
        double[][] perQuery = new double[n][];
        // Distances are symmetric: each pair is computed once into a full matrix (n² floats), then each row ranked.
        float[][] dist = new float[n][n];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = i + 1; j < n; j++) {
                    float d = (float) distance(v[i], v[j], distance);
                    dist[i][j] = d;
                    dist[j][i] = d;
                }
            })).join();
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(q -> perQuery[q] =
                    query(dist[q], q, k, classes, labels))).join();
        } finally {
            pool.shutdown();
        }
        double r = 0;
        double p = 0;
        double ap = 0;
        for (double[] s : perQuery) {
            r += s[0];
            p += s[1];
            ap += s[2];
        }
        return new KnnScores(r / n, p / n, ap / n);
    }

    private static double[] query(float[] row, int q, int k, int[] classes, long[] labels) {
        int n = row.length;
        int[] best = new int[k];
        double[] bestD = new double[k];
        Arrays.fill(bestD, Double.MAX_VALUE);
        for (int j = 0; j < n; j++) {
            if (j == q) {
                continue;
            }
            double d = row[j];
            if (d < bestD[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && bestD[pos - 1] > d) {
                    bestD[pos] = bestD[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestD[pos] = d;
                best[pos] = j;
            }
        }
        int lq = Long.bitCount(labels[q]);
        double recall = 0;
        double precision = 0;
        double apSum = 0;
        int rel = 0;
        for (int i = 0; i < k; i++) {
            int r = best[i];
            int common = Long.bitCount(labels[q] & labels[r]);
            recall += lq == 0 ? 0 : (double) common / lq;
            int lr = Long.bitCount(labels[r]);
            precision += lr == 0 ? 0 : (double) common / lr;
            if (classes[r] == classes[q]) {
                rel++;
                apSum += (double) rel / (i + 1);
            }
        }
        return new double[] {recall / k, precision / k, rel == 0 ? 0 : apSum / rel};
    }

    static double distance(float[] a, float[] b, Distance distance) {
        double s = 0;
        switch (distance) {
            case L2 -> {
                for (int i = 0; i < a.length; i++) {
                    double d = a[i] - b[i];
                    s += d * d;
                }
            }
            case L1 -> {
                for (int i = 0; i < a.length; i++) {
                    s += Math.abs(a[i] - b[i]);
                }
            }
            case CHI2 -> {
                for (int i = 0; i < a.length; i++) {
                    double sum = Math.abs(a[i]) + Math.abs(b[i]);
                    if (sum > 0) {
                        double d = a[i] - b[i];
                        s += d * d / sum;
                    }
                }
            }
            case COSINE -> {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int i = 0; i < a.length; i++) {
                    dot += (double) a[i] * b[i];
                    na += (double) a[i] * a[i];
                    nb += (double) b[i] * b[i];
                }
                s = 1 - dot / Math.sqrt(Math.max(1e-30, na * nb));
            }
        }
        return s;
    }
}
