package org.deq.feedback;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.deq.vectors.PackedVectors;
import org.deq.vectors.SortableFloats;

/**
 * The candidate pool of a feedback session as packed rows of an archive's descriptors, with what every round reuses:
 * squared norms of the pool's rows (RBF kernel only), the kernel, the median kernel distance of random pool pairs, and the rule that sets
 * the kernel width γ. Scoring is a parallel loop over chunks of the pool.
 */
public final class FeedbackSpace {

    private static final int CHUNK = 4096;
    private static final int GAMMA_PAIRS = 2000;

    /** The kernel of a new pool. */
    public static final Kernel DEFAULT_KERNEL = Kernel.LAPLACIAN;

    private final float[] vectors;
    private final int dim;
    private final int[] rows;
    private final float[] sqNorms;
    private final long seed;
    private final Kernel kernel;
    private final double poolMedian;
    private final KernelWidth width;

    private FeedbackSpace(float[] vectors, int dim, int[] rows, float[] sqNorms, long seed, Kernel kernel,
                          double poolMedian, KernelWidth width) {
        this.vectors = vectors;
        this.dim = dim;
        this.rows = rows;
        this.sqNorms = sqNorms;
        this.seed = seed;
        this.kernel = kernel;
        this.poolMedian = poolMedian;
        this.width = width;
    }

    /**
     * A pool of the given archive rows (ordinals into {@code vectors}, packed {@code dim} floats per row) with the
     * {@link #DEFAULT_KERNEL} and the {@link KernelWidth#DEFAULT} width rule; the median kernel distance of seeded random
     * pool pairs is its fallback.
     */
    public static FeedbackSpace of(float[] vectors, int dim, int[] rows, long seed) {
        if (dim < 1 || vectors.length % dim != 0) {
            throw new IllegalArgumentException("vectors of " + vectors.length + " floats do not hold rows of " + dim);
        }
        int size = vectors.length / dim;
        for (int r : rows) {
            if (r < 0 || r >= size) {
                throw new IllegalArgumentException("pool row " + r + " outside the archive's 0.." + (size - 1));
            }
        }
        if (rows.length < 2) {
            throw new IllegalArgumentException("the candidate pool holds " + rows.length + (rows.length == 1 ? " image" : " images") + "; feedback needs at least 2");
        }
        return new FeedbackSpace(vectors, dim, rows.clone(), sqNorms(vectors, dim, rows, DEFAULT_KERNEL), seed, DEFAULT_KERNEL,
                poolMedian(vectors, dim, rows, DEFAULT_KERNEL, seed), KernelWidth.DEFAULT);
    }

