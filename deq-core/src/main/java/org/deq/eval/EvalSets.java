package org.deq.eval;

import java.util.Arrays;

/** The resolved query and database item ordinals of a protocol, ascending; the CLI builds the ranker over the database. */
public record EvalSets(int[] queries, int[] database) {

    /** Copies the arrays so the record stays immutable. */
    public EvalSets {
        queries = queries.clone();
        database = database.clone();
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
        return o instanceof EvalSets s && Arrays.equals(s.queries, queries) && Arrays.equals(s.database, database);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(queries) + Arrays.hashCode(database);
    }

    @Override
    public String toString() {
        return "EvalSets[" + queries.length + " queries, " + database.length + " database items]";
    }
}
