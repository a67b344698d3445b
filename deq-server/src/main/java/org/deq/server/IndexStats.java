package org.deq.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.raster.S2Band;
import org.deq.store.IndexStore;
import org.deq.store.IndexSummary;

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
 * @param extent    [minLon, minLat, maxLon, maxLat] of all footprints (maxLon west of minLon across the antimeridian,
 *                  RFC 7946), or null
 * @param georeferenced patches with a footprint
 * @param encoder   the hash encoder's spec, or null
 * @param multiCode whether a multi-code hashing model is stored
 * @param sentinel2Folders whether the first patch's archive source is a Sentinel-2 folder with the bands of 10 m biophysical
 *                  maps (the UI then offers them)
 * @param flags     patches per flag (snow, cloud, level-1c); the UI offers to leave out only flags some patch has
 * @param notes     what the operator should know of the index: built by earlier archive readers that read some of its
 *                  files otherwise, to be rebuilt, or written by a newer deq, read but never added to
 *                  ({@link IndexStore#outdatedReadersNote})
 */
record IndexStats(int patches, String descriptor, int dimension, String distance, long generation,
                  Map<String, Integer> labels, String firstAcquired, String lastAcquired, List<Double> extent,
                  int georeferenced, String encoder, boolean multiCode, boolean sentinel2Folders, Map<String, Integer> flags,
                  List<String> notes) {

    /** The figures of {@code store} ({@link IndexSummary}) and whether the UI may offer its 10 m biophysical maps. */
    static IndexStats of(IndexStore store) throws IOException {
        IndexSummary sum = IndexSummary.of(store);
        return new IndexStats(sum.patches(), sum.descriptor(), sum.dimension(), sum.distance(), sum.generation(), sum.labels(),
                sum.firstAcquired(), sum.lastAcquired(), sum.extent(), sum.georeferenced(), sum.encoder(), sum.multiCode(),
                store.size() > 0 && isSentinel2Folder(store.meta(0).source()), sum.flags(), notes(store));
    }

    /** The notes of {@code store}: an index of earlier archive readers to rebuild, or a newer deq's (read, never added to). */
    static List<String> notes(IndexStore store) throws IOException {
        String outdated = store.outdatedReadersNote();
        return outdated == null ? List.of() : List.of(outdated);
    }

    private static boolean isSentinel2Folder(String source) {
        return !source.isEmpty() && S2BandFiles.hasAll(Path.of(source), SharpenedPatch.BANDS.toArray(S2Band[]::new));
    }
}