    /**
     * ‖row‖² of every pool row for the RBF kernel, which scores by ‖x‖² + ‖c‖² − 2x·c; null for the others, which need
     * none: a session builds its pool every round, and at 100k rows this pass cost as much as the scoring.
     */
    private static float[] sqNorms(float[] vectors, int dim, int[] rows, Kernel kernel) {
        if (kernel != Kernel.RBF) {
            return null;
        }
        float[] norms = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            norms[i] = PackedVectors.dot(vectors, rows[i] * dim, vectors, rows[i] * dim, dim);
        }
        return norms;
    }

    /** A pool of the whole archive. */
    public static FeedbackSpace all(float[] vectors, int dim, long seed) {
        return of(vectors, dim, allRows(vectors.length / Math.max(dim, 1)), seed);
    }

    /** The rows 0..n-1: a pool of a whole archive of n. */
    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** {@code a} then {@code b}. */
    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double poolMedian(float[] vectors, int dim, int[] rows, Kernel kernel, long seed) {
        Random random = new Random(seed);
        float[] d2 = new float[GAMMA_PAIRS];
        int n = 0;
        for (int p = 0; p < GAMMA_PAIRS; p++) {
            int a = rows[random.nextInt(rows.length)];
            int b = rows[random.nextInt(rows.length)];
            if (a != b) {
                d2[n++] = kernel.distance(vectors, a * dim, vectors, b * dim, dim);
            }
        }
        Arrays.sort(d2, 0, n);
        float median = n == 0 ? 0f : d2[n / 2];
        // identical vectors everywhere: any width ranks them the same
        return median > 0f ? median : 1.0;
    }

    /** The same pool with another rule for the kernel width. */
    public FeedbackSpace withKernelWidth(KernelWidth rule) {
        return new FeedbackSpace(vectors, dim, rows, sqNorms, seed, kernel, poolMedian, rule);
    }

    /** The same pool with another kernel (its pool median is recomputed from the same seeded pairs). */
    public FeedbackSpace withKernel(Kernel other) {
        return other == kernel ? this : new FeedbackSpace(vectors, dim, rows, sqNorms(vectors, dim, rows, other), seed, other,
                poolMedian(vectors, dim, rows, other, seed), width);
    }

    /** Archive rows in the pool, by pool position; shared, do not modify. */
    public int[] rows() {
        return rows;
    }

    /** Number of pool images. */
    public int size() {
        return rows.length;
    }

    /** Descriptor length. */
    public int dim() {
        return dim;
    }

    /** The kernel of every model fitted in this pool. */
    public Kernel kernel() {
        return kernel;
    }

    /** The rule that sets the kernel width of each round's model. */
    public KernelWidth kernelWidth() {
        return width;
    }

    /**
     * The kernel width for these marked archive rows: factor / median kernel distance of their pairs (marks rule, when
     * at least one pair differs) or of random pool pairs.
     */
    public double gamma(int[] markedRows) {
        double median = poolMedian;
        if (width.fromMarks() && markedRows.length >= 2) {
            int n = markedRows.length;
            float[] d2 = new float[PackedVectors.arrayLength((long) n * (n - 1) / 2,
                    "the median kernel distance of " + n + " marked examples")];
            int k = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d2[k++] = kernel.distance(vectors, markedRows[i] * dim, vectors, markedRows[j] * dim, dim);
                }
            }
            Arrays.sort(d2);
            median = d2[k / 2] > 0f ? d2[k / 2] : poolMedian;
        }
        return width.factor() / median;
    }

    /** The packed descriptors of the given archive rows. */
    public float[] gather(int[] archiveRows) {
        return PackedVectors.gather(vectors, dim, archiveRows);
    }

    /**
     * The relevance model for these marks: an SVM when both classes are marked, else (no irrelevant mark) a kernel
     * similarity to the relevant examples. At least one relevant example (the query) is required.
     */
    public RelevanceModel fit(int[] relevantRows, int[] irrelevantRows, double c) {
        if (relevantRows.length == 0) {
            throw new IllegalArgumentException("no relevant example: give a query image or mark one result relevant");
        }
        int[] all = concat(relevantRows, irrelevantRows);
        double gamma = gamma(all);
        if (irrelevantRows.length == 0) {
            return RelevanceModel.similarity(gather(relevantRows), dim, kernel, gamma);
        }
        boolean[] positive = new boolean[all.length];
        Arrays.fill(positive, 0, relevantRows.length, true);
        return KernelSvm.train(gather(all), dim, positive, kernel, gamma, c);
    }

    /**
     * The relevance model of a session: {@link #fit(int[], int[], double)} on the query examples and the images marked
     * relevant against those marked irrelevant; an SVM then gets {@code queryWeight} × its kernel similarity to the query
     * examples added. The SVM treats the query as one relevant mark among many, but it is the one the user chose: the
     * added term keeps the ranking near it (an image equal to the query gains {@code queryWeight}, a margin's worth at 1).
     * Every model then gets {@code nearestWeight} × the kernel similarity to the nearest relevant example (query or mark).
     */
    public RelevanceModel fit(int[] queryRows, int[] relevantRows, int[] irrelevantRows, double c, double queryWeight,
                              double nearestWeight) {
        SimulationSpec.checkWeights(queryWeight, nearestWeight);
        int[] positives = concat(queryRows, relevantRows);
        RelevanceModel model = fit(positives, irrelevantRows, c);
        if (model.kind() == RelevanceModel.Kind.SVM) {
            model = model.plusSimilarity(gather(queryRows), queryWeight);
        }
        return model.plusNearest(gather(positives), nearestWeight);
    }

    /** Scores every pool image (by pool position) with the model, on all cores. */
    public float[] score(RelevanceModel model) {
        return score(model, true);
    }

    /** Scores every pool image; sequential when the caller already runs one session per core. */
    float[] score(RelevanceModel model, boolean parallel) {
        if (model.dim() != dim) {
            throw new IllegalArgumentException("model of dimension " + model.dim() + " for descriptors of " + dim);
        }
        float[] out = new float[rows.length];
        int chunks = (rows.length + CHUNK - 1) / CHUNK;
        // parallel over chunks, never over items: the inner loop stays on primitive arrays
        IntStream chunkIds = IntStream.range(0, chunks);
        (parallel ? chunkIds.parallel() : chunkIds).forEach(c -> {
            int end = Math.min(rows.length, (c + 1) * CHUNK);
            float[] scratch = new float[model.size()];
            for (int p = c * CHUNK; p < end; p++) {
                out[p] = model.score(vectors, rows[p] * dim, sqNorms == null ? 0f : sqNorms[p], scratch);
            }
        });
        return out;
    }

    /** Pool positions ordered by decreasing score, ties by position. */
    public static int[] order(float[] scores) {
        long[] keys = new long[scores.length];
        for (int p = 0; p < scores.length; p++) {
            keys[p] = key(scores, p);
        }
        Arrays.sort(keys);
        int[] out = new int[scores.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (int) keys[p];
        }
        return out;
    }

    /**
     * The first {@code limit} positions of {@link #order(float[])} (or all of it when {@code limit} is a large part of
     * the pool): a round shows and draws its marks from the top, and sorting every score of 590k images took 60 ms.
     * A heap of the {@code limit} best keys, then those sorted.
     */
    public static int[] order(float[] scores, int limit) {
        if (limit <= 0) {
            return new int[0];
        }
        if ((long) limit * 8 >= scores.length) {
            return order(scores);
        }
        long[] heap = new long[limit]; // the largest key (the worst kept) at the root
        int size = 0;
        for (int p = 0; p < scores.length; p++) {
            long key = key(scores, p);
            if (size < limit) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (key < heap[0]) {
                heap[0] = key;
                siftDown(heap, size);
            }
        }
        Arrays.sort(heap, 0, size);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) heap[i];
        }
        return out;
    }

    /** The sort key of position p: its score descending, then its position. */
    private static long key(float[] scores, int p) {
        return ((long) sortableDescending(scores[p]) << 32) | p;
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] >= heap[i]) {
                return;
            }
            long t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int largest = i;
            int left = 2 * i + 1;
            if (left < size && heap[left] > heap[largest]) {
                largest = left;
            }
            if (left + 1 < size && heap[left + 1] > heap[largest]) {
                largest = left + 1;
            }
            if (largest == i) {
                return;
            }
            long t = heap[largest];
            heap[largest] = heap[i];
            heap[i] = t;
            i = largest;
        }
    }

    /** An int whose signed order is the decreasing order of the float (NaN last). */
    private static int sortableDescending(float score) {
        // + 0f turns -0 into +0, so that the two zeros tie
        return SortableFloats.bits(Float.isNaN(score) ? Float.POSITIVE_INFINITY : -score + 0f);
    }
}
