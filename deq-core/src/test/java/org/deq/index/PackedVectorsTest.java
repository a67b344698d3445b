package org.deq.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedVectorsTest {

    @Test
    void boundedDistanceIsExactWithinTheLimitAndALowerBoundBeyondIt() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int dim : new int[] {1, 3, 4, 7, 31, 32, 37, 128, 130}) {
            for (int trial = 0; trial < 50; trial++) {
                float[] a = new float[dim + 5];
                float[] b = new float[2 * dim + 3];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rnd.nextGaussian() * 3;
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextGaussian() * 3;
                }
                float exact = PackedVectors.sqDistance(a, 5, b, dim, dim);
                // same sums in the same order: equal to the bit, whatever limit lets it finish
                assertThat(PackedVectors.sqDistanceAtMost(a, 5, b, dim, dim, exact)).isEqualTo(exact);
                assertThat(PackedVectors.sqDistanceAtMost(a, 5, b, dim, dim, Float.POSITIVE_INFINITY)).isEqualTo(exact);
                float limit = exact * (float) rnd.nextDouble();
                float early = PackedVectors.sqDistanceAtMost(a, 5, b, dim, dim, limit);
                if (early != exact) {
                    assertThat(early).isGreaterThan(limit).isLessThanOrEqualTo(exact);
                }
                float first = PackedVectors.sqDistanceAtMost(a, 5, b, dim, dim, Float.NEGATIVE_INFINITY);
                assertThat(first).isLessThanOrEqualTo(exact);
                if (dim >= 8) {
                    // stopped after the first look at 4 dimensions
                    assertThat(first).isEqualTo(PackedVectors.sqDistance(a, 5, b, dim, 4));
                }
            }
        }
    }
}
