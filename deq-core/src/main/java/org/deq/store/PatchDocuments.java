package org.deq.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.spec.PrintableText;

/** How a patch's metadata is kept in the store's Lucene index: its document, read back whole or as filter columns. */
final class PatchDocuments {

    /** The id field: a term, looked up by IndexStore.ordinal. */
    static final String ID = "id";
    private static final String ORD = "ord";
    /** The stored source path, read alone for the readers note. */
    static final String SOURCE = "source";
    private static final String ACQUIRED = "acquired";
    private static final String TIME = "time";
    private static final String BBOX = "bbox";
    private static final String LABEL = "label";
    private static final String FLAG = "flag";
    private static final String[] BBOX_COLUMNS = {"bbox.minLon", "bbox.minLat", "bbox.maxLon", "bbox.maxLat"};

    /**
     * The most UTF-8 bytes of one indexed value (id, label, flag): Lucene refuses a longer term or sorted-set doc value,
     * and only after taking a doc id for the document, which then no longer matches its ordinal.
     */
    static final int MAX_VALUE_BYTES = IndexWriter.MAX_TERM_LENGTH;
    /** Different labels one patch may carry (BigEarthNet's patches carry at most 12 of its 43). */
    static final int MAX_LABELS = 1000;
    /** Characters of an over-long value shown in its error. */
    private static final int SHOWN = 40;

    private PatchDocuments() {
    }

