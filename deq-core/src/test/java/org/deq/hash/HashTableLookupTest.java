package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashTableLookupTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void findsExactlyTheScanHitsWithinTheProbeRadius(int bits) {
        int n = 3000;
        int radius = 3;
        // centres with few flipped bits give many codes within the radius, and duplicates at 16 bits
        long[] codes = Synthetic.structuredCodes(n, bits, 40, bits);
        HashTableLookup lookup = new HashTableLookup(codes, n, bits, radius);
        HammingScan scan = new HammingScan(codes, n, bits);
        BitSet allowed = HammingScanTest.randomFilter(n, 0.4, 5);
        for (int q = 0; q < 30; q++) {
            long[] query = Synthetic.row(codes, q * 97 % n, 1);
            for (BitSet filter : new BitSet[] {null, allowed}) {
                for (int k : new int[] {1, 10, 200}) {
                    HammingHits all = scan.search(query, n, filter);
                    int within = 0;
                    while (within < all.size() && all.distances()[within] <= radius) {
                        within++;
                    }
                    HammingHits expected = scan.search(query, Math.min(k, within), filter);
                    HammingHits got = lookup.search(query, k, filter);
                    assertThat(got.distances()).isEqualTo(expected.distances());
                    if (k >= within) {
                        assertThat(sorted(got.ids())).isEqualTo(sorted(expected.ids()));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 20, 64})
    void aLargeRadiusScansTheKeysAndAnswersAsTheProbesWould(int radius) {
        // C(64, 8) = 4.4e9 probes took a minute on 200 codes; the keys are scanned instead, in the same order
        int n = 500;
        long[] codes = Synthetic.structuredCodes(n, 64, 20, 24);
        HashTableLookup lookup = new HashTableLookup(codes, n, 64, radius);
        BitSet allowed = HammingScanTest.randomFilter(n, 0.5, 3);
        for (int q = 0; q < 20; q++) {
            long[] query = Synthetic.row(codes, q * 31 % n, 1);
            for (BitSet filter : new BitSet[] {null, allowed}) {
                HammingHits got = lookup.search(query, 50, filter);
                // by distance, then id, within the radius
                int[] expectedIds = IntStream.range(0, n)
                        .filter(i -> (filter == null || filter.get(i)) && Long.bitCount(codes[i] ^ query[0]) <= radius)
                        .boxed().sorted(Comparator.<Integer>comparingInt(i -> Long.bitCount(codes[i] ^ query[0]))
                                .thenComparingInt(i -> i))
                        .limit(50).mapToInt(Integer::intValue).toArray();
                assertThat(got.ids()).isEqualTo(expectedIds);
                for (int i = 0; i < expectedIds.length; i++) {
                    assertThat(got.distances()[i]).isEqualTo(Long.bitCount(codes[expectedIds[i]] ^ query[0]));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 128})
    void rejectsCodesLongerThanOneWord(int bits) {
        long[] codes = Synthetic.randomCodes(10, bits, 1);
        assertThatThrownBy(() -> new HashTableLookup(codes, 10, bits, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 bits");
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
