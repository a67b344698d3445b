package org.deq.archive;

/**
 * A streaming source of patches: a BigEarthNet folder, a GeoTIFF folder, an image folder, a synthetic archive.
 * Iteration lists patches lazily; each {@link PatchSource} is read on demand, so one bad file fails only itself.
 */
public interface Archive extends Iterable<PatchSource> {

    /** Human-readable name (e.g. the root folder and the layout). */
    String name();

    /**
     * Number of patches, for progress bars, else -1. Folder archives list themselves once more for it (about a second
     * for BigEarthNet's 590k folders on a local disk), so call it once per pass.
     */
    default long sizeHint() {
        return -1;
    }

    /** A fresh tally of what this archive notes about one ingest of it ({@link IngestNotes}); none by default. */
    default IngestNotes notes() {
        return IngestNotes.NONE;
    }

    /** False when no patch of the archive can carry labels (no label table, no class folders); true when they may. */
    default boolean labelled() {
        return true;
    }
}
