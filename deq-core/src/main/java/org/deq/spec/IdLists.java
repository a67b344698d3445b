package org.deq.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of a list of patch ids a user gives (CLI option or JSON field), with the same words on both. */
public final class IdLists {

    private IdLists() {
    }

    /**
     * Refuses an empty id or one given twice, naming {@code field} ({@code --query} on the CLI, {@code query} over
     * HTTP): a repeated id is a typo more often than an intent, and silently dropping it hides that.
     */
    public static List<String> distinct(String field, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(field + " holds an empty id");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(field + " gives '" + id + "' twice");
            }
        }
        return List.copyOf(ids);
    }
}
