package org.deq.hash;

import java.util.Arrays;

/**
 * Throwaway measurement, not a test: ms/query of HammingScan vs MultiIndexHashing vs two-stage on LSH codes of
 * clustered synthetic descriptors, with recall@10 against exact L2. Args: n [bits] [queries].
 */
public final class HammingSearchBench {

    private HammingSearchBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int bits = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int nq = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int dim = 32;
        int k = 10;
        float[] all = Synthetic.clustered(n + nq, dim, 2000, 1);
        float[] db = Arrays.copyOf(all, n * dim);
        float[] queries = Arrays.copyOfRange(all, n * dim, (n + nq) * dim);
        long t0 = System.nanoTime();
        int trainN = Math.min(n, 100_000);
        RandomHyperplaneLsh lsh = RandomHyperplaneLsh.train(Arrays.copyOf(db, trainN * dim), trainN, dim, bits, 2);
        long[] codes = lsh.encodeAll(db, n);
        long[] qcodes = lsh.encodeAll(queries, nq);
        System.out.printf("encode %d × %d-dim → %d bits: %.1f s%n", n, dim, bits, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        HammingScan scan = new HammingScan(codes, n, bits);
        MultiIndexHashing mih = new MultiIndexHashing(codes, n, bits);
        System.out.printf("MIH build (%d substrings): %.2f s%n", MultiIndexHashing.suggestedSubstrings(n, bits), (System.nanoTime() - t0) / 1e9);
        TwoStageSearch twoStage = new TwoStageSearch(mih, db, dim, Synthetic.SQUARED_L2);
        int words = Codes.words(bits);
        int[][] exact = new int[nq][];
        double[] exactMs = new double[nq];
        for (int q = 0; q < nq; q++) {
            long s = System.nanoTime();
            exact[q] = Synthetic.exactKnn(db, n, dim, Synthetic.row(queries, q, dim), k);
            exactMs[q] = (System.nanoTime() - s) / 1e6;
        }
        report("exact L2 sort (reference)", exactMs, 1.0);
        for (int round = 0; round < 2; round++) {
            double[] scanMs = new double[nq];
            double[] mihMs = new double[nq];
            double[] ts100 = new double[nq];
            double[] ts1000 = new double[nq];
            double scanRecall = 0;
            double r100 = 0;
            double r1000 = 0;
            for (int q = 0; q < nq; q++) {
                long[] qc = Synthetic.row(qcodes, q, words);
                float[] qd = Synthetic.row(queries, q, dim);
                long s = System.nanoTime();
                HammingHits a = scan.search(qc, k, null);
                scanMs[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                HammingHits b = mih.search(qc, k, null);
                mihMs[q] = (System.nanoTime() - s) / 1e6;
                if (!Arrays.equals(a.distances(), b.distances())) {
                    throw new AssertionError("MIH differs from scan at query " + q);
                }
                scanRecall += overlap(a.ids(), exact[q]) / (double) k;
                s = System.nanoTime();
                RankedHits c = twoStage.search(qc, qd, k, 100, null);
                ts100[q] = (System.nanoTime() - s) / 1e6;
                r100 += overlap(c.ids(), exact[q]) / (double) k;
                s = System.nanoTime();
                RankedHits d = twoStage.search(qc, qd, k, 1000, null);
                ts1000[q] = (System.nanoTime() - s) / 1e6;
                r1000 += overlap(d.ids(), exact[q]) / (double) k;
            }
            if (round == 1) {
                System.out.printf("n=%d bits=%d k=%d queries=%d (round 2 of 2, after warm-up)%n", n, bits, k, nq);
                report("Hamming flat scan", scanMs, scanRecall / nq);
                report("multi-index hashing (same distances as scan)", mihMs, scanRecall / nq);
                report("two-stage MIH c=100 + L2 re-rank", ts100, r100 / nq);
                report("two-stage MIH c=1000 + L2 re-rank", ts1000, r1000 / nq);
            }
        }
    }

    private static int overlap(int[] a, int[] b) {
        int c = 0;
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    c++;
                }
            }
        }
        return c;
    }

    private static void report(String name, double[] ms, double recall) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ms).average().orElse(0);
        System.out.printf("  %-46s p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  recall@10 vs exact L2 %.3f%n", name,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], mean, recall);
    }
}
