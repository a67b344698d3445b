package org.deq.vectors;

import java.util.Random;

/**
 * The seeded Fisher–Yates shuffle that encoder training, evaluation splits and feedback simulation share, so that a
 * seed draws the same order everywhere.
 */
public final class Shuffle {

    private Shuffle() {
    }

    /** Shuffles {@code a[from, to)} in place: from the last place down, each swaps with one drawn at or before it. */
    public static void range(int[] a, int from, int to, Random rnd) {
        for (int i = to - from - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[from + i];
            a[from + i] = a[from + j];
            a[from + j] = t;
        }
    }
}
