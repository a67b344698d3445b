package org.deq.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deq.archive.PatchSource;

/**
 * A contiguous part of a batch sent to one Spark task: the ids and locations of its patches, which the worker finds in
 * its own listing of the archive. By id and location, not by id alone: two files may share an id (an image folder's
 * {@code a.jpg} and {@code a.png} are both {@code a}), and the worker must read the very file the local path reads.
 *
 * @param ids       the patch ids, in the batch's order
 * @param locations the patches' {@link PatchSource#location}s, as text (a path does not serialize)
 */
record Slice(String[] ids, String[] locations) implements Serializable {

    /** What a worker's listing is keyed by: a patch's id and location. */
    record Key(String id, Path location) {

        /** The key of {@code source}. */
        static Key of(PatchSource source) {
            return new Key(source.id(), source.location());
        }
    }

    /** {@code sources} cut into at most {@code parts} contiguous slices of near-equal size. */
    static List<Slice> split(List<? extends PatchSource> sources, int parts) {
        int n = sources.size();
        int count = Math.max(1, Math.min(parts, n));
        List<Slice> slices = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            List<? extends PatchSource> part = sources.subList((int) ((long) n * s / count), (int) ((long) n * (s + 1) / count));
            slices.add(new Slice(part.stream().map(PatchSource::id).toArray(String[]::new),
                    part.stream().map(p -> p.location().toString()).toArray(String[]::new)));
        }
        return slices;
    }

    /** Number of patches in the slice. */
    int size() {
        return ids.length;
    }

    /** The {@code i}-th patch of the slice in the worker's listing, or null when the worker does not list it. */
    PatchSource source(Map<Key, PatchSource> listing, int i) {
        return listing.get(new Key(ids[i], Path.of(locations[i])));
    }

    /** The error of a patch that {@link #source} did not find. */
    String missing(int i) {
        return ids[i] + " (" + locations[i] + "): not in the archive as a Spark worker lists it (the archive changed while the"
                + " job ran, or the worker sees other files at that path)";
    }
}
