package org.deq.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.deq.concurrent.Workers;
import org.deq.vectors.PackedVectors;

/**
 * Exact search by a full scan over packed vectors; the filter bitset is applied during the scan, and large scans are
 * split into chunks run on a private pool. Results equal the single-threaded scan exactly (ties go to the
 * smaller id). Concurrent searches are safe (each keeps its own top k; the pool is made once, under a lock); adding is
 * not safe while searches run.
 */
public final class FlatIndex implements Index {

    /** Below this many floats a single query is scanned on the calling thread: splitting would cost more than it saves. */
    static final long PARALLEL_MIN_FLOATS = 1L << 18;

    private final int dim;
    private final Distance distance;
    private final int threads;
    /**
     * Whether the scan stops a row's sum early: for L1, whose loop is bound by arithmetic, it was never slower
     * ({@code org.deq.bench.jmh.FlatScanBenchmark}: 1.0–2× at 128 to 1,078 values, 20k to 590k rows), and for χ², whose
     * loop sums in the same blocks (not measured apart); L2's full loop compiles to vector instructions and is bound by
     * memory at scale, where stopping early was 1.5× slower at 590k × 128, so it reads every row whole.
     */
    private final boolean abandons;
    private float[] data;
    private int size;
    private ForkJoinPool pool;

    /** An empty index using all available processors. */
    public FlatIndex(int dim, Distance distance) {
        this(dim, distance, Runtime.getRuntime().availableProcessors());
    }

    /** An empty index scanning on at most {@code threads} threads. */
    public FlatIndex(int dim, Distance distance, int threads) {
        this(new float[0], dim, distance, threads);
    }

    private FlatIndex(float[] packed, int dim, Distance distance, int threads) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dim);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, got " + threads);
        }
        if (packed.length % dim != 0) {
            throw new IllegalArgumentException("vector array length " + packed.length + " is not a multiple of dimension " + dim);
        }
        this.dim = dim;
        this.distance = Objects.requireNonNull(distance, "distance");
        this.abandons = distance.stopsEarly() && distance != Distance.L2;
        this.threads = threads;
        this.data = packed;
        this.size = packed.length / dim;
    }

    /** An index over already packed vectors, sharing (not copying) the array; the caller must not change it. */
    public static FlatIndex over(float[] packed, int dim, Distance distance, int threads) {
        return new FlatIndex(packed, dim, distance, threads);
    }

    /** The distance this index ranks by. */
    public Distance distance() {
        return distance;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(float[] vectors) {
        if (vectors.length % dim != 0) {
            throw new IllegalArgumentException("vector array length " + vectors.length + " is not a multiple of dimension " + dim);
        }
        long needed = (long) size * dim + vectors.length;
        if (needed > PackedVectors.MAX_ARRAY) {
            throw new IllegalArgumentException("flat index full: " + needed + " floats exceed one Java array");
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, PackedVectors.grownLength(data.length, needed));
        }
        System.arraycopy(vectors, 0, data, size * dim, vectors.length);
        size += vectors.length / dim;
    }

    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        checkQuery(query.length, k);
        int chunks = (long) size * dim >= PARALLEL_MIN_FLOATS ? Math.min(threads, size) : 1;
        if (chunks <= 1) {
            TopK top = new TopK(k);
            scan(query, 0, size, allowed, excludeId, top);
            return top.drain(distance);
        }
        List<Callable<TopK>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = chunkStart(c, chunks);
            int to = chunkStart(c + 1, chunks);
            tasks.add(() -> {
                TopK top = new TopK(Math.min(k, to - from)); // a whole ranking's k would allocate n per chunk
                scan(query, from, to, allowed, excludeId, top);
                return top;
            });
        }
        TopK merged = new TopK(Math.min(k, size));
        for (TopK part : runAll(tasks)) {
            merged.offerAll(part);
        }
        return merged.drain(distance);
    }

    /**
     * The hot loop: offers every allowed row in [from, to) except {@code excludeId}. With {@link #abandons} a row's sum
     * stops once it passes the k-th best so far (a lower bound then, which the top k refuses as it would the full value;
     * a row within the bound gets its exact value): the same hits, bit for bit, with most of a far row unread.
     */
    private void scan(float[] q, int from, int to, BitSet allowed, int excludeId, TopK top) {
        float[] d = data;
        int n = dim;
        Distance dist = distance;
        int first = allowed == null ? from : allowed.nextSetBit(from);
        if (abandons) {
            for (int i = first; i >= 0 && i < to; i = allowed == null ? i + 1 : allowed.nextSetBit(i + 1)) {
                if (i != excludeId) {
                    top.offer(i, dist.distanceAtMost(q, d, i * n, n, top.bound()));
                }
            }
        } else {
            for (int i = first; i >= 0 && i < to; i = allowed == null ? i + 1 : allowed.nextSetBit(i + 1)) {
                if (i != excludeId) {
                    top.offer(i, dist.distance(q, d, i * n, n));
                }
            }
        }
    }

    private int chunkStart(int c, int chunks) {
        return (int) ((long) size * c / chunks);
    }

    private void checkQuery(int length, int k) {
        if (length != dim) {
            throw new IllegalArgumentException("query has dimension " + length + ", index has " + dim);
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) {
        List<Future<T>> futures = pool().invokeAll(tasks);
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw Workers.unwrap(e, "search", RuntimeException.class);
        }
        return out;
    }

    // Lazily created; its worker threads are daemons that end when idle, so the index needs no close().
    private synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(threads);
        }
        return pool;
    }
}
