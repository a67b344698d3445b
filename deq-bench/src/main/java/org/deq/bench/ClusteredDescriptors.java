package org.deq.bench;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded synthetic descriptors with the structure of real ones: points around Gaussian cluster centres, so that near
 * neighbours exist and codes are far from uniform. Rows are generated in fixed blocks, each from its own seed, so any
 * row range is reproducible and large sets can be generated in parallel or streamed.
 *
 * @param dim      descriptor length
 * @param clusters number of centres
 * @param spread   standard deviation of the centres (the noise around a centre has deviation 1)
 * @param seed     seed of everything
 */
public record ClusteredDescriptors(int dim, int clusters, double spread, long seed) {

    /** Rows per independently seeded block. */
    private static final int BLOCK = 4096;
    /** First block of the query stream: beyond any archive (2^40 blocks of rows). */
    private static final long QUERY_BLOCKS = 1L << 40;

    public ClusteredDescriptors {
        if (dim <= 0 || clusters <= 0 || spread < 0) {
            throw new IllegalArgumentException("need dim > 0, clusters > 0, spread >= 0; got " + dim + ", " + clusters + ", " + spread);
        }
    }

    /** The cluster centres, packed. */
    private float[] centres() {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] c = new float[clusters * dim];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (spread * rnd.nextGaussian());
        }
        return c;
    }

    /** Rows [from, from + n) packed (n × dim floats), generated block by block in parallel. */
    public float[] rows(long from, int n) {
        if (from % BLOCK != 0) {
            throw new IllegalArgumentException("row ranges start at a multiple of " + BLOCK + ", got " + from);
        }
        return generate(from / BLOCK, n);
    }

    /** {@code n} query descriptors from the same distribution, from blocks no row range uses. */
    public float[] queries(int n) {
        return generate(QUERY_BLOCKS, n);
    }

    private float[] generate(long firstBlock, int n) {
        float[] centres = centres();
        float[] out = new float[Math.multiplyExact(n, dim)];
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + firstBlock + b + 1);
            for (int r = b * BLOCK, end = Math.min(n, r + BLOCK); r < end; r++) {
                int c = rnd.nextInt(clusters);
                for (int j = 0; j < dim; j++) {
                    out[r * dim + j] = centres[c * dim + j] + (float) rnd.nextGaussian();
                }
            }
        });
        return out;
    }
}
