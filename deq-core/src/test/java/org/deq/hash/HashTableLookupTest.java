package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
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
