package org.deq.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * by {@link MultiCodeSearch}'s matching distance (reported as a float). Trained once; later adds are encoded with the
 * trained model, and {@link #state()} / {@link #restore} keep it in an index store. Concurrent searches are safe (the
 * model and the codes are not changed by a search); adding is not safe while searches run.
 */
public final class MultiCodeIndex implements Index {

    private final MultiCodeHashing model;
    private final int regions;
    private final int regionDim;
    private final float scale;
    private MultiCodes codes;
    private MultiCodeSearch search;

    private MultiCodeIndex(MultiCodeHashing model, int regions, int regionDim, float scale, float[] vectors) {
        this.model = Objects.requireNonNull(model, "model");
        if (regions < 1 || regionDim < 1) {
            throw new IllegalArgumentException("a multi-code index needs regions >= 1 of dimension >= 1, got " + regions
                    + " × " + regionDim);
        }
        this.regions = regions;
        this.regionDim = regionDim;
        this.scale = scale;
        this.codes = encode(vectors, count(vectors));
        this.search = new MultiCodeSearch(codes);
    }

    /**
     * Clusters the regions of {@code vectors} (n × regions × regionDim, each region multiplied by {@code scale} to
     * undo the whole-vector normalisation) into {@code clusters} primitive clusters, trains the code encoder named by
     * {@code codeSpec} on the per-image cluster means, and indexes every image's codes.
     */
    public static MultiCodeIndex train(float[] vectors, int regions, int regionDim, float scale, int clusters,
                                       String codeSpec, long seed) {
        int n = vectors.length / (regions * regionDim);
        float[] scaled = new float[vectors.length]; // k-means needs the scaled regions as one array; trained once
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = vectors[i] * scale;
        }
        MultiCodeHashing model = MultiCodeHashing.train(scaled, owners(n, regions), n, regionDim, clusters,
                Encoders.parse(codeSpec), seed);
        return new MultiCodeIndex(model, regions, regionDim, scale, vectors);
    }

    /**
     * Restores an index written by {@link #state()} over {@code vectors}: the stored model encodes them, so an index
     * reopened over the same vectors ranks exactly as the one saved, and vectors added since are encoded alike.
     */
    public static MultiCodeIndex restore(byte[] state, float[] vectors) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int regions = in.readInt();
            int regionDim = in.readInt();
            float scale = in.readFloat();
            return new MultiCodeIndex(MultiCodeHashing.read(in), regions, regionDim, scale, vectors);
        }
    }

    /** The number of clusters and the code encoder of a state written by {@link #state()}, without encoding any vector. */
    public static MultiCodeModel modelOf(byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            in.readInt(); // regions
            in.readInt(); // region dimension
            in.readFloat(); // scale
            MultiCodeHashing model = MultiCodeHashing.read(in);
            return new MultiCodeModel(model.clusters(), model.codeSpec());
        }
    }

    /** The number of clusters and the code encoder of this model. */
    public MultiCodeModel model() {
        return new MultiCodeModel(model.clusters(), model.codeSpec());
    }

    /** The trained state: region layout, primitive clusters and code encoder (not the codes, which it re-derives). */
    public byte[] state() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(regions);
            out.writeInt(regionDim);
            out.writeFloat(scale);
            model.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return bytes.toByteArray();
    }

    private int count(float[] vectors) {
        if (vectors.length % (regions * regionDim) != 0) {
            throw new IllegalArgumentException("vectors of " + vectors.length + " floats are not n × " + regions
                    + " regions × " + regionDim);
        }
        return vectors.length / (regions * regionDim);
    }

    private MultiCodes encode(float[] vectors, int n) {
        return model.encode(vectors, scale, owners(n, regions), n);
    }

    private static int[] owners(int n, int regions) {
        int[] owner = new int[n * regions];
        for (int r = 0; r < owner.length; r++) {
            owner[r] = r / regions;
        }
        return owner;
    }

    @Override
    public int dimension() {
        return regions * regionDim;
    }

    @Override
    public int size() {
        return codes.images();
    }

    /** Encodes the new images with the trained clusters and encoder (nothing is retrained) and appends them. */
    @Override
    public void add(float[] vectors) {
        codes = codes.append(encode(vectors, count(vectors)));
        search = new MultiCodeSearch(codes);
    }

    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        if (query.length != dimension() || k < 0) {
            throw new IllegalArgumentException("query must have dimension " + dimension() + " and k >= 0; got "
                    + query.length + ", k=" + k);
        }
        HammingHits hits = search.search(encode(query, 1), 0, excludeId >= 0 ? k + 1 : k, allowed);
        return Indexes.without(hits, k, excludeId);
    }
}
