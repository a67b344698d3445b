package org.deq.index;

import java.util.BitSet;
import java.util.Objects;
import org.deq.hash.Encoders;
import org.deq.hash.HammingHits;
import org.deq.hash.MultiCodeHashing;
import org.deq.hash.MultiCodeSearch;
import org.deq.hash.MultiCodes;

/**
 * Multi-code hashing (Reato, Demir &amp; Bruzzone) as an {@link Index} over region descriptors: each vector is the
 * concatenation of {@code regions} region vectors (as a {@code RegionDescriptor}'s whole-patch vector is, up to a
 * common scale), which a trained {@link MultiCodeHashing} turns into one code per primitive cluster; images are ranked
 * by {@link MultiCodeSearch}'s matching distance (reported as a float). Built once over a fixed set of vectors.
 */
public final class MultiCodeIndex implements Index {

    private final MultiCodeHashing model;
    private final int regions;
    private final int regionDim;
    private final float scale;
    private final int size;
    private final MultiCodeSearch search;

    private MultiCodeIndex(MultiCodeHashing model, int regions, int regionDim, float scale, float[] vectors) {
        this.model = Objects.requireNonNull(model, "model");
        if (regions < 1 || regionDim < 1 || vectors.length % (regions * regionDim) != 0) {
            throw new IllegalArgumentException("vectors of " + vectors.length + " floats are not n × " + regions
                    + " regions × " + regionDim);
        }
        this.regions = regions;
        this.regionDim = regionDim;
        this.scale = scale;
        this.size = vectors.length / (regions * regionDim);
        this.search = new MultiCodeSearch(encode(vectors, size));
    }

    /**
     * Clusters the regions of {@code vectors} (n × regions × regionDim, each region multiplied by {@code scale} to
     * undo the whole-vector normalisation) into {@code clusters} primitive clusters, trains the code encoder named by
     * {@code codeSpec} on the per-image cluster means, and indexes every image's codes.
     */
    public static MultiCodeIndex train(float[] vectors, int regions, int regionDim, float scale, int clusters,
                                       String codeSpec, long seed) {
        int n = vectors.length / (regions * regionDim);
        float[] scaled = scaled(vectors, scale);
        MultiCodeHashing model = MultiCodeHashing.train(scaled, owners(n, regions), n, regionDim, clusters,
                Encoders.parse(codeSpec), seed);
        return new MultiCodeIndex(model, regions, regionDim, scale, vectors);
    }

    private MultiCodes encode(float[] vectors, int n) {
        return model.encode(scaled(vectors, scale), owners(n, regions), n);
    }

    private static float[] scaled(float[] vectors, float scale) {
        float[] out = new float[vectors.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors[i] * scale;
        }
        return out;
    }

    private static int[] owners(int n, int regions) {
        int[] owner = new int[n * regions];
        for (int r = 0; r < owner.length; r++) {
            owner[r] = r / regions;
        }
        return owner;
    }

    /** The trained model (clusters and code encoder). */
    public MultiCodeHashing model() {
        return model;
    }

    @Override
    public int dimension() {
        return regions * regionDim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Not supported: the primitive clusters and codes are trained for a fixed set; train a new index instead. */
    @Override
    public void add(float[] vectors) {
        throw new UnsupportedOperationException("a multi-code index is trained over a fixed set of images; train a new one");
    }

    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        if (query.length != dimension() || k < 0) {
            throw new IllegalArgumentException("query must have dimension " + dimension() + " and k >= 0; got "
                    + query.length + ", k=" + k);
        }
        HammingHits hits = search.search(encode(query, 1), 0, excludeId >= 0 ? k + 1 : k, allowed);
        float[] dists = new float[hits.size()];
        for (int i = 0; i < dists.length; i++) {
            dists[i] = hits.distances()[i];
        }
        return Indexes.without(hits.ids(), dists, k, excludeId);
    }

    @Override
    public SearchResult[] searchBatch(float[] queries, int k, BitSet allowed, int[] excludeIds) {
        return Indexes.searchEach(this, queries, k, allowed, excludeIds);
    }
}