    /**
     * Refuses metadata of which Lucene would refuse the document: an id over {@link PatchMeta#MAX_ID_BYTES} or a label or
     * flag over {@link #MAX_VALUE_BYTES} UTF-8 bytes, or more than {@link #MAX_LABELS} labels, is an IllegalArgumentException naming the patch and the
     * field, so it is a bad patch of an ingest; so is one holding a control character, which the server refuses in a
     * request and a terminal or a CSV file would act on, an empty id, and a label holding '|', the separator of labels.
     */
    static void checkIndexable(PatchMeta m) {
        if (m.id().isEmpty()) { // no request, option or filter can name it
            throw new IllegalArgumentException(named(m) + ": an empty id");
        }
        int idBytes = m.id().getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > PatchMeta.MAX_ID_BYTES) { // stored, it could be listed but never named in a request
            throw new IllegalArgumentException(named(m) + ": its id is " + idBytes + " bytes of UTF-8, more than the "
                    + PatchMeta.MAX_ID_BYTES + " an id may have (requests to the server name a patch by its id)");
        }
        checkValue(m, ID, m.id());
        if (m.labels().size() > MAX_LABELS) { // each is a term and a doc value: millions of them exhaust the heap
            throw new IllegalArgumentException(named(m) + ": " + m.labels().size() + " different labels, more than the "
                    + MAX_LABELS + " a patch may carry");
        }
        for (String label : m.labels()) {
            checkValue(m, LABEL, label);
            if (label.indexOf('|') >= 0) { // no filter term could name it, and an export's label list could not be split
                throw new IllegalArgumentException(named(m) + ": its label " + shown(label) + " holds '|', which separates"
                        + " labels in filters (labels-any=A|B) and exports");
            }
        }
        for (String flag : m.flags()) {
            checkValue(m, FLAG, flag);
        }
    }

    private static void checkValue(PatchMeta m, String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            // a newline splits a CSV row and a table line, an escape sequence takes over the terminal that lists it, and
            // the server refuses such an id in a request: stored, the patch could be listed but never viewed or queried
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(named(m) + ": its " + field + " " + shown(value)
                        + String.format(" holds a control character (U+%04X)", (int) value.charAt(i)));
            }
        }
        // Lucene's own count: an unpaired surrogate takes the 3 bytes of U+FFFD, not the 1 of Java's '?'
        int bytes = UnicodeUtil.calcUTF16toUTF8Length(value, 0, value.length());
        if (bytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(named(m) + ": its " + field + " " + shown(value) + " is " + bytes
                    + " bytes of UTF-8, more than the " + MAX_VALUE_BYTES + " an index takes");
        }
    }

    /** The patch as an error line names it: its id and where it was read from. */
    private static String named(PatchMeta m) {
        return "patch " + shown(m.id()) + (m.source().isEmpty() ? "" : " (" + PrintableText.of(m.source()) + ")");
    }

    /** A value quoted for an error line: whole when short, else its start and its length; what would act rather than show escaped. */
    private static String shown(String value) {
        int points = value.codePointCount(0, value.length());
        return points <= SHOWN ? "'" + PrintableText.of(value) + "'"
                : "'" + PrintableText.of(value.substring(0, value.offsetByCodePoints(0, SHOWN))) + "...' (" + points + " characters)";
    }

    /**
     * The Lucene document of one patch: every PatchMeta field is stored, id and labels are terms, time and box are
     * points, and the filter columns (ordinal, time, box, labels, flags) are doc values, so that opening reads columns,
     * not documents.
     */
    static Document document(PatchMeta m, int ordinal) {
        Document d = new Document();
        d.add(new StringField(ID, m.id(), Field.Store.YES));
        d.add(new StoredField(ORD, ordinal));
        d.add(new NumericDocValuesField(ORD, ordinal));
        d.add(new StoredField(SOURCE, m.source()));
        if (m.acquired() != null) {
            d.add(new StoredField(ACQUIRED, m.acquired().toString()));
            d.add(new LongPoint(TIME, m.acquired().toEpochMilli()));
            d.add(new NumericDocValuesField(TIME, m.acquired().toEpochMilli()));
        }
        GeoBox b = m.footprint();
        if (b != null) {
            d.add(new DoublePoint(BBOX, b.minLon(), b.minLat(), b.maxLon(), b.maxLat()));
            double[] corners = {b.minLon(), b.minLat(), b.maxLon(), b.maxLat()};
            for (int c = 0; c < 4; c++) {
                d.add(new StoredField(BBOX, corners[c]));
                d.add(new DoubleDocValuesField(BBOX_COLUMNS[c], corners[c]));
            }
        }
        for (String label : m.labels()) {
            d.add(new StringField(LABEL, label, Field.Store.YES));
            d.add(new SortedSetDocValuesField(LABEL, new BytesRef(label)));
        }
        // in a fixed order: a set's iteration order changes from one JVM run to the next, and the same archive must
        // give the same documents
        for (String flag : m.flags().stream().sorted(MetaColumns.UTF8_ORDER).toList()) {
            d.add(new StringField(FLAG, flag, Field.Store.YES));
            d.add(new SortedSetDocValuesField(FLAG, new BytesRef(flag)));
        }
        return d;
    }

    static PatchMeta decode(Document d) {
        String acquired = d.get(ACQUIRED);
        IndexableField[] box = d.getFields(BBOX);
        GeoBox footprint = box.length == 4 ? new GeoBox(box[0].numericValue().doubleValue(),
                box[1].numericValue().doubleValue(), box[2].numericValue().doubleValue(),
                box[3].numericValue().doubleValue()) : null;
        return new PatchMeta(d.get(ID), d.get(SOURCE), acquired == null ? null : Instant.parse(acquired), footprint,
                List.of(d.getValues(LABEL)), Set.of(d.getValues(FLAG)));
    }

    /** Builds the filter columns from doc values, segment by segment, checking that doc ids are ordinals. */
    static MetaColumns readColumns(DirectoryReader r, Manifest m, Path luceneDir) throws IOException {
        if (r.maxDoc() != m.count() || r.numDocs() != m.count()) {
            // maxDoc counts deleted documents too: one would mean a document refused after it took a doc id
            throw new BadInputException(luceneDir, "holds " + r.maxDoc() + " documents (" + r.numDeletedDocs()
                    + " deleted), the manifest says " + m.count() + " patches; index the archive again into a new folder");
        }
        MetaColumns columns = new MetaColumns();
        List<String> labels = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        double[] corners = new double[4];
        for (LeafReaderContext ctx : r.leaves()) {
            LeafReader leaf = ctx.reader();
            NumericDocValues ord = DocValues.getNumeric(leaf, ORD);
            NumericDocValues time = DocValues.getNumeric(leaf, TIME);
            NumericDocValues[] box = new NumericDocValues[4];
            for (int c = 0; c < 4; c++) {
                box[c] = DocValues.getNumeric(leaf, BBOX_COLUMNS[c]);
            }
            SortedSetDocValues labelValues = DocValues.getSortedSet(leaf, LABEL);
            SortedSetDocValues flagValues = DocValues.getSortedSet(leaf, FLAG);
            for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                int ordinal = ctx.docBase + doc;
                if (!ord.advanceExact(doc) || ord.longValue() != ordinal) {
                    throw new BadInputException(luceneDir, "document " + ordinal + " is out of ordinal order");
                }
                long millis = time.advanceExact(doc) ? time.longValue() : MetaColumns.NO_TIME;
                boolean hasBox = box[0].advanceExact(doc);
                for (int c = 0; c < 4; c++) {
                    corners[c] = hasBox && (c == 0 || box[c].advanceExact(doc))
                            ? Double.longBitsToDouble(box[c].longValue()) : Double.NaN;
                }
                columns.append(millis, corners[0], corners[1], corners[2], corners[3],
                        values(labelValues, doc, labels), values(flagValues, doc, flags));
            }
        }
        return columns;
    }

    /** The strings of one document's sorted-set doc values, in a reused list. */
    private static List<String> values(SortedSetDocValues dv, int doc, List<String> out) throws IOException {
        out.clear();
        if (dv.advanceExact(doc)) {
            for (int i = 0; i < dv.docValueCount(); i++) {
                out.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
            }
        }
        return out;
    }
}
