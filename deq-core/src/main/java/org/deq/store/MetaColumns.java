package org.deq.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;

/**
 * The metadata that filters read, held as compact columns per ordinal: label and flag ids (compressed rows),
 * acquisition time in epoch milliseconds and the footprint box; everything else stays in Lucene.
 * Read-only outside this package: only the store appends rows, in ordinal order, when it commits; reads are safe from
 * many threads while no commit of the store runs.
 *
 * <p>A row's names are kept as Lucene's sorted-set doc values keep them, each once in UTF-8 byte order, whatever order
 * the patch listed them in: ids are numbered in order of first appearance, so the columns a store appends when it
 * commits and those read back from its doc values when it is opened give every name the same id (label ids stratify
 * the train/test split that a hash encoder is trained on and an evaluation tests on).
 */
public final class MetaColumns {

    /**
     * UTF-8 byte order (that of Lucene's terms and doc values), which is code point order: UTF-16 char order differs
     * only where a surrogate pair (above U+FFFF) meets a char from U+E000 to U+FFFF, which UTF-8 orders first.
     */
    static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                return sx == Character.isSurrogate(y) ? Character.compare(x, y) : sx ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /** Time value of a patch whose acquisition time is unknown. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final Dictionary labels = new Dictionary();
    private final Dictionary flags = new Dictionary();
    private long[] time = new long[16];
    private double[] box = new double[64];
    private int size;

    MetaColumns() {
    }

    /** The columns of {@code metas}, row i from element i: e.g. to compile a filter over patches not in a store. */
    public static MetaColumns of(List<PatchMeta> metas) {
        MetaColumns columns = new MetaColumns();
        metas.forEach(columns::append);
        return columns;
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** Appends one row for the next ordinal. */
    void append(PatchMeta meta) {
        GeoBox b = meta.footprint();
        long millis = meta.acquired() == null ? NO_TIME : meta.acquired().toEpochMilli();
        if (b == null) {
            append(millis, Double.NaN, Double.NaN, Double.NaN, Double.NaN, meta.labels(), meta.flags());
        } else {
            append(millis, b.minLon(), b.minLat(), b.maxLon(), b.maxLat(), meta.labels(), meta.flags());
        }
    }

    /** Appends one row from raw values; NaN coordinates mean no footprint. */
    void append(long epochMilli, double minLon, double minLat, double maxLon, double maxLat,
                Collection<String> labelNames, Collection<String> flagNames) {
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            box = Arrays.copyOf(box, size * 8);
        }
        time[size] = epochMilli;
        int o = 4 * size;
        box[o] = minLon;
        box[o + 1] = minLat;
        box[o + 2] = maxLon;
        box[o + 3] = maxLat;
        labels.appendRow(labelNames);
        flags.appendRow(flagNames);
        size++;
    }

    /** Id of a label name, or -1 when no row has it. */
    public int labelId(String name) {
        return labels.id(name);
    }

    /** Id of a flag name, or -1 when no row has it. */
    public int flagId(String name) {
        return flags.id(name);
    }

    /** Number of distinct labels (ids are 0..n-1). */
    public int labelCount() {
        return labels.names.size();
    }

    /** Number of distinct flags (ids are 0..n-1). */
    public int flagCount() {
        return flags.names.size();
    }

    /** The name of a label id (0..{@link #labelCount()}-1). */
    public String labelName(int id) {
        return labels.names.get(id);
    }

    /** The name of a flag id (0..{@link #flagCount()}-1). */
    public String flagName(int id) {
        return flags.names.get(id);
    }

    /** The label ids a row carries, each once, in UTF-8 byte order of their names (a new array). */
    public int[] labelIds(int row) {
        return labels.row(row);
    }

    /** How many of the wanted label ids (indexed by id) the row carries. */
    public int countLabels(int row, boolean[] wanted) {
        return labels.rowCount(row, wanted);
    }

    /** How many of the wanted flag ids (indexed by id) the row carries. */
    public int countFlags(int row, boolean[] wanted) {
        return flags.rowCount(row, wanted);
    }

    /** How many rows carry the named flag (0 when no row has it). */
    public int rowsWithFlag(String name) {
        int id = flags.id(name);
        if (id < 0) {
            return 0;
        }
        boolean[] wanted = new boolean[flagCount()];
        wanted[id] = true;
        int count = 0;
        for (int row = 0; row < size; row++) {
            count += flags.rowCount(row, wanted);
        }
        return count;
    }

    /** Acquisition time in epoch milliseconds, or {@link #NO_TIME}. */
    public long time(int row) {
        return time[row];
    }

    /** The row's footprint, or null when it has none. */
    public GeoBox footprint(int row) {
        int o = 4 * row;
        return Double.isNaN(box[o]) ? null : new GeoBox(box[o], box[o + 1], box[o + 2], box[o + 3]);
    }

    /**
     * Coordinate {@code i} of the row's footprint (0 minLon, 1 minLat, 2 maxLon, 3 maxLat), NaN when it has none: for
     * passes over every row that would otherwise allocate a box per row.
     */
    public double footprintCoordinate(int row, int i) {
        return box[4 * row + i];
    }

    /** True when the row has a footprint and it intersects the box. */
    public boolean footprintIntersects(int row, GeoBox b) {
        int o = 4 * row;
        // NaN (no footprint) fails every comparison; touching is no overlap, as in GeoBox.intersects
        return GeoBox.overlaps(box[o], box[o + 1], box[o + 2], box[o + 3], b);
    }

    /** Names interned to small ids, and per row the ids it carries (compressed rows). */
    private static final class Dictionary {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private int[] start = new int[17];
        private int[] values = new int[16];
        private int rows;

        int id(String name) {
            Integer id = ids.get(name);
            return id == null ? -1 : id;
        }

        /** Appends a row of the names, each once in {@link #UTF8_ORDER}, as a reopened store reads them back. */
        void appendRow(Collection<String> rowNames) {
            String[] sorted = rowNames.toArray(String[]::new);
            Arrays.sort(sorted, UTF8_ORDER);
            int end = start[rows];
            if (end + sorted.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, end + sorted.length));
            }
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && sorted[i].equals(sorted[i - 1])) {
                    continue; // a name listed twice counts once
                }
                Integer id = ids.get(sorted[i]);
                if (id == null) {
                    id = names.size();
                    ids.put(sorted[i], id);
                    names.add(sorted[i]);
                }
                values[end++] = id;
            }
            if (rows + 2 > start.length) {
                start = Arrays.copyOf(start, start.length * 2);
            }
            start[++rows] = end;
        }

        int[] row(int row) {
            return Arrays.copyOfRange(values, start[row], start[row + 1]);
        }

        int rowCount(int row, boolean[] wanted) {
            int count = 0;
            for (int p = start[row]; p < start[row + 1]; p++) {
                int v = values[p];
                if (v < wanted.length && wanted[v]) {
                    count++;
                }
            }
            return count;
        }
    }
}
