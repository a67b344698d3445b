package org.deq.change;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.deq.archive.S2BandFiles;
import org.deq.describe.Descriptor;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;

/**
 * Query by a before/after pair over an open index store: each side a stored patch id or an example patch described
 * with the store's own descriptor. The one change-query entry point the CLI and the server share.
 */
public final class ChangeSearch {

    private final IndexStore store;
    private final Descriptor descriptor;
    private final ChangeIndex index;

    /** Restores the store's descriptor and indexes its bi-temporal pairs. */
    public ChangeSearch(IndexStore store, int threads) throws IOException {
        this.store = store;
        this.descriptor = QueryByExample.descriptorOf(store);
        this.index = ChangeIndex.of(store, threads);
    }

    /** Why a change query or the pair list of an index finds nothing: the index holds no pairs. */
    public static final String NO_PAIRS = "the index holds no bi-temporal pairs (patches of one footprint at two dates);"
            + " nothing to compare a change with";

    /** The pairs searched. */
    public ChangeIndex index() {
        return index;
    }

    /**
     * A change query's answer: the pairs found, closest first, and the notes that go with them ({@link #notes}).
     *
     * @param hits  the pairs
     * @param notes the notes, without a prefix, in the order to show them
     */
    public record Answer(List<ChangeHit> hits, List<String> notes) {
    }

    /** {@link #search}, with the notes about the query and its results that the CLI and the server both give. */
    public Answer query(ChangeExample before, ChangeExample after, int k, Filter filter) throws IOException {
        List<ChangeHit> hits = search(before, after, k, filter);
        return new Answer(hits, notes(before, after, hits, filter));
    }

    /** The k stored pairs whose change is most like {@code beforeId → afterId} (the pair itself is left out). */
    public List<ChangeHit> byIds(String beforeId, String afterId, int k, Filter filter) throws IOException {
        return search(ChangeExample.stored(beforeId), ChangeExample.stored(afterId), k, filter);
    }

    /**
     * The k stored pairs whose change is most like the change from {@code before} to {@code after}, each a stored
     * patch or an example; the query's own pair is left out: the pair of the two stored patches, or of a stored patch
     * and the stored partner an example describes exactly (the same file read again).
     */
    public List<ChangeHit> search(ChangeExample before, ChangeExample after, int k, Filter filter) throws IOException {
        int beforeOrdinal = before.isStored() ? ordinalOf(before.id(), "before") : -1;
        int afterOrdinal = after.isStored() ? ordinalOf(after.id(), "after") : -1;
        if (beforeOrdinal >= 0 && beforeOrdinal == afterOrdinal) {
            throw new IllegalArgumentException("before and after are the same patch '" + before.id() + "'");
        }
        float[] b = vectorOf(before, beforeOrdinal, "before image");
        float[] a = vectorOf(after, afterOrdinal, "after image");
        if (Arrays.equals(a, b)) { // a zero change matches every unchanged pair equally: nothing to search for
            throw new IllegalArgumentException(nameOf(before).equals(nameOf(after))
                    ? "the before and after images are the same (" + nameOf(before) + "); give two dates"
                    : "the before and after images, " + nameOf(before) + " and " + nameOf(after) + ", have the same"
                    + " descriptor (the same pixels): there is no change to search for; give two dates that differ");
        }
        if (beforeOrdinal >= 0 && afterOrdinal < 0) {
            afterOrdinal = storedPartner(beforeOrdinal, a, true);
        } else if (afterOrdinal >= 0 && beforeOrdinal < 0) {
            beforeOrdinal = storedPartner(afterOrdinal, b, false);
        }
        return index.search(ChangeVector.of(b, a), k, allowed(filter), beforeOrdinal, afterOrdinal);
    }

