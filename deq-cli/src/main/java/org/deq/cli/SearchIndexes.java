package org.deq.cli;

import java.io.IOException;
import org.deq.describe.Descriptor;
import org.deq.describe.RegionDescriptor;
import org.deq.hash.HashSpec;
import org.deq.hash.SupervisedKernelHashing;
import org.deq.index.Distance;
import org.deq.index.Index;
import org.deq.index.MultiCodeIndex;
import org.deq.index.SearchMethod;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;

/** The index a {@code --search} method names over an open store, shared by deq query and deq eval. */
final class SearchIndexes {

    /** Seed of the multi-code clustering and code training: fixed, so that every run ranks the same way. */
    private static final long MULTI_CODE_SEED = 1;

    private SearchIndexes() {
    }

    /**
     * The store's own index for the method, or, for multi-code hashing, one trained now from the regions of the
     * stored local-hist descriptors with the store's (unsupervised) encoder spec for the codes.
     */
    static Index open(IndexStore store, SearchMethod method, Distance distance, int threads) throws IOException {
        if (method.kind() != SearchMethod.Kind.MULTI_CODE) {
            return store.index(method, distance, threads);
        }
        Descriptor d = QueryByExample.descriptorOf(store);
        // a local-hist vector is its regions' histograms concatenated and divided by the region count
        if (!(d instanceof RegionDescriptor regions) || !d.spec().startsWith("local-hist")) {
            throw new IllegalArgumentException("--search multi-code needs an index built with --descriptor local-hist:..., not " + d.spec());
        }
        if (store.encoder() == null || HashSpec.parse(store.encoder().spec()).method().equals(SupervisedKernelHashing.METHOD)) {
            throw new IllegalArgumentException("--search multi-code takes the code spec from the index's unsupervised encoder; "
                    + "add one with: deq index --out " + store.dir() + " --hash lsh:bits=32");
        }
        return MultiCodeIndex.train(store.vectors(), regions.regionCount(), regions.regionDimension(), regions.regionCount(),
                method.clusters(), store.encoder().spec(), MULTI_CODE_SEED);
    }
}
