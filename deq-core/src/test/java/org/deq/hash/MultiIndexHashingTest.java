package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiIndexHashingTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64, 100, 128, 256})
    void sameNearestDistancesAsFlatScan(int bits) {
        int n = 3000;
        int words = Codes.words(bits);
        // half structured (short distances, many ties), half uniform (long distances, deep radius search)
        long[] structured = Synthetic.structuredCodes(n / 2, bits, 6, bits);
        long[] uniform = Synthetic.randomCodes(n - n / 2, bits, bits + 1);
        long[] codes = new long[n * words];
        System.arraycopy(structured, 0, codes, 0, structured.length);
        System.arraycopy(uniform, 0, codes, structured.length, uniform.length);
        HammingScan scan = new HammingScan(codes, n, bits);
        MultiIndexHashing mih = new MultiIndexHashing(codes, n, bits);
        BitSet allowed = HammingScanTest.randomFilter(n, 0.25, bits);
        long[] outside = Synthetic.randomCodes(1, bits, 99);
        for (int q = 0; q < 24; q++) {
            long[] query = q == 0 ? outside : Synthetic.row(codes, q * 123 % n, words);
            for (int k : new int[] {1, 10, 100}) {
                HammingHits expected = scan.search(query, k, null);
                HammingHits got = mih.search(query, k, null);
                assertThat(got).as("bits=%d q=%d k=%d", bits, q, k).usingRecursiveComparison().isEqualTo(expected);
                assertExactDistances(codes, words, query, got);

                HammingHits expectedFiltered = scan.search(query, k, allowed);
                HammingHits gotFiltered = mih.search(query, k, allowed);
                assertThat(gotFiltered).usingRecursiveComparison().isEqualTo(expectedFiltered);
                for (int id : gotFiltered.ids()) {
                    assertThat(allowed.get(id)).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 8, 64})
    void anySubstringCountGivesScanDistances(int substrings) {
        int n = 2000;
        // many exact duplicates and near-duplicates: ties at the k-th distance and codes met in several tables
        long[] codes = Synthetic.structuredCodes(n, 64, 12, substrings);
        for (int i = 0; i < n; i += 3) {
            codes[i] = codes[i % 40];
        }
        HammingScan scan = new HammingScan(codes, n, 64);
        MultiIndexHashing mih = new MultiIndexHashing(codes, n, 64, substrings);
        BitSet allowed = HammingScanTest.randomFilter(n, 0.1, substrings);
        for (int q = 0; q < 30; q++) {
            long[] query = {q % 2 == 0 ? codes[q * 61 % n] : codes[q * 61 % n] ^ (0xF0F0L << q)};
            for (int k : new int[] {1, 7, 10, 250}) {
                HammingHits got = mih.search(query, k, null);
                // the same hits as the scan, ties at the k-th distance included
                assertThat(got).as("m=%d q=%d k=%d", substrings, q, k).usingRecursiveComparison().isEqualTo(scan.search(query, k, null));
                assertThat(got.ids()).doesNotHaveDuplicates();
                assertExactDistances(codes, 1, query, got);
                HammingHits filtered = mih.search(query, k, allowed);
                assertThat(filtered).usingRecursiveComparison().isEqualTo(scan.search(query, k, allowed));
                assertThat(filtered.ids()).doesNotHaveDuplicates();
                assertExactDistances(codes, 1, query, filtered);
            }
        }
    }

    @Test
    void twoMillionCodesFitSixteenBytesEach() {
        int n = 1 << 21;
        long[] codes = new long[n];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            codes[i] = rnd.nextLong();
        }
        MultiIndexHashing mih = new MultiIndexHashing(codes, n, 64);
        assertThat(MultiIndexHashing.suggestedSubstrings(n, 64)).isEqualTo(4);
        // 6 B of stored bits, 21-bit ids, three 18-bit posting lists, offsets: about 15.9 B
        assertThat((double) mih.bytes() / n).isLessThanOrEqualTo(16.0).isGreaterThan(14.0);
        HammingScan scan = new HammingScan(codes, n, 64);
        for (int q = 0; q < 5; q++) {
            long[] query = {codes[q * 100_003] ^ 0x1010_0000_0001L};
            assertThat(mih.search(query, 10, null)).usingRecursiveComparison().isEqualTo(scan.search(query, 10, null));
        }
    }

    @ParameterizedTest
    // 64 bits, 4 tables: 48 stored bits, ids split between the 16 spare bits and packed high bits (n > 2^16);
    // 80 bits, 5 tables: exactly one stored word, no spare bits, every id bit packed
    @ValueSource(ints = {64, 80})
    void idsSurviveEveryStoredLayout(int bits) {
        int n = 70_000;
        int words = Codes.words(bits);
        long[] codes = Synthetic.structuredCodes(n, bits, 20, bits);
        MultiIndexHashing mih = new MultiIndexHashing(codes, n, bits, bits / 16);
        HammingScan scan = new HammingScan(codes, n, bits);
        for (int q = 0; q < 20; q++) {
            long[] query = Synthetic.row(codes, (q * 7919 + 65_536) % n, words);
            HammingHits got = mih.search(query, 10, null);
            assertThat(got).as("bits=%d q=%d", bits, q).usingRecursiveComparison().isEqualTo(scan.search(query, 10, null));
            assertExactDistances(codes, words, query, got);
        }
    }

    @Test
    void returnsEverythingWhenKExceedsSize() {
        long[] codes = Synthetic.randomCodes(50, 64, 3);
        MultiIndexHashing mih = new MultiIndexHashing(codes, 50, 64, 4);
        HammingHits hits = mih.search(Synthetic.row(codes, 0, 1), 80, null);
        assertThat(hits.ids()).hasSize(50).doesNotHaveDuplicates();
        assertThat(hits.distances()).isSorted();
    }

    @Test
    void rejectsSubstringsLongerThanTables() {
        long[] codes = Synthetic.randomCodes(10, 64, 3);
        assertThatThrownBy(() -> new MultiIndexHashing(codes, 10, 64, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("substrings");
    }

    private static void assertExactDistances(long[] codes, int words, long[] query, HammingHits hits) {
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.distances()[i]).isEqualTo(Codes.distance(codes, hits.ids()[i] * words, query, 0, words));
        }
    }
}
