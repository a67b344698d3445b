package org.deq.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deq.archive.GriddedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.index.SearchMethod;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;

/**
 * Query by example over an open index store: describes example patches with the store's own (fitted) descriptor and
 * searches exactly or with the given engine. The one entry point the CLI and the server share.
 *
 * <p>Immutable after construction and safe for concurrent queries from many threads (the server's requests and
 * {@link BatchQuery}'s threads share one), as long as no commit runs on the same {@link IndexStore} instance. Like its
 * {@link SearchEngine}, it sees the store as it was when made: make a new one after a commit.
 */
public final class QueryByExample {

    /** Most examples one query (a search or a feedback session's query) takes: the server and the CLI refuse more. */
    public static final int MAX_EXAMPLES = 64;

    private final IndexStore store;
    /** Null for vectors described outside deq: such an index is queried by stored ids or descriptor vectors only. */
    private final Descriptor descriptor;
    private final SearchEngine engine;

    /**
     * Restores the store's descriptor from its manifest and state, and prepares exact search. An index of vectors described
     * outside deq (a descriptor spec no kind here knows) is searched by stored ids and vectors; describing a patch for it
     * is an error.
     */
    public QueryByExample(IndexStore store) throws IOException {
        this(store, new SearchEngine(store));
    }

    private QueryByExample(IndexStore store, SearchEngine engine) throws IOException {
        this.store = store;
        this.descriptor = DescriptorSpecs.knows(store.config().descriptorSpec()) ? descriptorOf(store) : null;
        this.engine = engine;
    }

    /** Restores the store's descriptor and searches its index by {@code method} and {@code distance} on {@code threads}. */
    public static QueryByExample open(IndexStore store, SearchMethod method, Distance distance, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new QueryByExample(store, new SearchEngine(store, store.index(method, distance, threads)));
    }

    /**
     * The fitted descriptor an index was built with; for vectors described outside deq, an error saying that patches
     * cannot be described for this index.
     */
    public static Descriptor descriptorOf(IndexStore store) throws IOException {
        if (!DescriptorSpecs.knows(store.config().descriptorSpec())) {
            throw describedOutsideDeq(store);
        }
        return store.config().restoreDescriptor();
    }

    private static IllegalArgumentException describedOutsideDeq(IndexStore store) {
        String spec = store.config().descriptorSpec();
        return new IllegalArgumentException("index " + store.dir() + ": its descriptor '" + spec + "' is no kind known here"
                + (DescriptorSpecs.hasPartOfKind(spec, "cnn") ? " (cnn descriptors need the deq-deep module on the class path)"
                : " (vectors described outside deq, or a descriptor of a newer deq)") + ", so deq cannot describe images for it; query it by stored ids or"
                + " by descriptor vectors");
    }

    /** The index this searches. */
    public IndexStore store() {
        return store;
    }

    /**
     * What a query by an example file says of how it was read, in order: its pixels without data ({@link
     * GriddedPatch#noDataNote}), its processing level against the index's ({@link #levelNote}), its Sentinel-2 bands read
     * as colours ({@link #bandsNote}); the one list of deq query, batch-query and caption.
     */
    public static List<String> exampleNotes(GriddedPatch read, IndexStore store) {
        List<String> notes = new ArrayList<>(3);
        for (String note : new String[] {read.noDataNote(), levelNote(read.patch(), store), bandsNote(read.patch(), store)}) {
            if (note != null) {
                notes.add(note);
            }
        }
        return notes;
    }

    /**
     * A note when a Sentinel-2 {@code example} is of a processing level a Sentinel-2 index holds none of (a Level-1C date
     * against Level-2A patches, or back), else null: top-of-atmosphere and surface reflectance differ by the atmosphere, most in
     * the blue bands, so the two kinds rank apart whatever the ground shows. Levels are the readers' {@code level-1c} flags.
     */
    public static String levelNote(Patch example, IndexStore store) {
        MetaColumns columns = store.columns();
        // only an index that reads Sentinel-2 bands holds Sentinel-2 patches, whose levels the flags tell
        if (!example.hasBand("B08") || columns.size() == 0
                || !DescriptorSpecs.readsSentinel2Bands(store.config().descriptorSpec())) {
            return null;
        }
        boolean l1c = example.meta().flags().contains(S2BandFiles.LEVEL_1C);
        int stored = columns.rowsWithFlag(S2BandFiles.LEVEL_1C);
        if (l1c ? stored > 0 : stored < columns.size()) {
            return null;
        }
        return example.meta().id() + " is " + (l1c ? "Level-1C (top-of-atmosphere)" : "Level-2A (surface)") + " reflectance and"
                + " the index's patches are " + (l1c ? "Level-2A" : "Level-1C") + "; the atmosphere then separates them in rankings";
    }

