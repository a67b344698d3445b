package org.deq.change;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.deq.archive.S2BandFiles;
import org.deq.describe.Descriptor;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;

/**
 * Query by a before/after pair over an open index store: by two stored patch ids or by two example patches described
 * with the store's own descriptor. The one change-query entry point the CLI and the server share.
 */
public final class ChangeSearch {

    private final IndexStore store;
    private final Descriptor descriptor;
    private final ChangeIndex index;

    /** Restores the store's descriptor and indexes its bi-temporal pairs. */
    public ChangeSearch(IndexStore store, int threads) throws IOException {
        this.store = store;
        this.descriptor = QueryByExample.descriptorOf(store);
        this.index = ChangeIndex.of(store, threads);
    }

    /** The pairs searched. */
    public ChangeIndex index() {
        return index;
    }

    /** The k stored pairs whose change is most like {@code beforeId → afterId} (the pair itself is left out). */
    public List<ChangeHit> byIds(String beforeId, String afterId, int k, Filter filter) throws IOException {
        int before = ordinalOf(beforeId, "before");
        int after = ordinalOf(afterId, "after");
        if (before == after) {
            throw new IllegalArgumentException("before and after are the same patch '" + beforeId + "'");
        }
        float[] change = ChangeVector.of(store.vector(before), store.vector(after));
        return index.search(change, k, allowed(filter), before, after);
    }

    /** The k stored pairs whose change is most like the change from {@code before} to {@code after}. */
    public List<ChangeHit> byPatches(Patch before, Patch after, int k, Filter filter) throws IOException {
        int dim = store.config().dimension();
        float[] b = QueryByExample.describe(descriptor, dim, before, "before image");
        float[] a = QueryByExample.describe(descriptor, dim, after, "after image");
        if (Arrays.equals(a, b)) { // a zero change matches every unchanged pair equally: nothing to search for
            throw new IllegalArgumentException("the before and after images are the same (" + before.meta().id() + "); give two dates");
        }
        float[] change = ChangeVector.of(b, a);
        return index.search(change, k, allowed(filter), -1, -1);
    }

    /**
     * A note when the before example was acquired after the after one (the change then runs backwards in
     * time), else null; either time may be unknown (null).
     */
    public static String timeOrderNote(Instant before, Instant after) {
        return before != null && after != null && before.isAfter(after) ? "the before example (" + before + ") is later"
                + " than the after one (" + after + "): the change runs backwards in time" : null;
    }

    /**
     * A note when one example is a Level-1C date and the other not (the {@code level-1c} flag differs): their change
     * holds the atmosphere as well as the ground, as the stored pairs, which keep levels apart, do not; else null.
     */
    public static String levelNote(PatchMeta before, PatchMeta after) {
        boolean l1c = before.flags().contains(S2BandFiles.LEVEL_1C);
        return l1c != after.flags().contains(S2BandFiles.LEVEL_1C) ? "the " + (l1c ? "before" : "after") + " example is a"
                + " Level-1C date and the other a Level-2A one: their change holds the atmosphere as well as the ground" : null;
    }

    private int ordinalOf(String id, String side) throws IOException {
        int ordinal = store.ordinal(id);
        if (ordinal < 0) {
            throw new IllegalArgumentException(side + ": no patch with id '" + id + "' in the index " + store.dir());
        }
        return ordinal;
    }

    private BitSet allowed(Filter filter) {
        return filter == null || filter.isNone() ? null : filter.compile(store.columns());
    }
}
