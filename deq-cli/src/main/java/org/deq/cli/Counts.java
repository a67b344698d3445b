package org.deq.cli;

import java.util.ArrayList;
import java.util.List;
import org.deq.spec.IdLists;

/**
 * Checks of count and id-list options (--k, --threads, --query, ...) and of options given in the wrong mode, made before
 * any work so a typo costs nothing.
 */
final class Counts {

    private Counts() {
    }

    /** Refuses {@code value} below 1 with a line naming {@code option}; null (an option not given) passes. */
    static void atLeastOne(String option, Integer value) {
        if (value != null) {
            atLeast(option, value, 1);
        }
    }

    /** The most workers a --threads may ask for: a fork-join pool's limit. */
    static final int MAX_THREADS = 32767;

    /** Refuses a --threads outside 1..{@link #MAX_THREADS}; null (not given: all cores) passes. */
    static void threads(Integer value) {
        if (value != null) {
            within("--threads", value, 1, MAX_THREADS);
        }
    }

    /** Refuses {@code value} below {@code min} with a line naming {@code option}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** Refuses {@code value} outside {@code min..max} with a line naming {@code option} and the range. */
    static void within(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be within " + min + ".." + max + ", got " + value);
        }
    }

    /** Refuses a percentage outside 1..99 with a line naming {@code option}; null (an option not given) passes. */
    static void percent(String option, Integer value) {
        if (value != null && (value < 1 || value > 99)) {
            throw new IllegalArgumentException(option + " must be a percentage within 1..99, got " + value);
        }
    }

    /** The value label of an id-list option, split by {@link #ids}: as picocli shows an option it splits itself. */
    static final String ID_LIST = "ID[,ID...]";

    /**
     * The ids of a list option, each value split at every comma here, not by picocli (whose split drops trailing empty
     * strings, so "a," read as "a" while ",a" was refused) and trimmed (a space after a comma is no part of an id); an
     * empty id or one given twice is refused naming {@code option}; null (an option not given) is an empty list.
     */
    static List<String> ids(String option, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String id : value.split(",", -1)) {
                out.add(id.strip());
            }
        }
        return IdLists.distinct(option, out); // the server's words for its JSON fields
    }

    /**
     * The name of the first of {@code (name, value)} pairs whose value was given (not null), or null: a refusal of options
     * that belong to another mode names the one the user gave, not all it might have.
     */
    static String firstGiven(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                return (String) namesAndValues[i];
            }
        }
        return null;
    }
}