    /**
     * A note when the index's descriptor reads colour only (red, green, blue, the default {@code bands=rgb}) and a
     * Sentinel-2 {@code example}, which has no R, G, B bands, is read through its B04, B03, B02, else null: which of its
     * bands were used, on what scale, and how many were left out (a 13-band EuroSAT file against a UC Merced index).
     */
    public static String bandsNote(Patch example, IndexStore store) {
        if (!DescriptorSpecs.readsColourOnly(store.config().descriptorSpec()) || example.hasBand("R")
                || !(example.hasBand("B04") && example.hasBand("B03") && example.hasBand("B02"))) {
            return null;
        }
        int others = example.bandNames().size() - 3;
        return example.meta().id() + " has no red, green and blue bands: its Sentinel-2 bands B04, B03, B02 were used as"
                + " red, green, blue (reflectance 0 to " + S2Band.VISIBLE_FULL_SCALE + " as full brightness)"
                + (others > 0 ? " and its other " + others + (others == 1 ? " band" : " bands") + " left out, since the"
                + " index's descriptor reads colour only" : "");
    }

    /**
     * {@code patch} described with an index's {@code descriptor}, checked against the index's dimension (a patch whose
     * bands do not fit gives another length); {@code role} names the patch in the error.
     */
    public static float[] describe(Descriptor descriptor, int dim, Patch patch, String role) {
        float[] v;
        try {
            v = descriptor.describe(patch);
        } catch (IllegalArgumentException e) { // say which of several examples, by its file, the descriptor cannot read
            String source = patch.meta().source();
            throw new IllegalArgumentException(role + " " + (source != null ? source : patch.meta().id()) + ": "
                    + e.getMessage(), e);
        }
        if (v.length != dim) {
            throw new IllegalArgumentException(role + " " + patch.meta().id() + " gives a descriptor of dimension " + v.length
                    + ", the index has " + dim + " (bands " + patch.bandNames() + " do not fit " + descriptor.spec() + ")");
        }
        return v;
    }

    /** The search engine underneath: exact, or the hash search the query was opened with. */
    public SearchEngine engine() {
        return engine;
    }

    /** The k patches most similar to the stored patch {@code id} (itself excluded). */
    public List<Hit> byId(String id, int k, Filter filter) throws IOException {
        return engine.query(Objects.requireNonNull(id, "id"), k, filter);
    }

    /** The k patches most similar to one or more example patches (several examples are averaged in descriptor space). */
    public List<Hit> byExamples(List<Patch> examples, int k, Filter filter) throws IOException {
        List<float[]> vectors = new ArrayList<>(examples.size());
        for (Patch p : examples) {
            vectors.add(describe(p));
        }
        return byDescriptors(vectors, k, filter);
    }

    /** An example patch described with the index's descriptor and checked against its dimension. */
    public float[] describe(Patch example) {
        if (descriptor == null) {
            throw describedOutsideDeq(store);
        }
        return describe(descriptor, store.config().dimension(), example, "example");
    }

    /**
     * The k patches most similar to examples already described (averaged in descriptor space): what a caller that keeps
     * descriptors rather than pixels, such as the server between a search and its refinement, queries with.
     */
    public List<Hit> byDescriptors(List<float[]> examples, int k, Filter filter) throws IOException {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no example patch given");
        }
        requireK(k);
        int dim = store.config().dimension();
        float[] mean = new float[dim];
        for (float[] v : examples) {
            if (v.length != dim) {
                throw new IllegalArgumentException("example descriptor of dimension " + v.length + ", the index has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(v[j])) { // it would rank every patch at NaN or infinity, as if they were results
                    throw new IllegalArgumentException("example descriptor has a non-finite value at " + j + ": " + v[j]);
                }
                mean[j] += v[j] / examples.size();
            }
        }
        return engine.query(mean, k, filter);
    }

    /**
     * {@link #byDescriptors} leaving out the patches of {@code excluded} (the stored examples themselves), ranks
     * renumbered from 1.
     */
    public List<Hit> byDescriptors(List<float[]> examples, int k, Filter filter, Set<String> excluded) throws IOException {
        requireK(k);
        List<Hit> ranked = byDescriptors(examples, (int) Math.min(store.size(), (long) k + excluded.size()), filter);
        List<Hit> out = new ArrayList<>(Math.min(k, ranked.size()));
        for (Hit h : ranked) {
            if (out.size() < k && !excluded.contains(h.id())) {
                out.add(new Hit(out.size() + 1, h.id(), h.distance(), h.meta()));
            }
        }
        return out;
    }

    /**
     * The k patches most similar to stored patches, themselves left out: one as {@link #byId}, several by their mean
     * stored descriptor (query by several examples); an unknown id is a clear error.
     */
    public List<Hit> byIds(List<String> ids, int k, Filter filter) throws IOException {
        if (Objects.requireNonNull(ids, "ids").isEmpty()) {
            throw new IllegalArgumentException("no example id given");
        }
        if (ids.size() == 1) {
            return byId(ids.get(0), k, filter);
        }
        List<float[]> vectors = new ArrayList<>(ids.size());
        for (String id : ids) {
            vectors.add(store.vector(engine.ordinal(Objects.requireNonNull(id, "an id of ids"))));
        }
        return byDescriptors(vectors, k, filter, Set.copyOf(ids));
    }

    private static void requireK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
    }
}
