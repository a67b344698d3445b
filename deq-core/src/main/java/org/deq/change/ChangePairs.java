package org.deq.change;

import java.util.Arrays;
import org.deq.archive.S2BandFiles;
import org.deq.store.MetaColumns;

/**
 * The bi-temporal pairs of an index as two parallel ordinal arrays: pair {@code i} is {@code before[i]} then
 * {@code after[i]}, the same footprint at two consecutive acquisition times (a place seen at dates t1 < t2 < t3 gives
 * the pairs t1→t2 and t2→t3). Patches without a footprint or a time take part in no pair.
 */
public record ChangePairs(int[] before, int[] after) {

    /**
     * Footprint coordinates of one place agree to half a step of 1e-7 degrees (half a centimetre): one grid's footprints,
     * computed by different tools (a GDAL stack of a patch folder, a re-export), can differ in their last bits, while any
     * other grid of a place is at least a pixel (metres) off.
     */
    private static final double STEPS_PER_DEGREE = 1e7;

    /** Bits of a row in a packed (time rank, row) key. */
    private static final int ROW_BITS = 31;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;

    public ChangePairs {
        if (before.length != after.length) {
            throw new IllegalArgumentException("pair arrays differ in length: " + before.length + " and " + after.length);
        }
    }

    /** Number of pairs. */
    public int size() {
        return before.length;
    }

    /** The pairs of all rows of {@code columns}, in order of the first patch's ordinal, then the second's. */
    public static ChangePairs of(MetaColumns columns) {
        int[] place = placeIds(columns);
        int places = 0;
        for (int p : place) {
            places = Math.max(places, p + 1);
        }
        // rows grouped by place (a counting sort), each row as its packed (time rank, row) key
        int[] start = new int[places + 1];
        for (int p : place) {
            if (p >= 0) {
                start[p + 1]++;
            }
        }
        for (int p = 0; p < places; p++) {
            start[p + 1] += start[p];
        }
        long[] times = distinctTimes(columns, place, start[places]);
        long[] keys = new long[start[places]];
        int[] fill = Arrays.copyOf(start, places);
        for (int row = 0; row < place.length; row++) {
            if (place[row] >= 0) {
                long rank = Arrays.binarySearch(times, columns.time(row));
                keys[fill[place[row]]++] = rank << ROW_BITS | row;
            }
        }
        // within a place by (time, row): each row pairs with the next row of a later time
        long[] pairs = new long[keys.length];
        int n = 0;
        for (int p = 0; p < places; p++) {
            Arrays.sort(keys, start[p], start[p + 1]);
            for (int i = start[p] + 1; i < start[p + 1]; i++) {
                if (keys[i] >>> ROW_BITS > keys[i - 1] >>> ROW_BITS) {
                    pairs[n++] = (keys[i - 1] & ROW_MASK) << 32 | (keys[i] & ROW_MASK);
                }
            }
        }
        Arrays.sort(pairs, 0, n);
        int[] before = new int[n];
        int[] after = new int[n];
        for (int i = 0; i < n; i++) {
            before[i] = (int) (pairs[i] >>> 32);
            after[i] = (int) pairs[i];
        }
        return new ChangePairs(before, after);
    }

