package org.deq.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Encoders;
import org.junit.jupiter.api.Test;

/** The second stage re-ranks the Hamming shortlist exactly: as sorting every candidate by the distance would. */
class TwoStageIndexTest {

    private static final int N = 1500;
    private static final int DIM = HammingIndexTest.DIM;

    private static HammingIndex hamming(float[] data, int bits, HammingIndex.Lookup lookup) {
        BinaryEncoder lsh = Encoders.parse("lsh:bits=" + bits).train(data, N, DIM, null, 22);
        HammingIndex index = new HammingIndex(lsh, lookup, 0);
        index.add(data);
        return index;
    }

    /** The k allowed ids of {@code candidates} nearest by {@code distance}, ties by id, as the reference. */
    private static int[] sortedCandidates(int[] candidates, float[] data, float[] query, Distance distance, int k) {
        long[] keyed = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            float d = distance.distance(query, data, candidates[i] * DIM, DIM);
            keyed[i] = ((long) Float.floatToIntBits(d) << 32) | candidates[i];
        }
        Arrays.sort(keyed);
        int[] ids = new int[Math.min(k, keyed.length)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) keyed[i];
        }
        return ids;
    }

    @Test
    void allCandidatesGiveTheExactNeighbours() {
        float[] data = HammingIndexTest.clustered(N, 21);
        TwoStageIndex twoStage = TwoStageIndex.over(hamming(data, 32, HammingIndex.Lookup.SCAN), data.clone(), Distance.L2, N);
        FlatIndex exact = FlatIndex.over(data, DIM, Distance.L2, 1);
        for (int q = 0; q < 10; q++) {
            float[] query = HammingIndexTest.row(data, q * 31);
            SearchResult hits = twoStage.search(query, 10, null);
            assertThat(hits.ids()).containsExactly(exact.search(query, 10, null).ids());
            assertThat(hits.distances()).isSorted();
        }
    }

    @Test
    void reRankEqualsSortingEveryCandidateForEveryDistance() {
        float[] data = HammingIndexTest.clustered(N, 26);
        HammingIndex codes = hamming(data, 32, HammingIndex.Lookup.SCAN);
        // L1 and L2 stop early on rows beyond the k-th distance, χ² too; cosine computes each row in full
        for (Distance distance : Distance.values()) {
            TwoStageIndex twoStage = TwoStageIndex.over(codes, data.clone(), distance, 200);
            for (int q = 0; q < 10; q++) {
                float[] query = HammingIndexTest.row(data, q * 37 + 5);
                int[] shortlist = codes.search(query, 200, null).ids();
                for (int k : new int[] {1, 10, 60}) {
                    int[] expected = sortedCandidates(shortlist, data, query, distance, k);
                    SearchResult hits = twoStage.search(query, k, null);
                    assertThat(hits.ids()).as("%s k=%d", distance, k).containsExactly(expected);
                    for (int i = 0; i < k; i++) {
                        assertThat(hits.distances()[i]).isEqualTo(
                                distance.report(distance.distance(query, data, expected[i] * DIM, DIM)));
                    }
                }
            }
        }
    }

    @Test
    void fewCandidatesReRankTheFilteredHammingShortlist() {
        float[] data = HammingIndexTest.clustered(N, 23);
        HammingIndex mih = hamming(data, 64, HammingIndex.Lookup.MIH);
        TwoStageIndex twoStage = TwoStageIndex.over(mih, data.clone(), Distance.L2, 100);
        BitSet allowed = new BitSet(N);
        Random rnd = new Random(25);
        for (int i = 0; i < N; i++) {
            if (rnd.nextBoolean()) {
                allowed.set(i);
            }
        }
        float[] query = HammingIndexTest.row(data, 7);
        SearchResult hits = twoStage.search(query, 10, allowed);
        int[] shortlist = mih.search(query, 100, allowed).ids();
        assertThat(hits.ids()).hasSize(10).containsExactly(sortedCandidates(shortlist, data, query, Distance.L2, 10));
        assertThat(hits.distances()).isSorted();
        for (int id : hits.ids()) {
            assertThat(allowed.get(id)).isTrue();
        }
        // re-ranking finds at least as many of the allowed exact neighbours as the raw Hamming top 10
        int[] exact = FlatIndex.over(data, DIM, Distance.L2, 1).search(query, 10, allowed).ids();
        assertThat(overlap(hits.ids(), exact)).isGreaterThanOrEqualTo(overlap(mih.search(query, 10, allowed).ids(), exact));
    }

    private static int overlap(int[] a, int[] b) {
        return (int) Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
    }
}
