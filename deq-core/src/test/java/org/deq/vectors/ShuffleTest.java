package org.deq.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    @Test
    void aRangeIsPermutedInPlaceAndTheRestLeftAsItWas() {
        int[] a = IntStream.range(0, 50).toArray();
        Shuffle.range(a, 10, 40, new Random(3));
        assertThat(Arrays.copyOfRange(a, 0, 10)).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(Arrays.copyOfRange(a, 40, 50)).containsExactly(IntStream.range(40, 50).toArray());
        assertThat(Arrays.copyOfRange(a, 10, 40)).containsExactlyInAnyOrder(IntStream.range(10, 40).toArray())
                .isNotEqualTo(IntStream.range(10, 40).toArray());
    }

    @Test
    void theDrawsAreTheClassicFisherYatesOnesSoSeededOrdersDoNotMove() {
        int[] a = IntStream.range(0, 20).toArray();
        Shuffle.range(a, 0, a.length, new Random(7));
        int[] b = IntStream.range(0, 20).toArray();
        Random rnd = new Random(7);
        for (int i = b.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        assertThat(a).containsExactly(b);
    }
}