    /**
     * The ordinal paired with {@code stored} (as its later patch when {@code later}, else its earlier one) whose stored
     * vector is exactly {@code example}'s, or -1: an example that is the stored partner read again.
     */
    private int storedPartner(int stored, float[] example, boolean later) throws IOException {
        ChangePairs pairs = index.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            int own = later ? pairs.before()[i] : pairs.after()[i];
            int partner = later ? pairs.after()[i] : pairs.before()[i];
            if (own == stored && Arrays.equals(store.vector(partner), example)) {
                return partner;
            }
        }
        return -1;
    }

    /** The example's metadata: the stored patch's, or the example patch's own. */
    public PatchMeta meta(ChangeExample example) throws IOException {
        return example.isStored() ? store.meta(ordinalOf(example.id(), "example")) : example.patch().meta();
    }

    private float[] vectorOf(ChangeExample example, int ordinal, String side) throws IOException {
        return ordinal >= 0 ? store.vector(ordinal)
                : QueryByExample.describe(descriptor, store.config().dimension(), example.patch(), side);
    }

    private static String nameOf(ChangeExample example) {
        return example.isStored() ? example.id() : example.patch().meta().id();
    }

    /**
     * The notes about a change query and its results (the CLI prints them, the server's responses carry them): about the
     * examples (their order in time, their processing levels, their footprints being two places, both files being a stored pair's patches, a Sentinel-2
     * example read as colour by a colour index), then why a list is short, as a search's notes say (no pairs at all,
     * filter terms that match or remove nothing, the index's only pair being the query's own).
     */
    public List<String> notes(ChangeExample before, ChangeExample after, List<ChangeHit> hits, Filter filter) throws IOException {
        PatchMeta first = meta(before);
        PatchMeta second = meta(after);
        List<String> notes = new ArrayList<>();
        for (String note : new String[] {timeOrderNote(first.acquired(), second.acquired()), levelNote(first, second),
                footprintNote(first, second), selfNote(before, after, hits), bandsNote(before), bandsNote(after)}) {
            if (note != null) {
                notes.add(note);
            }
        }
        ChangePairs pairs = index.pairs();
        Filter terms = filter == null ? Filter.NONE : filter;
        if (pairs.size() == 0) {
            notes.add(NO_PAIRS);
        } else { // a term that matches nothing, or removes nothing, whatever the list's length
            notes.addAll(terms.inertTerms(store.columns()));
        }
        if (hits.isEmpty() && pairs.size() > 0 && !terms.isNone()) {
            String none = noPairPassesNote(pairs, terms.compile(store.columns()));
            if (none != null) {
                notes.add(none);
            }
        }
        if (hits.isEmpty() && pairs.size() == 1 && terms.isNone()) { // nothing filtered, yet nothing found: the query's own pair
            notes.add("the index's only pair, " + store.meta(pairs.before()[0]).id() + " → " + store.meta(pairs.after()[0]).id()
                    + ", is the query itself and is left out: there is no other pair to compare with");
        }
        return notes;
    }

    /**
     * A note when patches pass the filter but no pair's later patch does (a filter's notes look at all patches, of which
     * a date range or season may hold many while no pair's later date is among them), giving the pairs' later dates;
     * else null.
     */
    private String noPairPassesNote(ChangePairs pairs, BitSet allowed) {
        if (allowed.isEmpty()) { // no patch at all passes: the filter's own notes say which term
            return null;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int after : pairs.after()) {
            if (allowed.get(after)) {
                return null;
            }
            long time = store.columns().time(after);
            first = Math.min(first, time);
            last = Math.max(last, time);
        }
        return "no pair's later patch passes the filters: the " + pairs.size() + (pairs.size() == 1 ? " pair's later date is "
                + Instant.ofEpochMilli(first) : " pairs' later dates run from " + Instant.ofEpochMilli(first) + " to "
                + Instant.ofEpochMilli(last));
    }

    /** {@link QueryByExample#bandsNote} of an example patch; null for a stored one. */
    private String bandsNote(ChangeExample example) {
        return example.isStored() ? null : QueryByExample.bandsNote(example.patch(), store);
    }

    /**
     * A note when two examples, neither a stored id, find a stored pair at distance 0 first: both files are that pair's
     * patches read again, which a query by its ids would leave out; else null.
     */
    public static String selfNote(ChangeExample before, ChangeExample after, List<ChangeHit> hits) {
        if (before.isStored() || after.isStored() || hits.isEmpty() || hits.get(0).distance() != 0f) {
            return null;
        }
        ChangeHit self = hits.get(0);
        return "the first pair, " + self.before().id() + " → " + self.after().id() + ", is the query itself: both files"
                + " are its stored patches (query by --before/--after ids to leave it out)";
    }

    /**
     * A note when the before example was acquired after the after one (the change then runs backwards in
     * time), else null; either time may be unknown (null).
     */
    public static String timeOrderNote(Instant before, Instant after) {
        return before != null && after != null && before.isAfter(after) ? "the before example (" + before + ") is later"
                + " than the after one (" + after + "): the change runs backwards in time" : null;
    }

    /** Share of the union of two footprints that they must share to count as one place (a shift of a few pixels passes). */
    static final double SAME_PLACE = 0.9;

    /**
     * A note when both examples have a footprint and they are not one place (they share less than {@value #SAME_PLACE}
     * of their union: two stored patches of different places, an upload of somewhere else), else null: their change
     * mixes two places' ground, where the index's pairs are each one footprint at two dates.
     */
    public static String footprintNote(PatchMeta before, PatchMeta after) {
        GeoBox a = before.footprint();
        GeoBox b = after.footprint();
        if (a == null || b == null) {
            return null;
        }
        double width = 0; // the widest overlap over whole turns: a footprint stored before boxes were wrapped meets its twin
        for (double turn = -360; turn <= 360; turn += 360) {
            width = Math.max(width, Math.min(a.maxLon(), b.maxLon() + turn) - Math.max(a.minLon(), b.minLon() + turn));
        }
        double height = Math.min(a.maxLat(), b.maxLat()) - Math.max(a.minLat(), b.minLat());
        double shared = width > 0 && height > 0 ? width * height : 0;
        double union = area(a) + area(b) - shared;
        if (union > 0 && shared / union >= SAME_PLACE) {
            return null;
        }
        return String.format(Locale.ROOT, "the before and after examples do not share a footprint (%s and %s, %s): their"
                + " change mixes two places, where the index's pairs are each one footprint at two dates", box(a), box(b),
                shared == 0 ? "apart" : String.format(Locale.ROOT, "%.0f %% in common", 100 * shared / union));
    }

    private static double area(GeoBox b) {
        return (b.maxLon() - b.minLon()) * (b.maxLat() - b.minLat());
    }

    private static String box(GeoBox b) {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", b.minLon(), b.minLat(), b.east(), b.maxLat());
    }

    /**
     * A note when one example is a Level-1C date and the other not (the {@code level-1c} flag differs): their change
     * holds the atmosphere as well as the ground, as the stored pairs, which keep levels apart, do not; else null.
     */
    public static String levelNote(PatchMeta before, PatchMeta after) {
        boolean l1c = before.flags().contains(S2BandFiles.LEVEL_1C);
        // "the other is not": it may be Level-2A, or no Sentinel-2 date at all (a picture)
        return l1c != after.flags().contains(S2BandFiles.LEVEL_1C) ? "the " + (l1c ? "before" : "after") + " example is a"
                + " Level-1C date and the " + (l1c ? "after" : "before") + " one is not: their change holds the atmosphere"
                + " as well as the ground" : null;
    }

    private int ordinalOf(String id, String side) throws IOException {
        try {
            return store.requireOrdinal(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
        }
    }

    private BitSet allowed(Filter filter) {
        return filter == null || filter.isNone() ? null : filter.compile(store.columns());
    }
}