    /**
     * Per row a dense id of its place (footprint and processing level: dates pair within one, so a pair's change is
     * the ground's, not the atmosphere's), or -1 without a footprint or a time. A place is its first row's footprint;
     * a later row joins it when each coordinate is within half a step ({@link #STEPS_PER_DEGREE}). Places are kept in an
     * open-addressing table by their coordinates rounded to steps; a row within half a step of a place rounds to its
     * step or to the neighbouring one on its side, per coordinate, so a row looks under at most 16 keys.
     */
    private static int[] placeIds(MetaColumns columns) {
        int n = columns.size();
        boolean[] level1C = level1CFlags(columns);
        int[] place = new int[n];
        int[] slots = new int[Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1]; // representative row + 1; 0: empty
        int mask = slots.length - 1;
        int places = 0;
        long[] own = new long[4];
        long[] near = new long[4];
        long[] key = new long[4];
        for (int row = 0; row < n; row++) {
            if (!hasFootprint(columns, row) || columns.time(row) == MetaColumns.NO_TIME) {
                place[row] = -1;
                continue;
            }
            boolean l1c = level1C != null && columns.countFlags(row, level1C) > 0;
            for (int c = 0; c < 4; c++) {
                double steps = columns.footprintCoordinate(row, c) * STEPS_PER_DEGREE;
                own[c] = Math.round(steps);
                near[c] = steps > own[c] ? own[c] + 1 : steps < own[c] ? own[c] - 1 : own[c];
            }
            int found = -1;
            for (int combination = 0; combination < 16 && found < 0; combination++) {
                if (!distinctKey(combination, own, near, key)) {
                    continue;
                }
                for (int slot = hash(key, l1c) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                    int rep = slots[slot] - 1;
                    if (samePlace(columns, rep, level1C, row, l1c)) {
                        found = rep;
                        break;
                    }
                }
            }
            if (found >= 0) {
                place[row] = place[found];
                continue;
            }
            int slot = hash(own, l1c) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = row + 1;
            place[row] = places++;
        }
        return place;
    }

    /**
     * The key of one combination (bit c set: coordinate c's neighbouring step), into {@code key}; false when a set bit
     * names a coordinate on a step exactly, whose neighbour is itself (a key already looked under).
     */
    private static boolean distinctKey(int combination, long[] own, long[] near, long[] key) {
        for (int c = 0; c < 4; c++) {
            boolean neighbour = (combination >> c & 1) != 0;
            if (neighbour && near[c] == own[c]) {
                return false;
            }
            key[c] = neighbour ? near[c] : own[c];
        }
        return true;
    }

    private static boolean hasFootprint(MetaColumns columns, int row) {
        for (int c = 0; c < 4; c++) {
            if (Double.isNaN(columns.footprintCoordinate(row, c))) {
                return false;
            }
        }
        return true;
    }

    /** The wanted-flag mask of the Level-1C flag, or null when no row carries it. */
    private static boolean[] level1CFlags(MetaColumns columns) {
        int id = columns.flagId(S2BandFiles.LEVEL_1C);
        if (id < 0) {
            return null;
        }
        boolean[] wanted = new boolean[columns.flagCount()];
        wanted[id] = true;
        return wanted;
    }

    private static int hash(long[] steps, boolean level1C) {
        long h = level1C ? 1 : 0;
        for (long step : steps) {
            h = h * 0x9E3779B97F4A7C15L + step;
        }
        h ^= h >>> 29;
        return (int) (h ^ h >>> 32);
    }

    /** Whether {@code row} is within half a step of the place of {@code rep} in every coordinate, at the same level. */
    private static boolean samePlace(MetaColumns columns, int rep, boolean[] level1C, int row, boolean rowLevel1C) {
        for (int c = 0; c < 4; c++) {
            // strictly within: a place half a step away could round two steps off, beyond the keys looked under
            if (Math.abs(columns.footprintCoordinate(rep, c) - columns.footprintCoordinate(row, c)) * STEPS_PER_DEGREE >= 0.5) {
                return false;
            }
        }
        return (level1C != null && columns.countFlags(rep, level1C) > 0) == rowLevel1C;
    }

    /** The distinct acquisition times of the rows that have a place, ascending (a row's rank is its index here). */
    private static long[] distinctTimes(MetaColumns columns, int[] place, int count) {
        long[] times = new long[count];
        int n = 0;
        for (int row = 0; row < place.length; row++) {
            if (place[row] >= 0) {
                times[n++] = columns.time(row);
            }
        }
        Arrays.sort(times);
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (d == 0 || times[i] != times[d - 1]) {
                times[d++] = times[i];
            }
        }
        return Arrays.copyOf(times, d);
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
