package org.deq.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deq.index.MultiCodeModel;
import org.deq.raster.GeoBox;
import org.deq.spec.EnumNames;

/**
 * What an index holds, read from its configuration and metadata columns (no per-patch Lucene read): for {@code deq info}
 * and the server's statistics.
 *
 * @param patches       committed patches
 * @param descriptor    descriptor spec
 * @param dimension     descriptor dimension
 * @param distance      ranking distance
 * @param generation    commits that added patches
 * @param encoder       the hash encoder's spec, or null without one
 * @param encoderTrainedOn the split whose train part a supervised encoder learned from, or null
 * @param multiCode     whether a multi-code hashing model is stored
 * @param multiCodeModel its clusters and code encoder, or null without one or when it cannot be read
 * @param labels        patches per label, by label name
 * @param firstAcquired earliest acquisition time (ISO-8601) or null
 * @param lastAcquired  latest acquisition time or null
 * @param extent        [minLon, minLat, maxLon, maxLat] of all footprints (maxLon west of minLon when they reach across
 *                      the antimeridian, RFC 7946), or null; a list, so that summaries compare by value
 * @param georeferenced patches with a footprint
 * @param flags         patches per flag (snow, cloud, level-1c), by flag name; empty when no patch has one
 */
public record IndexSummary(int patches, String descriptor, int dimension, String distance, long generation, String encoder,
                           TrainingSplit encoderTrainedOn, boolean multiCode, MultiCodeModel multiCodeModel,
                           Map<String, Integer> labels, String firstAcquired, String lastAcquired,
                           List<Double> extent, int georeferenced, Map<String, Integer> flags) {

    /** The stored multi-code model, or null when there is none or it cannot be read: a summary still describes the rest. */
    private static MultiCodeModel readableModel(IndexStore store) {
        try {
            return store.multiCodeModel();
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    /** The summary of an open store. */
    public static IndexSummary of(IndexStore store) {
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
        Map<String, Integer> flags = new TreeMap<>();
        for (int id = 0; id < columns.flagCount(); id++) {
            flags.put(columns.flagName(id), columns.rowsWithFlag(columns.flagName(id)));
        }
        boolean timed = first != Long.MAX_VALUE;
        return new IndexSummary(n, store.config().descriptorSpec(), store.config().dimension(),
                EnumNames.key(store.config().distance()), store.generation(),
                store.encoder() == null ? null : store.encoder().spec(), store.encoderTrainedOn(), store.hasMultiCode(),
                readableModel(store), labels,
                timed ? Instant.ofEpochMilli(first).toString() : null, timed ? Instant.ofEpochMilli(last).toString() : null,
                georeferenced == 0 ? null : extent(minLon, minLat, maxLon, maxLat), georeferenced, flags);
    }

    /**
     * The extent of boxes whose edges span {@code minLon..maxLon} as footprints hold them (past 180 across the
     * antimeridian), in RFC 7946's form as every footprint is written: an east edge past 180 comes back west of the west
     * edge, a box a filter takes as it is.
     */
    private static List<Double> extent(double minLon, double minLat, double maxLon, double maxLat) {
        double east = maxLon - minLon >= 360 ? 180 : maxLon > 180 ? maxLon - 360 : maxLon;
        return List.of(maxLon - minLon >= 360 ? -180 : minLon, minLat, east, maxLat);
    }
}
