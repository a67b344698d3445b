package org.deq.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.deq.concurrent.Workers;

/** Runs every query of a protocol through a {@link Ranker} on several threads and averages the metrics into an {@link EvalReport}. */
public final class RetrievalEvaluator {

    private static final int MAP_K = 0;
    private static final int PRECISION_K = 1;
    private static final int RECALL_K = 2;
    private static final int MAP_FULL = 3;
    private static final int NDCG_K = 4;
    private static final int ACG_K = 5;
    private static final int WAP_K = 6;
    private static final int LABEL_PRECISION_K = 7;
    private static final int LABEL_RECALL_K = 8;
    private static final int LABEL_ACCURACY_K = 9;
    private static final int HAMMING_K = 10;
    // not averaged: the places scored (n) and whether the database holds no item relevant to the query
    private static final int CUTOFF = 11;
    private static final int NONE_RELEVANT = 12;
    private static final int FIGURES = 13;

    private final int threads;

    /** An evaluator using every available core. */
    public RetrievalEvaluator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** An evaluator using the given number of threads (at least 1). */
    public RetrievalEvaluator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** {@link #evaluate(EvalProtocol, LabelTruth, Ranker, int, IntConsumer)} without progress reports. */
    public EvalReport evaluate(EvalProtocol protocol, LabelTruth truth, Ranker ranker, int k) {
        return evaluate(protocol, truth, ranker, k, done -> { });
    }

    /**
     * Evaluates {@code ranker} at cut-off {@code k}. The ranker is asked for k results (one more when the query
     * is in the database, since it is removed), or for the whole database when the protocol wants the full
     * ranking. {@code progress} receives the number of queries done so far, from worker threads.
     *
     * @throws IllegalArgumentException on k &lt; 1 or a protocol selecting no query/database
     * @throws IllegalStateException when the ranker returns an item outside the database or a short full ranking
     */
    public EvalReport evaluate(EvalProtocol protocol, LabelTruth truth, Ranker ranker, int k, IntConsumer progress) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        EvalSets sets = protocol.resolve(truth);
        int[] queries = sets.queries();
        int[] database = sets.database();
        boolean[] inDatabase = new boolean[truth.size()];
        for (int item : database) {
            inDatabase[item] = true;
        }
        double[][] scores = new double[FIGURES][queries.length];
        long[] rankNanos = new long[queries.length];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int workers = Math.min(threads, queries.length);
        ExecutorService pool = Workers.pool(workers, "deq-evaluation");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    QueryScorer scorer = new QueryScorer(truth, database, inDatabase, protocol.fullRanking(), k);
                    for (int j = next.getAndIncrement(); j < queries.length; j = next.getAndIncrement()) {
                        rankNanos[j] = scorer.score(queries[j], ranker, scores, j);
                        progress.accept(done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw Workers.unwrap(e, "evaluation", RuntimeException.class);
        } finally {
            pool.shutdownNow();
        }
        boolean multi = truth.isMultiLabel();
        long totalNanos = 0;
        for (long nanos : rankNanos) {
            totalNanos += nanos;
        }
        return new EvalReport(protocol.describe(), truth.hasClasses() ? "same-class" : "shared-label",
                queries.length, database.length, k,
                mean(scores[MAP_K]), mean(scores[PRECISION_K]), mean(scores[RECALL_K]),
                protocol.fullRanking() ? mean(scores[MAP_FULL]) : Double.NaN,
                mean(scores[NDCG_K]), totalNanos / 1e6 / queries.length, multi,
                multi ? mean(scores[ACG_K]) : Double.NaN,
                multi ? mean(scores[WAP_K]) : Double.NaN,
                multi ? mean(scores[LABEL_PRECISION_K]) : Double.NaN,
                multi ? mean(scores[LABEL_RECALL_K]) : Double.NaN,
                multi ? mean(scores[LABEL_ACCURACY_K]) : Double.NaN,
                multi ? mean(scores[HAMMING_K]) : Double.NaN,
                (int) Arrays.stream(scores[NONE_RELEVANT]).sum(), (int) Arrays.stream(scores[CUTOFF]).max().orElse(k));
    }

    // summed in query order, so the figures do not depend on which thread scored which query
    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** One worker's reusable per-rank buffers and the scoring of one query. */
    private static final class QueryScorer {
        private final LabelTruth truth;
        private final int[] database;
        private final boolean[] inDatabase;
        private final boolean full;
        private final int k;
        private final boolean[] rel;
        private final int[] overlap;
        private final int[] resultSetSize;

        QueryScorer(LabelTruth truth, int[] database, boolean[] inDatabase, boolean full, int k) {
            this.truth = truth;
            this.database = database;
            this.inDatabase = inDatabase;
            this.full = full;
            this.k = k;
            int capacity = full ? database.length : Math.min(k, database.length);
            this.rel = new boolean[capacity];
            this.overlap = new int[capacity];
            this.resultSetSize = new int[capacity];
        }

        /** Scores query q into column j of scores; returns the nanoseconds the ranker took. */
        long score(int q, Ranker ranker, double[][] scores, int j) {
            int others = database.length - (inDatabase[q] ? 1 : 0);
            int request = full ? database.length : Math.min(k + (inDatabase[q] ? 1 : 0), database.length);
            long start = System.nanoTime();
            int[] ranked = ranker.rank(q, request);
            long nanos = System.nanoTime() - start;

            int m = 0;
            for (int r : ranked) {
                if (r == q) {
                    continue;
                }
                if (r < 0 || r >= inDatabase.length || !inDatabase[r]) {
                    throw new IllegalStateException("ranker returned item " + r + " for query " + q + ", which is not in the database");
                }
                if (m == rel.length) {
                    break;
                }
                rel[m] = truth.relevant(q, r);
                overlap[m] = truth.overlap(q, r);
                resultSetSize[m] = truth.labelSetSize(r);
                m++;
            }
            if (full && m != others) {
                throw new IllegalStateException("full ranking for query " + q + " holds " + m + " of the " + others + " database items");
            }

            int querySize = truth.labelSetSize(q);
            int[] overlapCounts = new int[querySize + 1];
            int relevantInDatabase = 0;
            for (int r : database) {
                if (r != q) {
                    overlapCounts[truth.overlap(q, r)]++;
                    if (truth.relevant(q, r)) {
                        relevantInDatabase++;
                    }
                }
            }

            // the cutoff is k (or the whole database when smaller): a method that returns fewer, such as a hash-table
            // probe, gets its missing places counted as results without relevance or labels, not a shorter list scored
            int n = Math.min(k, others);
            for (int i = m; i < n; i++) {
                rel[i] = false;
                overlap[i] = 0;
                resultSetSize[i] = 0;
            }
            scores[MAP_K][j] = RankMetrics.averagePrecisionAtK(rel, n);
            scores[PRECISION_K][j] = RankMetrics.precision(rel, n);
            scores[RECALL_K][j] = RankMetrics.recall(rel, n, relevantInDatabase);
            scores[MAP_FULL][j] = full ? RankMetrics.averagePrecision(rel, m, relevantInDatabase) : Double.NaN;
            scores[NDCG_K][j] = RankMetrics.ndcg(overlap, n, k, overlapCounts);
            scores[ACG_K][j] = RankMetrics.acg(overlap, n);
            scores[WAP_K][j] = RankMetrics.wap(overlap, rel, n);
            scores[LABEL_PRECISION_K][j] = RankMetrics.labelPrecision(overlap, resultSetSize, n);
            scores[LABEL_RECALL_K][j] = RankMetrics.labelRecall(overlap, querySize, n);
            scores[LABEL_ACCURACY_K][j] = RankMetrics.labelAccuracy(overlap, resultSetSize, querySize, n);
            scores[HAMMING_K][j] = RankMetrics.hammingLoss(overlap, resultSetSize, querySize, truth.labelCount(), n);
            scores[CUTOFF][j] = n;
            scores[NONE_RELEVANT][j] = relevantInDatabase == 0 ? 1 : 0;
            return nanos;
        }
    }
}
