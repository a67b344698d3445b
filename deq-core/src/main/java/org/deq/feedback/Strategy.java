package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import org.deq.spec.EnumNames;

/** How the next images to mark are chosen. */
public enum Strategy {

    /** The best-ranked images not marked yet: what a user scrolling the results would mark. */
    TOP,
    /**
     * Active learning after Demir &amp; Bruzzone (TGRS 2015): the most uncertain unmarked images (smallest |SVM score|)
     * among the best-ranked ({@link Candidates}), clustered by k-means on their descriptors, the most central of each
     * cluster, so the marks are diverse and representative.
     */
    ACTIVE;

    /** The name used in JSON (reports included, so rows and spec agree) and on the command line. */
    @JsonValue
    public String key() {
        return EnumNames.key(this);
    }

    /** Parses {@code top} or {@code active}, case-insensitively. */
    public static Strategy parse(String name) {
        return EnumNames.parse(Strategy.class, name, Strategy::key, "selection strategy");
    }
}
