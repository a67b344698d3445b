package org.deq.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deq.index.Distance;
import org.junit.jupiter.api.Test;

class PackedVectorsTest {

    /** A distance of packed rows that may stop past a limit. */
    private interface Bounded {
        float at(float[] a, int ao, float[] b, int bo, int dim, float limit);
    }

    @Test
    void boundedDistancesAreExactWithinTheLimitAndALowerBoundBeyondIt() {
        Bounded[] bounded = {PackedVectors::sqDistanceAtMost, PackedVectors::l1DistanceAtMost, PackedVectors::chi2DistanceAtMost};
        Bounded[] exactOf = {
            (a, ao, b, bo, dim, limit) -> PackedVectors.sqDistance(a, ao, b, bo, dim),
            (a, ao, b, bo, dim, limit) -> PackedVectors.l1Distance(a, ao, b, bo, dim),
            (a, ao, b, bo, dim, limit) -> Distance.CHI2.distance(Arrays.copyOfRange(a, ao, ao + dim), b, bo, dim),
        };
        SplittableRandom rnd = new SplittableRandom(3);
        for (int f = 0; f < bounded.length; f++) {
            Bounded atMost = bounded[f];
            for (int dim : new int[] {1, 3, 4, 7, 31, 32, 37, 128, 130}) {
                for (int trial = 0; trial < 50; trial++) {
                    float[] a = new float[dim + 5];
                    float[] b = new float[2 * dim + 3];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) rnd.nextGaussian() * 3 + (f == 2 ? 3 : 0); // histograms: mostly positive bins
                    }
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (float) rnd.nextGaussian() * 3 + (f == 2 ? 3 : 0);
                    }
                    float exact = exactOf[f].at(a, 5, b, dim, dim, 0);
                    // same sums in the same order: equal to the bit, whatever limit lets it finish
                    assertThat(atMost.at(a, 5, b, dim, dim, exact)).as("distance %d, dim %d", f, dim).isEqualTo(exact);
                    assertThat(atMost.at(a, 5, b, dim, dim, Float.POSITIVE_INFINITY)).isEqualTo(exact);
                    float limit = exact * (float) rnd.nextDouble();
                    float early = atMost.at(a, 5, b, dim, dim, limit);
                    if (early != exact) {
                        assertThat(early).isGreaterThan(limit).isLessThanOrEqualTo(exact);
                    }
                    float first = atMost.at(a, 5, b, dim, dim, Float.NEGATIVE_INFINITY);
                    assertThat(first).isLessThanOrEqualTo(exact);
                    if (dim >= 8) {
                        // stopped after the first look at 4 dimensions
                        assertThat(first).isEqualTo(exactOf[f].at(a, 5, b, dim, 4, 0));
                    }
                }
            }
        }
    }

    @Test
    void growingPastTwoToThe30ElementsStaysPositiveAndStopsAtTheLongestArray() {
        assertThat(PackedVectors.grownLength(0, 5)).isEqualTo(5);
        assertThat(PackedVectors.grownLength(10, 11)).isEqualTo(15);
        assertThat(PackedVectors.grownLength(10, 40)).isEqualTo(40);
        // 1.5 × 1.5e9 overflows an int: the growth is capped instead of going negative
        assertThat(PackedVectors.grownLength(1_500_000_000, 1_500_000_001L)).isEqualTo(PackedVectors.MAX_ARRAY);
        assertThat(PackedVectors.grownLength(1 << 30, (1L << 30) + 1)).isEqualTo((1 << 30) + (1 << 29));
        assertThat(PackedVectors.grownLength(PackedVectors.MAX_ARRAY - 1, PackedVectors.MAX_ARRAY)).isEqualTo(PackedVectors.MAX_ARRAY);
    }
}
