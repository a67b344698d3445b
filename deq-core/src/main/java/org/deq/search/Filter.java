package org.deq.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.deq.archive.BigEarthNetV2;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.spec.EnumNames;
import org.deq.spec.Spelling;
import org.deq.store.MetaColumns;

/**
 * Which patches a search may return: labels (any of / all of), acquisition time in [from, to), footprint
 * intersecting a box, acquisition season, and flags that exclude a patch. Empty sets and nulls mean "no constraint"; a time or box
 * constraint rejects patches whose time or footprint is unknown. Label and flag names match exactly (case-sensitive).
 *
 * @param labelsAny     a patch must carry at least one of these labels (empty: no constraint)
 * @param labelsAll     a patch must carry every one of these labels
 * @param from          earliest acquisition time, inclusive, or null
 * @param to            latest acquisition time, exclusive, or null
 * @param bbox          the footprint must intersect this box, or null
 * @param excludedFlags a patch carrying any of these flags (e.g. snow, cloud) is rejected
 * @param seasons       the acquisition (UTC month) must fall in one of these seasons (empty: no constraint)
 */
public record Filter(Set<String> labelsAny, Set<String> labelsAll, Instant from, Instant to, GeoBox bbox,
                     Set<String> excludedFlags, Set<Season> seasons) implements java.io.Serializable {

    /** The filter that accepts everything. */
    public static final Filter NONE = new Filter(Set.of(), Set.of(), null, null, null, Set.of());

    private static final List<String> KEYS = List.of("labels-any", "labels-all", "from", "to", "bbox", "exclude-flags", "season");

    public Filter {
        labelsAny = labelsAny == null ? Set.of() : Set.copyOf(labelsAny);
        labelsAll = labelsAll == null ? Set.of() : Set.copyOf(labelsAll);
        excludedFlags = excludedFlags == null ? Set.of() : Set.copyOf(excludedFlags);
        seasons = seasons == null ? Set.of() : Set.copyOf(seasons);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("filter time range is empty: from=" + from + " is not before to=" + to);
        }
    }

    /** A filter without a season constraint. */
    public Filter(Set<String> labelsAny, Set<String> labelsAll, Instant from, Instant to, GeoBox bbox, Set<String> excludedFlags) {
        this(labelsAny, labelsAll, from, to, bbox, excludedFlags, Set.of());
    }

    /** True when the filter accepts everything. */
    public boolean isNone() {
        return labelsAny.isEmpty() && labelsAll.isEmpty() && from == null && to == null && bbox == null
                && excludedFlags.isEmpty() && seasons.isEmpty();
    }

    /**
     * Parses CLI-style terms {@code key=value}: {@code labels-any=Water bodies|Pastures}, {@code labels-all=A|B},
     * {@code from=2017-06-01}, {@code to=2018-01-01T00:00:00Z}, {@code bbox=minLon,minLat,maxLon,maxLat},
     * {@code exclude-flags=snow|cloud}, {@code season=summer|autumn}. Times are UTC days (a {@code to} day included) or
     * instants ({@code to} excluded; without a zone, UTC); lists are separated by {@code |}.
     */
    public static Filter parse(List<String> terms) {
        Map<String, String> seen = new HashMap<>();
        for (String term : terms) {
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("filter term must be key=value, got '" + term + "'; keys: " + KEYS);
            }
            String key = term.substring(0, eq).trim();
            String value = term.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown filter key '" + key + "'; keys: " + KEYS);
            }
            if (value.replace("|", "").isBlank()) { // "labels-any=||" too: a list of nothing would filter nothing
                throw new IllegalArgumentException("filter " + key + " has an empty value");
            }
            if (seen.put(key, value) != null) {
                throw new IllegalArgumentException("filter " + key + " is given twice");
            }
        }
        Instant from = time("from", seen.get("from"));
        Instant to = time("to", seen.get("to"));
        if (from != null && to != null && !from.isBefore(to)) { // in the user's words: a to day is stored as the next day
            throw new IllegalArgumentException("filter time range is empty: from=" + seen.get("from") + ", to="
                    + seen.get("to"));
        }
        return new Filter(names(seen.get("labels-any")), names(seen.get("labels-all")), from, to,
                box(seen.get("bbox")), flags(seen.get("exclude-flags")),
                seasons(seen.get("season")));
    }

    /** The bbox term's box, or null; a bad one is an error naming the term, as the other terms' are. */
    private static GeoBox box(String value) {
        try {
            return value == null ? null : GeoBox.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("filter bbox: " + e.getMessage());
        }
    }

    /**
     * The flags archives set (BigEarthNet v2's snow and cloud-or-shadow, Level-1C Sentinel-2 dates): a misspelt one
     * would exclude nothing.
     */
    private static final List<String> FLAGS = List.of(BigEarthNetV2.SNOW, BigEarthNetV2.CLOUD, S2BandFiles.LEVEL_1C);

    private static Set<String> flags(String value) {
        Set<String> flags = names(value);
        for (String flag : flags) {
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown flag '" + flag + "' in exclude-flags; flags: " + String.join(", ", FLAGS));
            }
        }
        return flags;
    }

    /** Parses terms as {@link #parse(List)}. */
    public static Filter parse(String... terms) {
        return parse(List.of(terms));
    }

    /** True when the patch passes this filter: the reference semantics that {@link #compile} follows, for its tests. */
    boolean matches(PatchMeta meta) {
        if (!labelsAny.isEmpty() && meta.labels().stream().noneMatch(labelsAny::contains)) {
            return false;
        }
        if (!meta.labels().containsAll(labelsAll)) {
            return false;
        }
        if (from != null || to != null) {
            if (meta.acquired() == null) {
                return false;
            }
            long t = meta.acquired().toEpochMilli();
            if ((from != null && t < from.toEpochMilli()) || (to != null && t >= to.toEpochMilli())) {
                return false;
            }
        }
        if (bbox != null && (meta.footprint() == null || !meta.footprint().intersects(bbox))) {
            return false;
        }
        if (!seasons.isEmpty() && (meta.acquired() == null || !monthMask()[Season.monthOf(meta.acquired().toEpochMilli())])) {
            return false;
        }
        return meta.flags().stream().noneMatch(excludedFlags::contains);
    }

    /** The rows of the columns that pass, in one pass over them; {@code null} when the filter accepts everything. */
    public BitSet compile(MetaColumns columns) {
        if (isNone()) {
            return null;
        }
        int n = columns.size();
        BitSet out = new BitSet(n);
        boolean[] any = labelMask(columns, labelsAny);
        boolean[] all = labelMask(columns, labelsAll);
        int allCount = labelsAll.size();
        for (String label : labelsAll) {
            if (columns.labelId(label) < 0) {
                return out; // a required label that no patch carries
            }
        }
        boolean[] flags = new boolean[columns.flagCount()];
        for (String flag : excludedFlags) {
            int id = columns.flagId(flag);
            if (id >= 0) {
                flags[id] = true;
            }
        }
        long fromMs = fromMillis();
        long toMs = toMillis();
        boolean timed = from != null || to != null;
        boolean checkFlags = !excludedFlags.isEmpty();
        boolean[] months = seasons.isEmpty() ? null : monthMask();
        for (int row = 0; row < n; row++) {
            if (any != null && columns.countLabels(row, any) == 0) {
                continue;
            }
            if (allCount > 0 && columns.countLabels(row, all) < allCount) {
                continue;
            }
            if (timed) {
                long t = columns.time(row);
                if (t == MetaColumns.NO_TIME || t < fromMs || t >= toMs) {
                    continue;
                }
            }
            if (bbox != null && !columns.footprintIntersects(row, bbox)) {
                continue;
            }
            if (months != null) {
                long t = columns.time(row);
                if (t == MetaColumns.NO_TIME || !months[Season.monthOf(t)]) {
                    continue;
                }
            }
            if (checkFlags && columns.countFlags(row, flags) > 0) {
                continue;
            }
            out.set(row);
        }
        return out;
    }

    /**
     * One line for each term that can match nothing or exclude nothing in these columns (a label or flag no patch
     * carries, a date or season constraint on an index without acquisition times, a box on one without footprints):
     * why a search came back short.
     */
    public List<String> inertTerms(MetaColumns columns) {
        List<String> notes = new ArrayList<>();
        Set<String> labels = new TreeSet<>(labelsAny);
        labels.addAll(labelsAll);
        for (String label : labels) {
            if (columns.labelId(label) < 0) {
                String near = nearLabel(label, columns);
                notes.add("no patch of the index has the label '" + label + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
            }
        }
        for (String flag : new TreeSet<>(excludedFlags)) {
            int flagged = columns.rowsWithFlag(flag);
            if (flagged == 0) {
                notes.add("no patch of the index has the flag '" + flag + "': excluding it removes nothing");
            } else if (flagged == columns.size()) {
                notes.add("every patch of the index has the flag '" + flag + "': excluding it removes them all");
            }
        }
        if (from != null || to != null || !seasons.isEmpty()) {
            timeNotes(columns, notes);
        }
        if (bbox != null) {
            boolean located = false;
            boolean meets = false;
            for (int row = 0; row < columns.size() && !meets; row++) {
                located |= !Double.isNaN(columns.footprintCoordinate(row, 0));
                meets = columns.footprintIntersects(row, bbox);
            }
            if (!located) {
                notes.add("no patch of the index has a footprint, so bbox matches none");
            } else if (!meets) {
                notes.add("no footprint of the index meets bbox " + bbox.minLon() + "," + bbox.minLat() + "," + bbox.east()
                        + "," + bbox.maxLat());
            }
        }
        return notes;
    }

    /**
     * The stored label a missing one may have meant: the same ignoring case ({@code pastures} for {@code Pastures}), else
     * one a typo away (an edit per 4 letters, at most 2: a short name lies close to unrelated ones); null when none.
     */
    private static String nearLabel(String label, MetaColumns columns) {
        List<String> stored = new ArrayList<>(columns.labelCount());
        for (int id = 0; id < columns.labelCount(); id++) {
            stored.add(columns.labelName(id));
        }
        return Spelling.nearest(label, stored, Math.min(2, label.length() / 4));
    }

    /** The first accepted time in epoch milliseconds (no from: the earliest). */
    private long fromMillis() {
        return from == null ? Long.MIN_VALUE : from.toEpochMilli();
    }

    /** The first time past the range, in epoch milliseconds (no to: none). */
    private long toMillis() {
        return to == null ? Long.MAX_VALUE : to.toEpochMilli();
    }

    /** Why the time terms match nothing: no acquisition times at all, none in the from/to range, none in the seasons. */
    private void timeNotes(MetaColumns columns, List<String> notes) {
        long fromMs = fromMillis();
        long toMs = toMillis();
        boolean[] months = seasons.isEmpty() ? null : monthMask();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean inRange = false;
        boolean inSeason = false;
        for (int row = 0; row < columns.size(); row++) {
            long t = columns.time(row);
            if (t != MetaColumns.NO_TIME) {
                first = Math.min(first, t);
                last = Math.max(last, t);
                inRange |= t >= fromMs && t < toMs;
                inSeason |= months == null || months[Season.monthOf(t)];
            }
        }
        if (first > last) {
            notes.add("no patch of the index has an acquisition time, so from/to/season match none");
            return;
        }
        if ((from != null || to != null) && !inRange) {
            // to is stored exclusive (a to day as the next day's start), so "before" says it as it is
            String range = from == null ? "before " + to : to == null ? "on or after " + from
                    : "on or after " + from + " and before " + to;
            notes.add("no patch of the index was acquired " + range + " (its times run from " + Instant.ofEpochMilli(first)
                    + " to " + Instant.ofEpochMilli(last) + ")");
        }
        if (months != null && !inSeason) {
            notes.add("no patch of the index was acquired in " + seasons.stream().map(EnumNames::key)
                    .sorted().collect(Collectors.joining(" or ")) + " (UTC months)");
        }
    }

    /** Marks the ids of the named labels; null when there is no constraint. */
    private static boolean[] labelMask(MetaColumns columns, Set<String> labels) {
        if (labels.isEmpty()) {
            return null;
        }
        boolean[] mask = new boolean[columns.labelCount()];
        for (String label : labels) {
            int id = columns.labelId(label);
            if (id >= 0) {
                mask[id] = true;
            }
        }
        return mask;
    }

    /** Index 1-12: whether the month falls in one of the seasons. */
    private boolean[] monthMask() {
        boolean[] mask = new boolean[13];
        for (int month = 1; month <= 12; month++) {
            for (Season s : seasons) {
                mask[month] |= s.contains(month);
            }
        }
        return mask;
    }

    private static Set<Season> seasons(String value) {
        Set<Season> out = new LinkedHashSet<>();
        for (String name : names(value)) {
            out.add(Season.parse(name));
        }
        return out;
    }

    private static Set<String> names(String value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split("\\|")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static Instant time(String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                // a day is the whole day: to=2017-06-02 takes in the 2nd, so from=D to=D is day D
                LocalDate day = LocalDate.parse(value);
                return (key.equals("to") ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            // an instant without a zone is UTC, as deq prints times
            Instant t = value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$") ? OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            t.toEpochMilli(); // the scan compares milliseconds: a year such as +999999999 has none
            return t;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("filter " + key + " must be a UTC day such as 2017-06-01 or a time such as"
                    + " 2017-06-01T10:30:00Z, got '" + value + "'");
        }
    }
}
