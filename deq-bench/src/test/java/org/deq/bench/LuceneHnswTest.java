package org.deq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW baseline honours the index contract: filters and an excluded id, never by post-filtering. */
class LuceneHnswTest {

    private static final int N = 2000;
    private static final int DIM = 16;

    @TempDir
    Path tmp;

    @Test
    void filteredSearchesReturnOnlyAllowedIdsNearlyAsTheExactScanDoes() throws Exception {
        Random rnd = new Random(3);
        float[] data = new float[N * DIM];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextGaussian();
        }
        BitSet allowed = new BitSet(N);
        for (int i = 0; i < N; i++) {
            if (rnd.nextInt(10) < 3) {
                allowed.set(i);
            }
        }
        FlatIndex exact = FlatIndex.over(data, DIM, Distance.L2, 1);
        int found = 0;
        int wanted = 0;
        try (LuceneHnsw hnsw = new LuceneHnsw(tmp.resolve("hnsw"), DIM, 16, 100)) {
            hnsw.add(Arrays.copyOf(data, N / 2 * DIM)); // two segments: doc ids stay ordinals across them
            hnsw.add(Arrays.copyOfRange(data, N / 2 * DIM, N * DIM));
            for (int q = 0; q < 20; q++) {
                int self = allowed.nextSetBit(q * 97);
                float[] query = Arrays.copyOfRange(data, self * DIM, (self + 1) * DIM);
                int[] ids = hnsw.search(query, 10, allowed, self).ids();
                assertThat(ids).hasSize(10).doesNotContain(self);
                for (int id : ids) {
                    assertThat(allowed.get(id)).as("id %d", id).isTrue();
                }
                int[] truth = exact.search(query, 10, allowed, self).ids();
                for (int id : truth) {
                    found += Arrays.stream(ids).anyMatch(x -> x == id) ? 1 : 0;
                }
                wanted += truth.length;
                // no filter, one id left out
                assertThat(hnsw.search(query, 5, null, self).ids()).hasSize(5).doesNotContain(self);
                assertThat(hnsw.search(query, 1, null).ids()).containsExactly(self);
            }
            BitSet none = new BitSet(N);
            assertThat(hnsw.search(Arrays.copyOf(data, DIM), 5, none, -1).ids()).isEmpty();
        }
        assertThat((double) found / wanted).as("filtered recall@10").isGreaterThan(0.9);
    }
}
