package org.deq.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoBox;
import org.deq.store.MetaColumns;

/**
 * The bi-temporal pairs of an index as two parallel ordinal arrays: pair {@code i} is {@code before[i]} then
 * {@code after[i]}, the same footprint at two consecutive acquisition times (a place seen at dates t1 < t2 < t3 gives
 * the pairs t1→t2 and t2→t3). Patches without a footprint or a time take part in no pair.
 */
public record ChangePairs(int[] before, int[] after) {

    public ChangePairs {
        if (before.length != after.length) {
            throw new IllegalArgumentException("pair arrays differ in length: " + before.length + " and " + after.length);
        }
    }

    /** Number of pairs. */
    public int size() {
        return before.length;
    }

    /** A place and processing level: dates pair within one, so a pair's change is the ground's, not the atmosphere's. */
    private record Place(GeoBox box, boolean level1C) {
    }

    /** The pairs of all rows of {@code columns}, in order of the first patch's ordinal. */
    public static ChangePairs of(MetaColumns columns) {
        // footprints of one place are bit-identical (computed from the same grid), so the box itself is the key
        Map<Place, List<Integer>> byPlace = new HashMap<>();
        int l1c = columns.flagId(S2BandFiles.LEVEL_1C);
        boolean[] level1C = new boolean[Math.max(0, columns.flagCount())];
        if (l1c >= 0) {
            level1C[l1c] = true;
        }
        for (int row = 0; row < columns.size(); row++) {
            GeoBox box = columns.footprint(row);
            if (box != null && columns.time(row) != MetaColumns.NO_TIME) {
                Place place = new Place(box, l1c >= 0 && columns.countFlags(row, level1C) > 0);
                byPlace.computeIfAbsent(place, b -> new ArrayList<>(2)).add(row);
            }
        }
        List<long[]> pairs = new ArrayList<>();
        for (List<Integer> rows : byPlace.values()) {
            if (rows.size() < 2) {
                continue;
            }
            rows.sort(Comparator.comparingLong((Integer r) -> columns.time(r)).thenComparingInt(r -> r));
            for (int i = 1; i < rows.size(); i++) {
                if (columns.time(rows.get(i)) > columns.time(rows.get(i - 1))) {
                    pairs.add(new long[] {rows.get(i - 1), rows.get(i)});
                }
            }
        }
        pairs.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int[] before = new int[pairs.size()];
        int[] after = new int[pairs.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = (int) pairs.get(i)[0];
            after[i] = (int) pairs.get(i)[1];
        }
        return new ChangePairs(before, after);
    }

    /** Index of the pair {@code before → after}, or -1 when the two ordinals are not a pair. */
    public int indexOf(int beforeOrdinal, int afterOrdinal) {
        for (int i = 0; i < before.length; i++) {
            if (before[i] == beforeOrdinal && after[i] == afterOrdinal) {
                return i;
            }
        }
        return -1;
    }
}
