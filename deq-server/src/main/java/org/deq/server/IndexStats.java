package org.deq.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;
import org.deq.store.IndexStore;

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

    static IndexStats of(IndexStore store) throws IOException {
        Map<String, Integer> labels = new TreeMap<>();
        PatchMeta first = null;
        PatchMeta last = null;
        double minLon = Double.POSITIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        int georeferenced = 0;
        for (int i = 0; i < store.size(); i++) {
            PatchMeta m = store.meta(i);
            for (String label : m.labels()) {
                labels.merge(label, 1, Integer::sum);
            }
            if (m.acquired() != null) {
                first = first == null || m.acquired().isBefore(first.acquired()) ? m : first;
                last = last == null || m.acquired().isAfter(last.acquired()) ? m : last;
            }
            GeoBox b = m.footprint();
            if (b != null) {
                georeferenced++;
                minLon = Math.min(minLon, b.minLon());
                minLat = Math.min(minLat, b.minLat());
                maxLon = Math.max(maxLon, b.maxLon());
                maxLat = Math.max(maxLat, b.maxLat());
            }
        }
        return new IndexStats(store.size(), store.config().descriptorSpec(), store.config().dimension(),
                store.config().distance().name().toLowerCase(java.util.Locale.ROOT), store.generation(), labels,
                first == null ? null : first.acquired().toString(), last == null ? null : last.acquired().toString(),
                georeferenced == 0 ? null : new double[] {minLon, minLat, maxLon, maxLat}, georeferenced,
                store.size() > 0 && isSentinel2Folder(store.meta(0).source()));
    }

    private static boolean isSentinel2Folder(String source) {
        return !source.isEmpty() && S2BandFiles.hasAll(Path.of(source), SharpenedPatch.BANDS.toArray(S2Band[]::new));
    }
}
