package org.deq.archive;

/**
 * A streaming source of patches: a BigEarthNet folder, a GeoTIFF folder, an image folder, a synthetic archive.
 * Iteration lists patches lazily; each {@link PatchSource} is read on demand, so one bad file fails only itself.
 */
public interface Archive extends Iterable<PatchSource> {

    /** Human-readable name (e.g. the root folder and the layout). */
    String name();

    /** Number of patches when cheaply known, else -1. */
    default long sizeHint() {
        return -1;
    }
}
