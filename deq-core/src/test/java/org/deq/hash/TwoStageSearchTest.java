package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class TwoStageSearchTest {

    private static final int N = 1500;
    private static final int DIM = 24;

    @Test
    void allCandidatesGiveExactL2Neighbours() {
        float[] data = Synthetic.clustered(N, DIM, 10, 21);
        BinaryEncoder lsh = RandomHyperplaneLsh.train(data, N, DIM, 32, 22);
        long[] codes = lsh.encodeAll(data, N);
        TwoStageSearch search = new TwoStageSearch(new HammingScan(codes, N, 32), data, DIM, Synthetic.SQUARED_L2);
        for (int q = 0; q < 10; q++) {
            float[] query = Synthetic.row(data, q * 31, DIM);
            RankedHits hits = search.search(lsh.encode(query), query, 10, N, null);
            assertThat(hits.ids()).containsExactly(Synthetic.exactKnn(data, N, DIM, query, 10));
            assertThat(hits.distances()).isSorted();
        }
    }

    @Test
    void reRankEqualsSortingEveryCandidateForAnyDistance() {
        float[] data = Synthetic.clustered(N, DIM, 10, 26);
        BinaryEncoder lsh = RandomHyperplaneLsh.train(data, N, DIM, 32, 27);
        HammingScan scan = new HammingScan(lsh.encodeAll(data, N), N, 32);
        // L1 through the default full-distance bound, squared L2 through its early exit
        DescriptorDistance l1 = (a, aOff, b, bOff, dim) -> {
            float s = 0;
            for (int i = 0; i < dim; i++) {
                s += Math.abs(a[aOff + i] - b[bOff + i]);
            }
            return s;
        };
        for (DescriptorDistance distance : new DescriptorDistance[] {l1, Synthetic.SQUARED_L2}) {
            TwoStageSearch search = new TwoStageSearch(scan, data, DIM, distance);
            for (int q = 0; q < 10; q++) {
                float[] query = Synthetic.row(data, q * 37 + 5, DIM);
                long[] code = lsh.encode(query);
                for (int k : new int[] {1, 10, 60}) {
                    int[] shortlist = scan.search(code, 200, null).ids();
                    long[] keyed = new long[shortlist.length];
                    for (int i = 0; i < shortlist.length; i++) {
                        float d = distance.distance(query, 0, data, shortlist[i] * DIM, DIM);
                        keyed[i] = ((long) Float.floatToIntBits(d) << 32) | shortlist[i];
                    }
                    Arrays.sort(keyed);
                    RankedHits hits = search.search(code, query, k, 200, null);
                    assertThat(hits.size()).isEqualTo(k);
                    for (int i = 0; i < k; i++) {
                        assertThat(hits.ids()[i]).isEqualTo((int) keyed[i]);
                        assertThat(hits.distances()[i]).isEqualTo(Float.intBitsToFloat((int) (keyed[i] >>> 32)));
                    }
                }
            }
        }
    }

    @Test
    void fewCandidatesAreReRankedHammingShortlist() {
        float[] data = Synthetic.clustered(N, DIM, 10, 23);
        BinaryEncoder lsh = RandomHyperplaneLsh.train(data, N, DIM, 64, 24);
        long[] codes = lsh.encodeAll(data, N);
        MultiIndexHashing mih = new MultiIndexHashing(codes, N, 64);
        TwoStageSearch search = new TwoStageSearch(mih, data, DIM, Synthetic.SQUARED_L2);
        BitSet allowed = HammingScanTest.randomFilter(N, 0.5, 25);
        float[] query = Synthetic.row(data, 7, DIM);
        long[] code = lsh.encode(query);
        RankedHits hits = search.search(code, query, 10, 100, allowed);
        int[] shortlist = mih.search(code, 100, allowed).ids();
        assertThat(hits.ids()).hasSize(10);
        assertThat(shortlist).contains(hits.ids());
        assertThat(hits.distances()).isSorted();
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.distances()[i]).isEqualTo(Synthetic.SQUARED_L2.distance(query, 0, data, hits.ids()[i] * DIM, DIM));
        }
        // re-ranking recovers at least as many true neighbours (among allowed) as the raw Hamming top 10
        assertThat(overlapWithExact(hits.ids(), data, allowed, query)).isGreaterThanOrEqualTo(
                overlapWithExact(mih.search(code, 10, allowed).ids(), data, allowed, query));
    }

    private static int overlapWithExact(int[] ids, float[] data, BitSet allowed, float[] query) {
        float[] kept = new float[allowed.cardinality() * DIM];
        int[] original = new int[allowed.cardinality()];
        int c = 0;
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
            System.arraycopy(data, i * DIM, kept, c * DIM, DIM);
            original[c++] = i;
        }
        int overlap = 0;
        for (int t : Synthetic.exactKnn(kept, c, DIM, query, 10)) {
            for (int id : ids) {
                if (id == original[t]) {
                    overlap++;
                }
            }
        }
        return overlap;
    }
}
