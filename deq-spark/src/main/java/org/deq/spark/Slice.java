package org.deq.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.deq.archive.PatchSource;

/**
 * A contiguous part of a batch sent to one Spark task: the patches' places in the archive's listing and their ids, so
 * the worker finds each patch in its own listing and can tell when the archive changed under the job.
 *
 * @param positions places in the archive's listing, ascending
 * @param ids       the ids the driver saw at those places
 */
record Slice(long[] positions, String[] ids) implements Serializable {

    /** {@code positions} and {@code ids} cut into at most {@code parts} contiguous slices of near-equal size. */
    static List<Slice> split(long[] positions, List<String> ids, int parts) {
        int n = positions.length;
        int count = Math.max(1, Math.min(parts, n));
        List<Slice> slices = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) n * s / count);
            int to = (int) ((long) n * (s + 1) / count);
            long[] p = new long[to - from];
            String[] i = new String[to - from];
            for (int j = from; j < to; j++) {
                p[j - from] = positions[j];
                i[j - from] = ids.get(j);
            }
            slices.add(new Slice(p, i));
        }
        return slices;
    }

    /** Number of patches in the slice. */
    int size() {
        return positions.length;
    }

    /** The {@code i}-th patch of the slice in the worker's {@code listing}, or null when the listing has another patch there. */
    PatchSource source(List<PatchSource> listing, int i) {
        long p = positions[i];
        if (p >= listing.size()) {
            return null;
        }
        PatchSource source = listing.get((int) p);
        return source.id().equals(ids[i]) ? source : null;
    }

    /** The error of a patch that {@link #source} did not find. */
    String moved(int i) {
        return ids[i] + ": the archive changed while the job ran (this worker lists another patch at position " + positions[i] + ")";
    }
}
