package org.deq.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deq.archive.PatchSource;
import org.deq.concurrent.LeasedCache;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.SearchMethod;
import org.deq.raster.BadInputException;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;

/**
 * What a worker JVM prepares once and reuses across the tasks of a job: the archive's listing by id and location, the restored
 * descriptor (a codebook or a CNN model) and an opened index. One listing and descriptor, since a job uses one of each,
 * replaced by another job's; the opened index is held by each task that uses it, so another job's index generation or
 * {@link #clear} (the driver calls it after its jobs, which frees the in-JVM workers of a local master) closes it only
 * after its last running task.
 */
final class WorkerCache {

    /** An index opened on a worker and its query by example; closing it closes the store. */
    record OpenIndex(IndexStore store, QueryByExample query) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    private static String listingKey;
    private static Map<Slice.Key, PatchSource> listing;
    private static String descriptorSpec;
    private static byte[] descriptorState;
    private static Descriptor descriptor;
    /** One index stays open for the next task: a job uses one, and each holds a whole index's vectors in memory. */
    private static final LeasedCache<OpenIndex> INDEXES = new LeasedCache<>(1);

    private WorkerCache() {
    }

    /** The patches of {@code archive} by id and location ({@link Slice.Key}), listed once per {@code job} on this worker. */
    static synchronized Map<Slice.Key, PatchSource> listing(ArchiveRef archive, String job) throws BadInputException {
        String key = job + "|" + archive;
        if (!key.equals(listingKey)) {
            listing = null; // let the old listing go before the new one is built
            listingKey = null;
            Map<Slice.Key, PatchSource> byKey = new HashMap<>();
            for (PatchSource s : archive.open()) {
                byKey.put(Slice.Key.of(s), s);
            }
            listing = byKey;
            listingKey = key;
        }
        return listing;
    }

    /** The descriptor of {@code spec} restored from its fitted {@code state}, as the index store restores it. */
    static synchronized Descriptor descriptor(String spec, byte[] state) throws IOException {
        if (descriptor == null || !spec.equals(descriptorSpec) || !Arrays.equals(state, descriptorState)) {
            descriptor = null; // let the old one (a CNN model) go before the new one is built
            descriptor = DescriptorSpecs.restore(spec, state);
            descriptorSpec = spec;
            descriptorState = state.clone();
        }
        return descriptor;
    }

    /**
     * Query by example over the index in {@code dir} at the driver's committed {@code generation}, searched by the
     * {@link SearchMethod} spec {@code search}; opened once per generation on this worker and held until the lease is
     * closed. A store opens at its newest commit only, so a worker that finds a later one (an ingest committed while the
     * job ran) refuses it: its answers would not be the driver's index's, nor those of the other tasks.
     */
    static LeasedCache<OpenIndex>.Lease query(String dir, long generation, String search) throws IOException {
        return INDEXES.acquire(dir + "|" + generation + "|" + search, () -> {
            IndexStore store = IndexStore.open(Path.of(dir));
            try {
                if (store.generation() != generation) {
                    throw new IOException("index " + dir + ": generation " + store.generation() + " was committed after this"
                            + " batch query started from generation " + generation + " (an ingest ran meanwhile); run the"
                            + " batch query again");
                }
                // one search thread: the worker's cores already run one task each
                return new OpenIndex(store, QueryByExample.open(store, SearchMethod.parse(search), store.config().distance(), 1));
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
        });
    }

    /** Lets go of everything cached in this JVM; an index that tasks still use is closed after the last of them. */
    static synchronized void clear() {
        listing = null;
        listingKey = null;
        descriptor = null;
        descriptorSpec = null;
        descriptorState = null;
        INDEXES.clear();
    }
}
