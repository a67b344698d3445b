package org.deq.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deq.archive.PatchSource;

/**
 * A contiguous part of a batch sent to one Spark task: the ids of its patches, which the worker finds in its own listing
 * of the archive (by id, so workers whose file systems list folders in another order still find the same patches).
 *
 * @param ids the patch ids, in the batch's order
 */
record Slice(String[] ids) implements Serializable {

    /** {@code ids} cut into at most {@code parts} contiguous slices of near-equal size. */
    static List<Slice> split(List<String> ids, int parts) {
        int n = ids.size();
        int count = Math.max(1, Math.min(parts, n));
        List<Slice> slices = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) n * s / count);
            int to = (int) ((long) n * (s + 1) / count);
            slices.add(new Slice(ids.subList(from, to).toArray(String[]::new)));
        }
        return slices;
    }

    /** Number of patches in the slice. */
    int size() {
        return ids.length;
    }

    /** The {@code i}-th patch of the slice in the worker's listing, or null when the worker does not list it. */
    PatchSource source(Map<String, PatchSource> listing, int i) {
        return listing.get(ids[i]);
    }

    /** The error of a patch that {@link #source} did not find. */
    String missing(int i) {
        return ids[i] + ": not in the archive as a Spark worker lists it (the archive changed while the job ran, or the "
                + "worker sees other files at that path)";
    }
}
