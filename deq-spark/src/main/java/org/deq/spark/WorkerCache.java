package org.deq.spark;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.deq.archive.PatchSource;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Index;
import org.deq.index.SearchMethod;
import org.deq.raster.BadInputException;
import org.deq.search.QueryByExample;
import org.deq.search.SearchEngine;
import org.deq.store.IndexStore;

/**
 * What a worker JVM prepares once and reuses across the tasks of a job: the archive's listing, the restored descriptor
 * (a codebook or a CNN model) and an opened index. One entry of each, since a job uses one of each; a new job key
 * (listing, index) or a new state (descriptor) replaces it.
 */
final class WorkerCache {

    private static String listingKey;
    private static List<PatchSource> listing;
    private static String descriptorKey;
    private static Descriptor descriptor;
    private static String indexKey;
    private static IndexStore indexStore;
    private static QueryByExample query;

    private WorkerCache() {
    }

    /** The SHA-256 of {@code bytes} in hex: the key of a descriptor state or an index version. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The patches of {@code archive} in listing order, listed once per {@code job} on this worker. */
    static synchronized List<PatchSource> listing(ArchiveRef archive, String job) throws BadInputException {
        String key = job + "|" + archive;
        if (!key.equals(listingKey)) {
            listing = null; // let the old listing go before the new one is built
            List<PatchSource> sources = new ArrayList<>();
            for (PatchSource s : archive.open()) {
                sources.add(s);
            }
            listing = sources;
            listingKey = key;
        }
        return listing;
    }

    /** The descriptor of {@code spec} restored from its fitted {@code state}, as the index store restores it. */
    static synchronized Descriptor descriptor(String spec, byte[] state, String stateHash) throws IOException {
        String key = spec + "|" + stateHash;
        if (!key.equals(descriptorKey)) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
                descriptor = DescriptorSpecs.read(spec, in);
            }
            descriptorKey = key;
        }
        return descriptor;
    }

    /**
     * Query by example over the index in {@code dir}, searched by the {@link SearchMethod} spec {@code search}; opened
     * once per {@code version} of its manifest on this worker.
     */
    static synchronized QueryByExample query(String dir, String version, String search) throws IOException {
        String key = dir + "|" + version + "|" + search;
        if (!key.equals(indexKey)) {
            if (indexStore != null) {
                indexStore.close();
                indexStore = null;
                query = null;
                indexKey = null;
            }
            IndexStore store = IndexStore.open(Path.of(dir));
            try {
                // one search thread: the worker's cores already run one task each
                Index index = store.index(SearchMethod.parse(search), store.config().distance(), 1);
                query = new QueryByExample(store, new SearchEngine(store, index));
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
            indexStore = store;
            indexKey = key;
        }
        return query;
    }
}
