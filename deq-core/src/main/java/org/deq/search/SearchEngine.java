package org.deq.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.deq.concurrent.LruMap;
import org.deq.index.Distance;
import org.deq.index.FlatIndex;
import org.deq.index.Index;
import org.deq.index.SearchResult;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;

/**
 * Queries (exact by default, or through any {@link Index} over the store's ordinals) over the committed patches of an open index store: by a stored patch id (the patch itself is left
 * out) or by a vector, with a {@link Filter} compiled to a bitset and applied during the scan. It sees the store as it
 * was when the engine was made; make a new engine after a commit.
 *
 * <p>Safe for concurrent queries from many threads, as its {@link Index} is (every {@code Index} of deq is for searches),
 * as long as no commit runs on the same {@link IndexStore} instance; its only state beside them is the cache of compiled
 * filters, guarded by its own lock.
 */
public final class SearchEngine {

    private final IndexStore store;
    private final Index index;
    /**
     * The last few filters' allowed ordinals: a server's page of requests and a batch query's thousands share a filter,
     * and compiling one is a pass over every patch's metadata (milliseconds at 590k patches, more than a MIH search).
     */
    private final Map<Filter, BitSet> compiled = new LruMap<>(COMPILED_FILTERS);
    /** The same filters' notes on terms that match or remove nothing: another pass over the metadata each. */
    private final Map<Filter, List<String>> inertTerms = new LruMap<>(COMPILED_FILTERS);

    private static final int COMPILED_FILTERS = 8;

    /** An engine ranking by the store's distance on all available processors. */
    public SearchEngine(IndexStore store) {
        this(store, store.config().distance(), Runtime.getRuntime().availableProcessors());
    }

    /** An engine ranking by {@code distance} on at most {@code threads} threads. */
    public SearchEngine(IndexStore store, Distance distance, int threads) {
        this(store, FlatIndex.over(store.vectors(), store.config().dimension(), distance, threads));
    }

    /** An engine searching {@code index}, whose ids must be the store's ordinals (e.g. {@link IndexStore#index}). */
    public SearchEngine(IndexStore store, Index index) {
        if (index.size() != store.size() || index.dimension() != store.config().dimension()) {
            throw new IllegalArgumentException("index of " + index.size() + " × " + index.dimension() + " does not match the store's "
                    + store.size() + " × " + store.config().dimension());
        }
        this.store = store;
        this.index = index;
    }

    /** The index searched (ordinals are internal ids). */
    public Index index() {
        return index;
    }

    /** The k patches closest to the stored patch {@code id}, itself excluded; an unknown id is a clear error. */
    public List<Hit> query(String id, int k, Filter filter) throws IOException {
        int ordinal = ordinal(id);
        return hits(index.search(store.vector(ordinal), atMostAll(k), compiled(filter), ordinal));
    }

    /** The ordinal of the stored patch {@code id}; an unknown id is a clear error. */
    public int ordinal(String id) throws IOException {
        return store.requireOrdinal(id);
    }

    /** The k patches closest to a query vector of the store's dimension. */
    public List<Hit> query(float[] vector, int k, Filter filter) throws IOException {
        return hits(index.search(vector, atMostAll(k), compiled(filter)));
    }

    /** k capped at the store's size: a k of 2^31 − 1 asks for every patch, not for arrays of 2^31 results. */
    private int atMostAll(int k) {
        return Math.min(k, store.size());
    }

    /** The ordinals a filter lets through, or null for all: the caller's own copy. */
    public BitSet allowed(Filter filter) {
        BitSet allowed = compiled(filter);
        // clone() trims a BitSet not made with a size first, a write other threads would race with: Filter.compile makes
        // it with one (new BitSet(n)), so the shared set is only read
        return allowed == null ? null : (BitSet) allowed.clone();
    }

    /**
     * The filter's notes on terms that can match nothing or remove nothing ({@link Filter#inertTerms}), as {@code deq
     * query} prints them and the server answers them with every filtered request.
     */
    public List<String> inertTerms(Filter filter) {
        if (filter == null || filter.isNone()) {
            return List.of();
        }
        synchronized (inertTerms) {
            List<String> notes = inertTerms.get(filter);
            if (notes != null) {
                return notes;
            }
        }
        List<String> notes = List.copyOf(filter.inertTerms(store.columns()));
        synchronized (inertTerms) {
            inertTerms.put(filter, notes);
        }
        return notes;
    }

    /** The ordinals a filter lets through, or null for all, shared with later calls: read only. */
    private BitSet compiled(Filter filter) {
        if (filter == null || filter.isNone()) {
            return null;
        }
        synchronized (compiled) {
            BitSet allowed = compiled.get(filter);
            if (allowed != null) {
                return allowed;
            }
        }
        BitSet allowed = filter.compile(store.columns()); // outside the lock: two threads may both compile a new filter
        synchronized (compiled) {
            compiled.put(filter, allowed);
        }
        return allowed;
    }

    private List<Hit> hits(SearchResult result) throws IOException {
        List<Hit> out = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            PatchMeta meta = store.meta(result.ids()[i]);
            out.add(new Hit(i + 1, meta.id(), result.distances()[i], meta));
        }
        return out;
    }
}
