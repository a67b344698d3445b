package org.deq.search;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.archive.PatchSource;
import org.deq.concurrent.Workers;
import org.deq.io.Failures;
import org.deq.raster.BadInputException;

/**
 * Many query patches answered one by one: every patch of a query archive is read as {@code deq query --image} reads an
 * example, described with the index's descriptor and searched. {@link #answer} is the one step shared by {@code deq batch-query} on local threads and on Spark executors.
 */
public final class BatchQuery {

    /**
     * One query's ranked result ids and distances, or the one-line reason it could not be answered; {@code note}, when not
     * null, says how the query was read ({@link QueryByExample#exampleNotes}: pixels without data read as 0, another
     * processing level than the index's, Sentinel-2 bands read as colours), its notes joined by "; ".
     */
    public record Answer(String queryId, String[] ids, float[] distances, String error, String note) implements Serializable {

        /** A query that could not be read, described or searched. */
        public static Answer failed(String queryId, String error) {
            return new Answer(queryId, new String[0], new float[0], error, null);
        }
    }

    private BatchQuery() {
    }

    /**
     * Reads and describes {@code query}, then finds its k nearest patches; a bad query file becomes its error, never an
     * exception. The patch is read from its file or folder as {@link Archives#readPatch} reads an example, not as its
     * archive reads it for an index: a query needs no labels, so a BigEarthNet v1.0 folder without its JSON file is answered.
     * With {@code excludeSelf}, the stored patch of the query's id is left out of its results, as a query by a stored id is.
     */
    public static Answer answer(QueryByExample qbe, PatchSource query, int k, Filter filter, boolean excludeSelf) {
        try {
            float[] described;
            String note;
            try {
                // a GeoTIFF's NaN pixels are noted, as in deq query; no grid: a patch folder's would decode a band again
                GriddedPatch read = Archives.readWithNoData(query.location(), false);
                List<String> notes = QueryByExample.exampleNotes(read, qbe.store());
                note = notes.isEmpty() ? null : String.join("; ", notes);
                described = qbe.describe(read.patch());
            } catch (BadInputException | IllegalArgumentException e) {
                // both name the query's file: the reader's one-line error, and describe's when its bands do not fit the index
                return Answer.failed(query.id(), e.getMessage());
            }
            List<Hit> hits = qbe.byDescriptors(List.of(described), k, filter, excludeSelf ? Set.of(query.id()) : Set.of());
            String[] ids = new String[hits.size()];
            float[] distances = new float[hits.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = hits.get(i).id();
                distances[i] = hits.get(i).distance();
            }
            return new Answer(query.id(), ids, distances, null, note);
        } catch (IOException | RuntimeException e) {
            return Answer.failed(query.id(), query.location() + ": " + Failures.message(e));
        }
    }

    /**
     * Answers every patch of {@code queries} on {@code threads} local threads, in archive order, as {@link #answer};
     * {@code progress} gets the count done.
     */
    public static List<Answer> run(QueryByExample qbe, Archive queries, int k, Filter filter, boolean excludeSelf, int threads,
                                   LongConsumer progress) throws IOException {
        ExecutorService pool = Workers.pool(threads, "deq-batch-query");
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (PatchSource source : queries) {
                futures.add(pool.submit(() -> answer(qbe, source, k, filter, excludeSelf)));
            }
            List<Answer> answers = new ArrayList<>(futures.size());
            for (Future<Answer> f : futures) {
                answers.add(Workers.await(f, "batch query"));
                progress.accept(answers.size());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The answers as CSV: a header, then one row per result ({@code query,rank,id,distance}); failed queries have no rows.
     * Ids a spreadsheet would run as a formula get a leading {@code '}, as the server's export gives them
     * ({@link Csv#spreadsheetField}).
     */
    public static void writeCsv(List<Answer> answers, Appendable out) throws IOException {
        out.append("query,rank,id,distance\n");
        for (Answer a : answers) {
            String query = Csv.spreadsheetField(a.queryId());
            for (int i = 0; i < a.ids().length; i++) {
                out.append(query).append(',').append(Integer.toString(i + 1)).append(',').append(Csv.spreadsheetField(a.ids()[i]))
                        .append(',').append(Float.toString(a.distances()[i])).append('\n');
            }
        }
    }
}
