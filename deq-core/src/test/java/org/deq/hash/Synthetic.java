package org.deq.hash;

import java.util.Arrays;
import java.util.Random;
import org.deq.vectors.PackedVectors;

/** Seeded synthetic descriptors and codes for the hashing tests, plus brute-force references. */
final class Synthetic {

    private Synthetic() {
    }

    /** n standard-normal vectors, packed. */
    static float[] gaussian(int n, int dim, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /** n vectors around {@code clusters} Gaussian centres (spread 1 vs centres of scale 4), packed. */
    static float[] clustered(int n, int dim, int clusters, long seed) {
        Random rnd = new Random(seed);
        float[] centres = new float[clusters * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (4 * rnd.nextGaussian());
        }
        float[] x = new float[n * dim];
        for (int r = 0; r < n; r++) {
            int c = rnd.nextInt(clusters);
            for (int i = 0; i < dim; i++) {
                x[r * dim + i] = centres[c * dim + i] + (float) rnd.nextGaussian();
            }
        }
        return x;
    }

    /** Codes near a few random centres (each bit flipped with probability 0.15), like codes of clustered data. */
    static long[] structuredCodes(int n, int bits, int centres, long seed) {
        Random rnd = new Random(seed);
        int words = Codes.words(bits);
        long[] centre = new long[centres * words];
        for (int i = 0; i < centre.length; i++) {
            centre[i] = rnd.nextLong();
        }
        long[] codes = new long[n * words];
        for (int r = 0; r < n; r++) {
            int c = rnd.nextInt(centres);
            for (int b = 0; b < bits; b++) {
                boolean bit = (centre[c * words + (b >>> 6)] >>> (b & 63) & 1L) != 0;
                if (rnd.nextDouble() < 0.15) {
                    bit = !bit;
                }
                if (bit) {
                    codes[r * words + (b >>> 6)] |= 1L << (b & 63);
                }
            }
        }
        return codes;
    }

    /** Uniformly random codes (unused high bits of the last word left zero). */
    static long[] randomCodes(int n, int bits, long seed) {
        return structuredCodes(n, bits, n, seed);
    }

    /** Row r of a packed long matrix. */
    static long[] row(long[] packed, int r, int words) {
        return Arrays.copyOfRange(packed, r * words, (r + 1) * words);
    }

    /** Row r of a packed float matrix. */
    static float[] row(float[] packed, int r, int dim) {
        return Arrays.copyOfRange(packed, r * dim, (r + 1) * dim);
    }

    /** Ids of the k nearest rows of {@code db} to {@code q} by squared L2, by brute force. */
    static int[] exactKnn(float[] db, int n, int dim, float[] q, int k) {
        long[] keyed = new long[n];
        for (int r = 0; r < n; r++) {
            float d = PackedVectors.sqDistance(q, 0, db, r * dim, dim);
            keyed[r] = ((long) Float.floatToIntBits(d) << 32) | r;
        }
        Arrays.sort(keyed);
        int[] ids = new int[k];
        for (int i = 0; i < k; i++) {
            ids[i] = (int) keyed[i];
        }
        return ids;
    }

    /** Mean over queries of |Hamming top-k ∩ exact L2 top-k| / k; queries are the first rows of db. */
    static double recallAt(BinaryEncoder encoder, float[] db, int n, int dim, int queries, int k) {
        long[] codes = encoder.encodeAll(db, n);
        HammingScan scan = new HammingScan(codes, n, encoder.bits());
        double sum = 0;
        for (int q = 0; q < queries; q++) {
            int[] truth = exactKnn(db, n, dim, row(db, q, dim), k);
            int[] got = scan.search(row(codes, q, encoder.words()), k, null).ids();
            int hits = 0;
            for (int a : got) {
                for (int b : truth) {
                    if (a == b) {
                        hits++;
                    }
                }
            }
            sum += hits / (double) k;
        }
        return sum / queries;
    }
}
