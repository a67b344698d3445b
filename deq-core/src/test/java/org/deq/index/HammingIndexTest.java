package org.deq.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HammingIndexTest {

    static final int DIM = 32;
    private static final int N = 6000;

    /** Vectors around 40 Gaussian centres, so that codes are structured like codes of real descriptors. */
    static float[] clustered(int n, long seed) {
        return clustered(n, seed, 3);
    }

    /** Vectors around 40 Gaussian centres of scale {@code spread} (unit noise): smaller spread, harder neighbours. */
    private static float[] clustered(int n, long seed, double spread) {
        Random rnd = new Random(seed);
        float[] centres = new float[40 * DIM];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (spread * rnd.nextGaussian());
        }
        float[] x = new float[n * DIM];
        for (int r = 0; r < n; r++) {
            int c = rnd.nextInt(40);
            for (int j = 0; j < DIM; j++) {
                x[r * DIM + j] = centres[c * DIM + j] + (float) rnd.nextGaussian();
            }
        }
        return x;
    }

    static float[] row(float[] packed, int r) {
        return Arrays.copyOfRange(packed, r * DIM, (r + 1) * DIM);
    }

    private static BinaryEncoder lsh(float[] data, int bits) {
        return Encoders.parse("lsh:bits=" + bits).train(data, data.length / DIM, DIM, null, 7);
    }

    @ParameterizedTest
    @EnumSource(value = HammingIndex.Lookup.class, names = {"MIH", "SCAN"})
    void multiIndexHashingGivesTheScansNearestDistancesThroughTheIndexApi(HammingIndex.Lookup ignored) {
        float[] data = clustered(N, 1);
        for (int bits : new int[] {32, 64, 128}) {
            BinaryEncoder enc = lsh(data, bits);
            HammingIndex scan = new HammingIndex(enc, HammingIndex.Lookup.SCAN, 0);
            HammingIndex mih = new HammingIndex(enc, HammingIndex.Lookup.MIH, 0);
            // added in two parts: the MIH tables are rebuilt after the second add
            scan.add(Arrays.copyOf(data, N / 2 * DIM));
            mih.add(Arrays.copyOf(data, N / 2 * DIM));
            assertThat(mih.search(row(data, 0), 10, null).ids()).isNotEmpty();
            scan.add(Arrays.copyOfRange(data, N / 2 * DIM, data.length));
            mih.add(Arrays.copyOfRange(data, N / 2 * DIM, data.length));
            BitSet odd = new BitSet(N);
            BitSet sparse = new BitSet(N); // selective enough that the MIH index answers by the scan
            for (int i = 1; i < N; i += 2) {
                odd.set(i);
                sparse.set(i, i % 40 == 1);
            }
            for (int q = 0; q < 40; q++) {
                int id = q * 97;
                float[] query = row(data, id);
                for (BitSet allowed : new BitSet[] {null, odd, sparse}) {
                    SearchResult a = scan.search(query, 25, allowed, id);
                    SearchResult b = mih.search(query, 25, allowed, id);
                    assertThat(b.distances()).as("bits=%d query %d", bits, id).containsExactly(a.distances());
                    assertThat(b.ids()).doesNotContain(id).hasSize(Math.min(25, allowed == sparse ? sparse.cardinality() : 25));
                    assertThat(b.ids()).containsExactly(a.ids());
                    for (int i = 0; i < b.size(); i++) {
                        assertThat(allowed == null || allowed.get(b.ids()[i])).isTrue();
                        // a reported distance is the true Hamming distance of that id's code
                        assertThat(b.distances()[i]).isEqualTo(hamming(enc, query, row(data, b.ids()[i])));
                    }
                }
            }
        }
    }

    @Test
    void aWholeRankingByMultiIndexHashingIsTheScansRanking() {
        float[] data = clustered(N, 3);
        BinaryEncoder enc = lsh(data, 64);
        HammingIndex scan = filled(enc, HammingIndex.Lookup.SCAN, 0, data);
        HammingIndex mih = filled(enc, HammingIndex.Lookup.MIH, 0, data);
        for (int k : new int[] {N / 16 + 1, N - 1}) { // past the point where probing stops paying, as an evaluation asks
            SearchResult a = scan.search(row(data, 5), k, null, 5);
            SearchResult b = mih.search(row(data, 5), k, null, 5);
            assertThat(b.ids()).containsExactly(a.ids());
            assertThat(b.distances()).containsExactly(a.distances());
        }
    }

    private static HammingIndex filled(BinaryEncoder enc, HammingIndex.Lookup lookup, int radius, float[] data) {
        HammingIndex index = new HammingIndex(enc, lookup, radius);
        index.add(data);
        return index;
    }

    private static float hamming(BinaryEncoder enc, float[] a, float[] b) {
        long[] x = enc.encode(a);
        long[] y = enc.encode(b);
        int d = 0;
        for (int w = 0; w < x.length; w++) {
            d += Long.bitCount(x[w] ^ y[w]);
        }
        return d;
    }

    @Test
    void tableLookupFindsExactlyTheScansNeighboursWithinItsRadius() {
        float[] data = clustered(N, 2);
        BinaryEncoder enc = lsh(data, 32);
        HammingIndex scan = filled(enc, HammingIndex.Lookup.SCAN, 0, data);
        HammingIndex table = filled(enc, HammingIndex.Lookup.TABLE, 3, data);
        for (int q = 0; q < 30; q++) {
            float[] query = row(data, q * 101);
            SearchResult all = scan.search(query, N, null);
            SearchResult near = table.search(query, N, null);
            int within = 0;
            while (within < all.size() && all.distances()[within] <= 3) {
                within++;
            }
            assertThat(near.distances()).containsExactly(Arrays.copyOf(all.distances(), within));
        }
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void twoStageWithEveryCandidateIsTheExactScan(Distance distance) {
        float[] data = clustered(2000, 3);
        HammingIndex mih = new HammingIndex(lsh(data, 64), HammingIndex.Lookup.MIH, 0);
        mih.add(data);
        TwoStageIndex all = TwoStageIndex.over(mih, data, distance, 2000);
        FlatIndex flat = FlatIndex.over(data, DIM, distance, 1);
        for (int q = 0; q < 20; q++) {
            float[] query = row(data, q * 53);
            for (int k : new int[] {1, 15, 300}) { // the re-rank's early exits, bit for bit the full distances
                SearchResult exact = flat.search(query, k, null, q * 53);
                SearchResult two = all.search(query, k, null, q * 53);
                assertThat(two.ids()).as("k=%d", k).containsExactly(exact.ids());
                assertThat(two.distances()).as("k=%d", k).containsExactly(exact.distances());
            }
        }
    }

    @Test
    void twoStageRankingStartsWithItsSearchAndRanksTheRestInHammingOrder() {
        float[] data = clustered(2000, 6);
        BinaryEncoder enc = lsh(data, 32);
        HammingIndex codes = new HammingIndex(enc, HammingIndex.Lookup.SCAN, 0);
        codes.add(data);
        TwoStageIndex two = TwoStageIndex.over(codes, data, Distance.L1, 50);
        BitSet database = new BitSet();
        database.set(0, 1500);
        for (int q : new int[] {7, 1700}) { // a query in the database and one outside it
            float[] query = row(data, q);
            long queryCode = enc.encode(query)[0];
            for (int k : new int[] {10, 50, 80}) {
                int[] ranking = two.ranking(query, k, database, q);
                assertThat(ranking).as("k=%d", k).hasSize(q < 1500 ? 1499 : 1500).doesNotHaveDuplicates().doesNotContain(q);
                assertThat(Arrays.stream(ranking).allMatch(database::get)).isTrue();
                assertThat(Arrays.copyOf(ranking, k)).containsExactly(two.search(query, k, database, q).ids());
                // past the max(50, k) re-ranked candidates, the first stage's order: Hamming distance never falls
                for (int i = Math.max(50, k) + 1; i < ranking.length; i++) {
                    assertThat(Long.bitCount(enc.encode(row(data, ranking[i]))[0] ^ queryCode))
                            .isGreaterThanOrEqualTo(Long.bitCount(enc.encode(row(data, ranking[i - 1]))[0] ^ queryCode));
                }
            }
        }
    }

    @Test
    void twoStageGrownByManySmallAddsSearchesAsOneBuiltAtOnce() {
        float[] data = clustered(1000, 8);
        BinaryEncoder enc = lsh(data, 32);
        HammingIndex whole = new HammingIndex(enc, HammingIndex.Lookup.SCAN, 0);
        whole.add(data);
        TwoStageIndex built = TwoStageIndex.over(whole, data, Distance.L2, 40);
        float[] first = Arrays.copyOf(data, 10 * DIM);
        HammingIndex codes = new HammingIndex(enc, HammingIndex.Lookup.SCAN, 0);
        codes.add(first);
        TwoStageIndex grown = TwoStageIndex.over(codes, first, Distance.L2, 40);
        // adds of 1 to 29 rows, some with a search between them (the array is trimmed, then grows again)
        for (int from = 10, step = 1; from < 1000; from += step, step = step % 29 + 1) {
            grown.add(Arrays.copyOfRange(data, from * DIM, Math.min(1000, from + step) * DIM));
            if (step % 7 == 0) {
                assertThat(grown.search(row(data, 3), 5, null, -1).size()).isEqualTo(5);
            }
        }
        assertThat(grown.size()).isEqualTo(1000);
        assertThat(first).as("the caller's array is not written").containsExactly(Arrays.copyOf(data, 10 * DIM));
        for (int q = 0; q < 1000; q += 97) {
            SearchResult want = built.search(row(data, q), 10, null, q);
            SearchResult got = grown.search(row(data, q), 10, null, q);
            assertThat(got.ids()).containsExactly(want.ids());
            assertThat(got.distances()).containsExactly(want.distances());
        }
    }

    @Test
    void twoStageRecallGrowsWithCandidatesAndBits() {
        float[] data = clustered(N, 4, 1);
        FlatIndex flat = FlatIndex.over(data, DIM, Distance.L2, 1);
        double previous = -1;
        for (int[] setting : new int[][] {{16, 20}, {64, 20}, {64, 200}, {128, 1000}}) {
            HammingIndex codes = new HammingIndex(lsh(data, setting[0]), HammingIndex.Lookup.MIH, 0);
            codes.add(data);
            TwoStageIndex two = TwoStageIndex.over(codes, data, Distance.L2, setting[1]);
            double recall = 0;
            for (int q = 0; q < 50; q++) {
                int id = q * 117;
                int[] truth = flat.search(row(data, id), 10, null, id).ids();
                int[] got = two.search(row(data, id), 10, null, id).ids();
                recall += Arrays.stream(got).filter(g -> Arrays.stream(truth).anyMatch(t -> t == g)).count() / 10.0 / 50;
            }
            assertThat(recall).as("bits=%d candidates=%d", setting[0], setting[1]).isGreaterThan(previous);
            previous = recall;
        }
        assertThat(previous).isGreaterThan(0.9);
    }

    @Test
    void searchMethodSpecsParseAndBadOnesAreOneLineErrors() {
        assertThat(SearchMethod.parse("two-stage:candidates=300")).isEqualTo(new SearchMethod(SearchMethod.Kind.TWO_STAGE, 300, 2));
        assertThat(SearchMethod.parse("MIH").kind()).isEqualTo(SearchMethod.Kind.MIH);
        assertThat(SearchMethod.parse("table:radius=4").toString()).isEqualTo("table:radius=4");
        assertThatThrownBy(() -> SearchMethod.parse("hnsw")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hnsw'");
        assertThatThrownBy(() -> SearchMethod.parse("mih:candidates=3")).hasMessageContaining("unexpected parameter");
        assertThatThrownBy(() -> SearchMethod.parse("two-stage:candidates=x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SearchMethod.parse("table:radius=3,radius=4")).hasMessageEndingWith("parameter radius given twice");
        assertThatThrownBy(() -> SearchMethod.parse("table:radius=-1")).hasMessage("search method 'table:radius=-1': radius must be at least 0, got -1");
        assertThatThrownBy(() -> SearchMethod.parse("table:radius=3,")).hasMessage("search method 'table:radius=3,': empty parameter (a comma too many?)");
        // a --distance with a method that ranks by codes would change nothing
        assertThatThrownBy(() -> SearchMethod.parse("mih").checkDistance("l2"))
                .hasMessage("--distance ranks descriptors; --search mih ranks by codes (use it with flat or two-stage)");
        SearchMethod.parse("two-stage").checkDistance("l2");
        SearchMethod.parse("hamming").checkDistance(null);
        assertThatThrownBy(() -> new HammingIndex(lsh(clustered(100, 5), 128), HammingIndex.Lookup.TABLE, 2))
                .hasMessageContaining("at most 64 bits");
    }
}
