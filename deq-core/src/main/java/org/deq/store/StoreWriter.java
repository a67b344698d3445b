package org.deq.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.deq.hash.BinaryEncoder;
import org.deq.index.MultiCodeIndex;
import org.deq.io.Failures;
import org.deq.raster.PatchMeta;
import org.deq.vectors.PackedVectors;

/**
 * Adds patches to an index store; nothing is visible or durable until {@link #commit}, and closing without a commit
 * discards the pending patches. Obtained from {@link IndexStore#writer()}. Once Lucene fails to add a document, the
 * writer adds and commits nothing more (its doc ids may no longer be ordinals): the store keeps its last commit.
 */
public final class StoreWriter implements AutoCloseable {

    private final IndexStore store;
    private final IndexWriter lucene;
    private final int dim;
    private final Set<String> pendingIds = new HashSet<>();
    private final List<PatchMeta> pendingMetas = new ArrayList<>();
    private float[] pendingVectors;
    private BinaryEncoder pendingEncoder;
    private TrainingSplit pendingTrainedOn;
    private MultiCodeIndex pendingMultiCode;
    private boolean pendingDropMultiCode;
    private boolean closed;
    /** Why Lucene failed to add a document, after which nothing more is added or committed; null while none failed. */
    private String failed;

    StoreWriter(IndexStore store, IndexWriter lucene, int dim) {
        this.store = store;
        this.lucene = lucene;
        this.dim = dim;
        this.pendingVectors = new float[64 * dim];
    }

    /**
     * Stages one patch; its id must be new to the store and to this batch, its vector finite and of the store's dimension,
     * its id, labels and flags of at most {@value PatchDocuments#MAX_VALUE_BYTES} UTF-8 bytes each (else an
     * IllegalArgumentException: a bad patch), and the store must have room for it ({@link IndexStore#maxPatches}, else an
     * IllegalStateException). Lucene failing to add its document anyway is an IllegalStateException that ends the writer.
     */
    public synchronized void add(PatchMeta meta, float[] vector) throws IOException {
        checkOpen();
        PatchDocuments.checkIndexable(meta); // first: Lucene refuses only after taking a doc id
        add(meta, vector, PatchDocuments.document(meta, store.size() + pendingMetas.size()));
    }

    /** Stages one patch as {@code document}, which Lucene is trusted to take (package-private: tests hand it one it refuses). */
    synchronized void add(PatchMeta meta, float[] vector, Document document) throws IOException {
        checkOpen();
        String id = meta.id();
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector of patch '" + id + "' has dimension " + vector.length + ", the index has " + dim);
        }
        for (int j = 0; j < dim; j++) {
            if (!Float.isFinite(vector[j])) {
                throw new IllegalArgumentException("vector of patch '" + id + "' has a non-finite value at " + j + ": " + vector[j]);
            }
        }
        if (pendingIds.contains(id)) {
            throw new IllegalArgumentException("duplicate patch id '" + id + "' in this add");
        }
        if (store.ordinal(id) >= 0) {
            throw new IllegalArgumentException("patch id '" + id + "' is already in the index " + store.dir());
        }
        int n = pendingMetas.size();
        IndexStore.checkRoom(store.dir(), dim, store.size(), n + 1L); // before the vectors outgrow one Java array
        try { // Lucene flushes its buffer to disk as it fills
            lucene.addDocument(document);
        } catch (IOException | RuntimeException e) {
            // Lucene may have taken a doc id for the document and left it deleted: every later document would sit one
            // doc id past its ordinal, and a commit would make the index unopenable (and drop the last good commit)
            Path luceneDir = store.dir().resolve(IndexStore.LUCENE_DIR);
            String why = e instanceof IOException io ? Failures.firstLine(Segments.naming(luceneDir, io))
                    : luceneDir + ": " + Failures.firstLine(e);
            failed = "Lucene failed to add patch '" + id + "' (" + why + ")";
            throw new IllegalStateException(failed + "; the writer adds and commits nothing more", e);
        }
        long needed = (n + 1L) * dim;
        if (needed > pendingVectors.length) {
            pendingVectors = Arrays.copyOf(pendingVectors, PackedVectors.grownLength(pendingVectors.length, needed));
        }
        System.arraycopy(vector, 0, pendingVectors, n * dim, dim);
        pendingIds.add(id);
        pendingMetas.add(meta);
    }

    /**
     * Stages a trained hash encoder replacing the stored one: the commit stores it with the codes of every patch,
     * committed and staged, and the split whose train part it learned from ({@code trainedOn}; null when it learned
     * without labels); later adds are encoded with it.
     */
    public synchronized void setEncoder(BinaryEncoder encoder, TrainingSplit trainedOn) {
        checkOpen();
        if (encoder.dimension() != dim) {
            throw new IllegalArgumentException("encoder " + encoder.spec() + " takes dimension " + encoder.dimension() + ", the index has " + dim);
        }
        pendingEncoder = encoder;
        pendingTrainedOn = trainedOn;
    }

    /**
     * Stages a trained multi-code hashing model replacing the stored one; searches then encode every patch, committed
     * or added later, with it.
     */
    public synchronized void setMultiCode(MultiCodeIndex trained) {
        checkOpen();
        if (trained.dimension() != dim) {
            throw new IllegalArgumentException("multi-code model takes dimension " + trained.dimension() + ", the index has " + dim);
        }
        pendingMultiCode = trained;
        pendingDropMultiCode = false;
    }

    /** Stages removing the stored multi-code model (one built for codes of another encoder than the index's new one). */
    public synchronized void dropMultiCode() {
        checkOpen();
        pendingMultiCode = null;
        pendingDropMultiCode = true;
    }

    /** Number of staged patches. */
    public synchronized int pending() {
        return pendingMetas.size();
    }

    /**
     * Makes the staged patches (and a staged encoder, multi-code model or its removal) durable and visible as one new generation, atomically; a no-op
     * when nothing is staged.
     */
    public synchronized void commit() throws IOException {
        checkOpen();
        if (pendingMetas.isEmpty() && pendingEncoder == null && pendingMultiCode == null && !pendingDropMultiCode) {
            return;
        }
        // cleared once the commit is durable, even when a later step fails: a second commit would store them twice
        store.commit(lucene, pendingVectors, pendingMetas, pendingEncoder, pendingTrainedOn, pendingMultiCode,
                pendingDropMultiCode, this::clearStaged);
    }

    private void clearStaged() {
        pendingIds.clear();
        pendingMetas.clear();
        pendingEncoder = null;
        pendingTrainedOn = null;
        pendingMultiCode = null;
        pendingDropMultiCode = false;
    }

    /** Closes the writer, discarding staged patches that were not committed. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lucene.rollback();
        } finally {
            store.writerClosed();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer of " + store.dir() + " is closed");
        }
        if (failed != null) {
            throw new IllegalStateException("the writer of " + store.dir() + " adds and commits nothing more since " + failed
                    + "; the index keeps its last commit");
        }
    }
}
