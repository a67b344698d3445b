package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HammingScanTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 100, 256})
    void countingTopKEqualsSortedBruteForce(int bits) {
        int n = 1500;
        int words = Codes.words(bits);
        long[] codes = Synthetic.structuredCodes(n, bits, 8, bits);
        HammingScan scan = new HammingScan(codes, n, bits);
        BitSet allowed = randomFilter(n, 0.3, bits);
        for (int q = 0; q < 20; q++) {
            long[] query = Synthetic.row(codes, q * 7, words);
            for (int k : new int[] {1, 10, 57}) {
                assertThat(scan.search(query, k, null)).usingRecursiveComparison().isEqualTo(bruteForce(codes, n, words, query, k, null));
                assertThat(scan.search(query, k, allowed)).usingRecursiveComparison().isEqualTo(bruteForce(codes, n, words, query, k, allowed));
            }
        }
    }

    @Test
    void shortResultWhenFilterAllowsFewerThanK() {
        int bits = 64;
        long[] codes = Synthetic.randomCodes(300, bits, 1);
        BitSet allowed = new BitSet();
        allowed.set(5);
        allowed.set(200);
        allowed.set(299);
        HammingHits hits = new HammingScan(codes, 300, bits).search(Synthetic.row(codes, 0, 1), 10, allowed);
        assertThat(hits.ids()).containsExactlyInAnyOrder(5, 200, 299);
    }

    static BitSet randomFilter(int n, double keep, long seed) {
        Random rnd = new Random(seed);
        BitSet allowed = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() < keep) {
                allowed.set(i);
            }
        }
        return allowed;
    }

    /** Reference: sort every allowed code by (distance, id). */
    private static HammingHits bruteForce(long[] codes, int n, int words, long[] q, int k, BitSet allowed) {
        long[] keyed = new long[n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (allowed == null || allowed.get(i)) {
                keyed[c++] = ((long) Codes.distance(codes, i * words, q, 0, words) << 32) | i;
            }
        }
        Arrays.sort(keyed, 0, c);
        int size = Math.min(k, c);
        int[] ids = new int[size];
        int[] d = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (int) keyed[i];
            d[i] = (int) (keyed[i] >>> 32);
        }
        return new HammingHits(ids, d);
    }
}
