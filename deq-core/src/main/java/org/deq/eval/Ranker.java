package org.deq.eval;

/** The system under evaluation: ranks database items (truth ordinals) for a query item; must be thread-safe. */
@FunctionalInterface
public interface Ranker {

    /**
     * The best {@code k} database items for {@code query}, best first, as ordinals of the {@link LabelTruth}.
     * The query itself may appear (the evaluator removes it); {@code k} may equal the database size, asking for
     * the full ranking.
     */
    int[] rank(int query, int k);
}
