package org.deq.archive;

import java.util.ArrayList;
import java.util.List;

/** A count of things an ingest notes, with the first few as examples: a note names some, never thousands. */
final class NotedExamples {

    /** How many examples a note names. */
    private static final int NAMED = 3;

    private final List<String> first = new ArrayList<>(NAMED);
    private long count;

    /** Counts one more, kept as an example while fewer than {@value #NAMED} are. */
    void add(String example) {
        count++;
        if (first.size() < NAMED) {
            first.add(example);
        }
    }

    /** How many were counted. */
    long count() {
        return count;
    }

    /** The count with its noun: "1 patch", "2 patches". */
    String counted(String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /** The examples, comma-separated, with "..." when more were counted. */
    String examples() {
        return String.join(", ", first) + (count > first.size() ? ", ..." : "");
    }
}
