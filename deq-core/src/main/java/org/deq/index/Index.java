package org.deq.index;

import java.util.BitSet;

/**
 * A searchable set of vectors with a FAISS-like contract: vectors get internal ids 0..n-1 in add order, and a search
 * returns the k closest allowed ids with their distances, closest first. Implementations may be exact or approximate.
 *
 * <p>Threads: every implementation in deq answers {@link #search} from many threads at once; {@link #add} must not
 * overlap a search or another add.
 */
public interface Index {

    /** Length of each vector. */
    int dimension();

    /** Number of vectors added. */
    int size();

    /** Adds {@code n} vectors packed as {@code n * dimension()} floats; they get the next n internal ids. */
    void add(float[] vectors);

    /**
     * The k nearest neighbours of one query.
     *
     * @param allowed   ids that may be returned, or {@code null} for all
     * @param excludeId an id never returned (the query's own id), or -1
     */
    SearchResult search(float[] query, int k, BitSet allowed, int excludeId);

    /**
     * Every allowed id but {@code excludeId}, best first, in an order whose first k are what a search for k returns:
     * the whole ranking that an evaluation's full-ranking figures ({@code map_full}) score. By default a search for
     * every id, which is right for an index that ranks alike at every k.
     */
    default int[] ranking(float[] query, int k, BitSet allowed, int excludeId) {
        return search(query, size(), allowed, excludeId).ids();
    }

    /** The k nearest neighbours of one query among the allowed ids ({@code null} = all). */
    default SearchResult search(float[] query, int k, BitSet allowed) {
        return search(query, k, allowed, -1);
    }
}
