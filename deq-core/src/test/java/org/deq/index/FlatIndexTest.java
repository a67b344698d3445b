package org.deq.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlatIndexTest {

    private static final int DIM = 24;

    /** Non-negative random vectors (valid histograms for chi2), a few exact duplicates to exercise ties. */
    private static float[] vectors(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        if (n > 9) {
            System.arraycopy(v, 0, v, 5 * DIM, DIM);
            System.arraycopy(v, 0, v, 9 * DIM, DIM);
        }
        return v;
    }

    /** Textbook distances in double precision, written independently of Distance. */
    private static double reference(Distance d, float[] q, float[] data, int row) {
        double sum = 0;
        double dot = 0;
        double nq = 0;
        double nd = 0;
        for (int j = 0; j < DIM; j++) {
            double a = q[j];
            double b = data[row * DIM + j];
            switch (d) {
                case L2 -> sum += (a - b) * (a - b);
                case L1 -> sum += Math.abs(a - b);
                case CHI2 -> sum += a + b > 0 ? 0.5 * (a - b) * (a - b) / (a + b) : 0;
                case COSINE -> {
                    dot += a * b;
                    nq += a * a;
                    nd += b * b;
                }
            }
        }
        return switch (d) {
            case L2 -> Math.sqrt(sum);
            case COSINE -> 1 - dot / Math.sqrt(nq * nd);
            default -> sum;
        };
    }

    private static int[] bruteForce(Distance d, float[] q, float[] data, int k, BitSet allowed, int exclude) {
        int n = data.length / DIM;
        return IntStream.range(0, n)
                .filter(i -> i != exclude && (allowed == null || allowed.get(i)))
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> reference(d, q, data, i)).thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void equalsBruteForceWithFiltersAndExclusion(Distance d) {
        float[] data = vectors(400, 7);
        FlatIndex index = new FlatIndex(DIM, d, 1);
        index.add(Arrays.copyOfRange(data, 0, 150 * DIM));
        index.add(Arrays.copyOfRange(data, 150 * DIM, data.length));
        BitSet allowed = new BitSet();
        Random r = new Random(11);
        for (int i = 0; i < 400; i++) {
            if (r.nextInt(3) > 0) {
                allowed.set(i);
            }
        }
        for (int qi : new int[] {0, 3, 77, 399}) {
            float[] q = Arrays.copyOfRange(data, qi * DIM, (qi + 1) * DIM);
            for (BitSet filter : new BitSet[] {null, allowed}) {
                for (int exclude : new int[] {-1, qi}) {
                    SearchResult res = index.search(q, 10, filter, exclude);
                    int[] expected = bruteForce(d, q, data, 10, filter, exclude);
                    assertThat(res.ids()).containsExactly(expected);
                    for (int i = 0; i < expected.length; i++) {
                        assertThat((double) res.distances()[i])
                                .isCloseTo(reference(d, q, data, expected[i]), offset(1e-4));
                        assertThat(filter == null || filter.get(res.ids()[i])).isTrue();
                        assertThat(res.ids()[i]).isNotEqualTo(exclude);
                    }
                    assertThat(res.distances()).isSorted();
                }
            }
        }
    }

    /**
     * Ids and distances are exactly those of ranking every row by {@link Distance#distance} (which the scan stops early
     * once a row passes the k-th best so far), on one thread and in parallel chunks, with long rows and many ties (which
     * the smaller id wins, also across chunks).
     */
    @ParameterizedTest
    @EnumSource(Distance.class)
    void resultsAreEveryRowsDistanceRankedToTheBit(Distance d) {
        int dim = 130;
        int n = (int) (FlatIndex.PARALLEL_MIN_FLOATS / dim) + 500;
        Random r = new Random(5);
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextInt(4) / 4f; // coarse values: many equal distances, so ties decide places
        }
        for (int threads : new int[] {1, 2}) {
            FlatIndex index = FlatIndex.over(data, dim, d, threads);
            for (int qi : new int[] {0, 1234, n - 1}) {
                float[] q = Arrays.copyOfRange(data, qi * dim, (qi + 1) * dim);
                Integer[] order = new Integer[n];
                float[] full = new float[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                    full[i] = d.distance(q, data, i * dim, dim);
                }
                Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> full[i]).thenComparingInt(i -> i));
                for (int k : new int[] {1, 10, 300}) {
                    SearchResult res = index.search(q, k, null, -1);
                    for (int i = 0; i < k; i++) {
                        assertThat(res.ids()[i]).as("%s k=%d rank %d", d, k, i).isEqualTo(order[i]);
                        assertThat(res.distances()[i]).isEqualTo(d.report(full[order[i]]));
                    }
                }
            }
        }
    }

    @Test
    void exactDuplicatesTieToSmallerIdAndSelfIsFirstUnlessExcluded() {
        float[] data = vectors(50, 3);
        FlatIndex index = FlatIndex.over(data, DIM, Distance.L2, 1);
        float[] q = Arrays.copyOfRange(data, 0, DIM);
        assertThat(index.search(q, 3, null).ids()).containsExactly(0, 5, 9);
        assertThat(index.search(q, 2, null, 0).ids()).containsExactly(5, 9);
        assertThat(index.search(q, 3, null).distances()[0]).isZero();
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void multiThreadedEqualsSingleThreaded(Distance d) {
        // large enough that single queries are split into chunks
        int n = (int) (FlatIndex.PARALLEL_MIN_FLOATS / DIM) + 1234;
        float[] data = vectors(n, 5);
        FlatIndex single = FlatIndex.over(data, DIM, d, 1);
        FlatIndex multi = FlatIndex.over(data, DIM, d, 3);
        BitSet allowed = new BitSet();
        for (int i = 0; i < n; i += 3) {
            allowed.set(i);
        }
        int nq = 6;
        float[] queries = vectors(nq, 99);
        int[] exclude = {-1, 3, -1, 9, 0, 12};
        for (int q = 0; q < nq; q++) {
            float[] query = Arrays.copyOfRange(queries, q * DIM, (q + 1) * DIM);
            SearchResult one = single.search(query, 15, allowed, exclude[q]);
            SearchResult many = multi.search(query, 15, allowed, exclude[q]);
            assertThat(many.ids()).containsExactly(one.ids());
            assertThat(many.distances()).containsExactly(one.distances());
        }
    }

    @Test
    void kLargerThanAllowedReturnsAllAllowedAndEmptyIndexReturnsNothing() {
        FlatIndex index = FlatIndex.over(vectors(20, 1), DIM, Distance.L1, 2);
        BitSet allowed = new BitSet();
        allowed.set(2);
        allowed.set(17);
        assertThat(index.search(new float[DIM], 10, allowed).ids()).containsExactlyInAnyOrder(2, 17);
        assertThat(new FlatIndex(DIM, Distance.L2).search(new float[DIM], 5, null).size()).isZero();
    }

    @Test
    void badArgumentsAreClearErrors() {
        FlatIndex index = new FlatIndex(DIM, Distance.L2, 1);
        assertThatThrownBy(() -> index.add(new float[DIM + 1])).hasMessageContaining("not a multiple of dimension 24");
        assertThatThrownBy(() -> index.search(new float[3], 1, null)).hasMessage("query has dimension 3, index has 24");
        assertThatThrownBy(() -> index.search(new float[DIM], -1, null)).hasMessage("k must be >= 0, got -1");
        assertThatThrownBy(() -> Distance.parse("hamming")).hasMessageContaining("unknown distance 'hamming'");
        assertThat(Distance.parse(" Cosine ")).isEqualTo(Distance.COSINE);
    }
}
