package org.deq.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoBox;
import org.deq.raster.S2Band;
import org.deq.spec.EnumNames;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;

/**
 * What the index holds, for the statistics endpoint and the UI's filter choices: counts per label, the time range
 * and the extent of the footprints. Read once from the store's metadata.
 *
 * @param patches   committed patches
 * @param descriptor descriptor spec
 * @param dimension descriptor dimension
 * @param distance  ranking distance
 * @param generation commits that added patches
 * @param labels    patches per label, by label name
 * @param firstAcquired earliest acquisition time (ISO-8601) or null
 * @param lastAcquired  latest acquisition time or null
 * @param extent    [minLon, minLat, maxLon, maxLat] of all footprints, or null
 * @param georeferenced patches with a footprint
 * @param sentinel2Folders whether the first patch's archive source is a Sentinel-2 folder with the bands of 10 m biophysical
 *                  maps (the UI then offers them)
 */
record IndexStats(int patches, String descriptor, int dimension, String distance, long generation,
                  Map<String, Integer> labels, String firstAcquired, String lastAcquired, double[] extent,
                  int georeferenced, boolean sentinel2Folders) {

    /** The figures of {@code store}, from its metadata columns (no per-patch Lucene read: an archive of 590k patches). */
    static IndexStats of(IndexStore store) throws IOException {
        MetaColumns columns = store.columns();
        int n = store.size();
        int[] counts = new int[columns.labelCount()];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double minLon = Double.POSITIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        int georeferenced = 0;
        for (int i = 0; i < n; i++) {
            for (int label : columns.labelIds(i)) {
                counts[label]++;
            }
            long t = columns.time(i);
            if (t != MetaColumns.NO_TIME) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
            GeoBox b = columns.footprint(i);
            if (b != null) {
                georeferenced++;
                minLon = Math.min(minLon, b.minLon());
                minLat = Math.min(minLat, b.minLat());
                maxLon = Math.max(maxLon, b.maxLon());
                maxLat = Math.max(maxLat, b.maxLat());
            }
        }
        Map<String, Integer> labels = new TreeMap<>();
        for (int id = 0; id < counts.length; id++) {
            labels.put(columns.labelName(id), counts[id]);
        }
        boolean timed = first != Long.MAX_VALUE;
        return new IndexStats(n, store.config().descriptorSpec(), store.config().dimension(),
                EnumNames.key(store.config().distance()), store.generation(), labels,
                timed ? Instant.ofEpochMilli(first).toString() : null, timed ? Instant.ofEpochMilli(last).toString() : null,
                georeferenced == 0 ? null : new double[] {minLon, minLat, maxLon, maxLat}, georeferenced,
                n > 0 && isSentinel2Folder(store.meta(0).source()));
    }

    private static boolean isSentinel2Folder(String source) {
        return !source.isEmpty() && S2BandFiles.hasAll(Path.of(source), SharpenedPatch.BANDS.toArray(S2Band[]::new));
    }
}
