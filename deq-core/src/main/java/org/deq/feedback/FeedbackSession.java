package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A relevance-feedback session as a value: the query examples (several ids make a query by several examples), the
 * candidate pool (empty: the whole archive) and the user's marks (id → relevant), in marking order. Ids are patch ids
 * of the index the session was started on. Every change returns a new session.
 *
 * @param name  file-safe session name
 * @param index the index directory the ids refer to
 * @param query the query examples, relevant by definition
 * @param pool  the candidate pool's ids; empty for the whole archive
 * @param marks   id → true (relevant) or false (irrelevant), in marking order
 * @param round   number of times marks were added
 * @param history the marks each of the last rounds added, the latest last: every round's in a session started since deq
 *                keeps them; a session saved before holds only the rounds marked since (fewer entries than rounds)
 * @param indexCreated when the index the session was started on was created ({@code IndexStore.created()}), which tells
 *                     a rebuilt index from the one the ids came from; null in a session saved before deq kept it
 */
public record FeedbackSession(String name, String index, List<String> query, List<String> pool,
                              Map<String, Boolean> marks, int round, List<Map<String, Boolean>> history,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String indexCreated) {

    /** What a session name may be: {@link #checkName}. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Checks the fields and freezes the collections. */
    public FeedbackSession {
        if (name == null) { // a file without it would otherwise read as a name breaking the naming rule
            throw new IllegalArgumentException("the field name is missing: a session needs its name");
        }
        checkName(name);
        if (query == null || query.isEmpty()) {
            throw new IllegalArgumentException("session '" + name + "': no query example; give at least one patch id");
        }
        if (index == null) {
            throw new IllegalArgumentException("session '" + name + "': the field index is missing");
        }
        query = List.copyOf(query);
        pool = pool == null ? List.of() : List.copyOf(pool);
        marks = marks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(marks));
        for (Map.Entry<String, Boolean> m : marks.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("session '" + name + "': a mark without id or relevance");
            }
        }
        if (round < 0) {
            throw new IllegalArgumentException("session '" + name + "': negative round " + round);
        }
        List<Map<String, Boolean>> rounds = new ArrayList<>();
        for (Map<String, Boolean> added : history == null ? List.<Map<String, Boolean>>of() : history) {
            if (added == null) {
                throw new IllegalArgumentException("session '" + name + "': a history round without marks");
            }
            for (Map.Entry<String, Boolean> m : added.entrySet()) { // no containsKey(null): Map.of throws on it
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("session '" + name + "': a history mark without id or relevance");
                }
            }
            rounds.add(Collections.unmodifiableMap(new LinkedHashMap<>(added)));
        }
        if (rounds.size() > round) {
            throw new IllegalArgumentException("session '" + name + "': a history of " + rounds.size() + " rounds in round "
                    + round);
        }
        history = List.copyOf(rounds);
    }

    /** The same session under another name (a copied file is a fork saved under its own name). */
    public FeedbackSession withName(String newName) {
        return new FeedbackSession(newName, index, query, pool, marks, round, history, indexCreated);
    }

    /** Checks that a session name is file-safe: 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("session name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** A new session without marks, on an index whose creation time is not known. */
    public static FeedbackSession start(String name, String index, List<String> query, List<String> pool) {
        return start(name, index, null, query, pool);
    }

    /** A new session without marks on the index in {@code index}, created at {@code indexCreated}. */
    public static FeedbackSession start(String name, String index, String indexCreated, List<String> query, List<String> pool) {
        return new FeedbackSession(name, index, query, pool, Map.of(), 0, List.of(), indexCreated);
    }

    /**
     * This session with more marks (a later mark of the same id replaces the earlier one) and the round counted; this
     * session itself when it already holds every one of the marks (no new round). Marking nothing, or marking a query
     * example, is an IllegalArgumentException.
     */
    public FeedbackSession mark(Map<String, Boolean> more) {
        if (more.isEmpty()) {
            throw new IllegalArgumentException("session '" + name + "': no marks given; mark at least one image relevant or irrelevant");
        }
        checkNotQuery("session '" + name + "': ", query, more.keySet());
        if (holdsAll(more)) {
            return this;
        }
        Map<String, Boolean> all = new LinkedHashMap<>(marks);
        Map<String, Boolean> added = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> m : more.entrySet()) {
            if (!m.getValue().equals(marks.get(m.getKey()))) { // a repeated mark is no part of this round
                added.put(m.getKey(), m.getValue());
            }
            all.remove(m.getKey()); // re-marking moves the id to the end: the marking order stays true
            all.put(m.getKey(), m.getValue());
        }
        List<Map<String, Boolean>> rounds = new ArrayList<>(history);
        rounds.add(added);
        return new FeedbackSession(name, index, query, pool, all, round + 1, rounds, indexCreated);
    }

    /**
     * Refuses marking a query example (an IllegalArgumentException, {@code context} before the reason): sessions and
     * the server's refinement of a result list say it alike.
     */
    public static void checkNotQuery(String context, List<String> query, Iterable<String> marked) {
        for (String id : marked) {
            if (query.contains(id)) {
                throw new IllegalArgumentException(context + "'" + id
                        + "' is a query example, relevant by definition; it cannot be marked");
            }
        }
    }

    private boolean holdsAll(Map<String, Boolean> more) {
        for (Map.Entry<String, Boolean> m : more.entrySet()) {
            if (!m.getValue().equals(marks.get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A note for each of {@code more}'s marks that replaces an earlier, opposite mark of this session ("ID was marked
     * relevant, now irrelevant"): a user may change their mind, but knowingly; and one for marks it already holds, which
     * change nothing.
     */
    public List<String> changedMarks(Map<String, Boolean> more) {
        List<String> notes = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        more.forEach((id, relevant) -> {
            Boolean old = marks.get(id);
            if (old != null && !old.equals(relevant)) {
                notes.add(id + " was marked " + label(old) + ", now " + label(relevant));
            } else if (old != null) {
                repeated.add(id);
            }
        });
        if (!repeated.isEmpty()) {
            notes.add(String.join(", ", repeated) + (repeated.size() == 1 ? " was" : " were") + " already marked so;"
                    + (repeated.size() == more.size() ? " the model is unchanged and no round is counted"
                    : " only the other marks are new"));
        }
        return notes;
    }

    private static String label(boolean relevant) {
        return relevant ? "relevant" : "irrelevant";
    }

    /** Ids marked relevant, query examples first. */
    public List<String> relevantIds() {
        List<String> out = new ArrayList<>(query);
        marks.forEach((id, rel) -> {
            if (rel) {
                out.add(id);
            }
        });
        return out;
    }

    /** Ids marked irrelevant. */
    public List<String> irrelevantIds() {
        List<String> out = new ArrayList<>();
        marks.forEach((id, rel) -> {
            if (!rel) {
                out.add(id);
            }
        });
        return out;
    }
}
