package org.deq.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The resolved query and database item ordinals of a protocol, ascending; the CLI builds the ranker over the database.
 *
 * @param queries    the query ordinals
 * @param database   the database ordinals
 * @param unlabelled items of the query scope left out of the queries for having no label
 */
public record EvalSets(int[] queries, int[] database, int unlabelled) {

    /** Copies the arrays so the record stays immutable. */
    public EvalSets {
        queries = queries.clone();
        database = database.clone();
    }

    /** One line per way the queries differ from the protocol's scope (empty when they do not), without a prefix. */
    public List<String> notes() {
        return unlabelled == 0 ? List.of()
                : List.of(unlabelled == 1 ? "1 patch without labels is not used as a query"
                        : unlabelled + " patches without labels are not used as queries");
    }

    /** The query ordinals (a copy). */
    @Override
    public int[] queries() {
        return queries.clone();
    }

    /** The database ordinals (a copy). */
    @Override
    public int[] database() {
        return database.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvalSets s && Arrays.equals(s.queries, queries) && Arrays.equals(s.database, database)
                && s.unlabelled == unlabelled;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(queries) + Arrays.hashCode(database)) + unlabelled;
    }

    @Override
    public String toString() {
        return "EvalSets[" + queries.length + " queries, " + database.length + " database items, " + unlabelled
                + " unlabelled left out]";
    }
}
