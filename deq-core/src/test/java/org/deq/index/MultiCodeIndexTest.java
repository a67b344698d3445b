package org.deq.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiCodeIndexTest {

    private static final int REGIONS = 4;
    private static final int REGION_DIM = 12;
    private static final int N = 300;

    /** Images made of regions drawn from 6 region types, so that images share primitives. */
    private static float[] images(long seed) {
        Random rnd = new Random(seed);
        float[] types = new float[6 * REGION_DIM];
        for (int i = 0; i < types.length; i++) {
            types[i] = (float) (3 * rnd.nextGaussian());
        }
        float[] x = new float[N * REGIONS * REGION_DIM];
        for (int r = 0; r < N * REGIONS; r++) {
            int t = rnd.nextInt(6);
            for (int j = 0; j < REGION_DIM; j++) {
                x[r * REGION_DIM + j] = types[t * REGION_DIM + j] + (float) (0.3 * rnd.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void anImageIsNearestToItselfAndTrainingIsReproducible() {
        float[] data = images(1);
        MultiCodeIndex a = MultiCodeIndex.train(data, REGIONS, REGION_DIM, 1f, 6, "lsh:bits=16", 3);
        MultiCodeIndex b = MultiCodeIndex.train(data, REGIONS, REGION_DIM, 1f, 6, "lsh:bits=16", 3);
        int dim = REGIONS * REGION_DIM;
        for (int q = 0; q < N; q += 17) {
            float[] query = Arrays.copyOfRange(data, q * dim, (q + 1) * dim);
            SearchResult self = a.search(query, 5, null, -1);
            assertThat(self.distances()[0]).isZero();
            assertThat(self.ids()).contains(q);
            SearchResult others = a.search(query, 5, null, q);
            assertThat(others.ids()).hasSize(5).doesNotContain(q);
            assertThat(b.search(query, 5, null, q).ids()).containsExactly(others.ids());
        }
    }

    @Test
    void restoredFromItsStateItRanksTheSameAndAddsEncodeWithTheTrainedModel() throws Exception {
        float[] data = images(2);
        int dim = REGIONS * REGION_DIM;
        int first = 200;
        float[] head = Arrays.copyOf(data, first * dim);
        float[] tail = Arrays.copyOfRange(data, first * dim, data.length);
        MultiCodeIndex trained = MultiCodeIndex.train(head, REGIONS, REGION_DIM, 1f, 6, "lsh:bits=16", 3);
        MultiCodeIndex restored = MultiCodeIndex.restore(trained.state(), head);
        assertThat(restored.size()).isEqualTo(first);
        trained.add(tail);
        MultiCodeIndex reopened = MultiCodeIndex.restore(trained.state(), data);
        assertThat(trained.size()).isEqualTo(N).isEqualTo(reopened.size());
        for (int q = 0; q < N; q += 13) {
            float[] query = Arrays.copyOfRange(data, q * dim, (q + 1) * dim);
            SearchResult a = trained.search(query, 7, null, -1);
            assertThat(reopened.search(query, 7, null, -1).ids()).containsExactly(a.ids());
            assertThat(a.ids()).contains(q); // an added image is found like a trained one
            if (q < first) {
                assertThat(restored.search(query, 7, null, -1).distances()[0]).isZero();
            }
        }
        assertThatThrownBy(() -> trained.add(new float[dim + 1])).isInstanceOf(IllegalArgumentException.class);
    }
}
