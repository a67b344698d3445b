package org.deq.cli;

/** Checks of count options (--k, --threads, ...), made before any work so a typo costs nothing. */
final class Counts {

    private Counts() {
    }

    /** Refuses {@code value} below 1 with a line naming {@code option}; null (an option not given) passes. */
    static void atLeastOne(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** Refuses a percentage outside 1..99 with a line naming {@code option}; null (an option not given) passes. */
    static void percent(String option, Integer value) {
        if (value != null && (value < 1 || value > 99)) {
            throw new IllegalArgumentException(option + " must be a percentage within 1..99, got " + value);
        }
    }
}
