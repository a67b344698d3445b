package org.deq.server;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.deq.analysis.LabelPrediction.LabelScore;
import org.deq.feedback.SessionSummary;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.search.Hit;

/** The JSON shapes of the API: plain records of strings and numbers, so any JSON mapper writes them the same way. */
final class Views {

    private Views() {
    }

    /**
     * A patch's metadata; {@code bbox} is [minLon, minLat, maxLon, maxLat] (maxLon west of minLon across the
     * antimeridian, RFC 7946) or null, {@code acquired} ISO-8601 or null.
     */
    record PatchView(String id, String acquired, double[] bbox, List<String> labels, List<String> flags) {
    }

    /**
     * The health probe's answer: the served state's patches, generation, creation time (new when the folder is built
     * again, whose generation starts afresh), commit time (new with every commit) and encoder, and why a newer commit of
     * the folder is not served (null when the served state is the folder's last); {@code status} is "ok", or "degraded"
     * while there is such a reason.
     */
    record HealthView(String status, int patches, long generation, String created, String updated, String encoder,
                      String reloadError) {
    }

    /** One ranked result. */
    record HitView(int rank, String id, float distance, PatchView patch) {
    }

    /** A result list; {@code resultId} names it for export and refinement. */
    record ResultsView(String resultId, List<String> examples, int k, double tookMs, List<HitView> hits, List<String> notes) {
    }

    /**
     * One image of a feedback ranking: {@code score} is the relevance model's score (higher: more relevant; an SVM
     * decision value, or a kernel similarity before any irrelevant mark), {@code distance} is always null since no
     * distance to a single query exists, and {@code mark} is the user's mark (query examples true) or null.
     */
    record FeedbackHitView(int rank, String id, Float distance, float score, Boolean mark, PatchView patch) {
    }

    /**
     * A feedback session's current round: the ranking ({@code hits}, shaped like search hits), the images to mark
     * next, and one note per mark the request replaced and per fallback; {@code model} is {@code svm} or {@code similarity}.
     */
    record FeedbackView(String sessionId, int round, String model, String strategy, List<String> examples, int k,
                        double tookMs, List<FeedbackHitView> hits, List<PatchView> suggestions, List<String> notes,
                        int relevant, int irrelevant) {

        /** The same round showing its first {@code shown} results (a round ranks alike however many it shows). */
        FeedbackView showing(int shown) {
            return new FeedbackView(sessionId, round, model, strategy, examples, shown, tookMs,
                    hits.subList(0, Math.min(shown, hits.size())), suggestions, notes, relevant, irrelevant);
        }

        /** The same round with {@code first} (about the request that led to it) before its own notes. */
        FeedbackView withNotesFirst(List<String> first) {
            if (first.isEmpty()) {
                return this;
            }
            List<String> all = new ArrayList<>(first);
            all.addAll(notes);
            return new FeedbackView(sessionId, round, model, strategy, examples, k, tookMs, hits, suggestions, all,
                    relevant, irrelevant);
        }
    }

    /** A patch's caption from its neighbours' labels, the scores of the predicted labels, its stored ones and notes on who votes. */
    record CaptionView(String id, String caption, int k, List<LabelScore> labels, List<String> stored, List<String> notes) {
    }

    /** A page of the archive's patches that pass a filter, with notes on filter terms that can match nothing. */
    record PageView(int total, int offset, List<PatchView> patches, List<String> notes) {
    }

    /** A bi-temporal pair of stored patches: the same footprint at two dates. */
    record PairView(PatchView before, PatchView after) {
    }

    /** A page of the index's bi-temporal pairs; {@code notes} say why it is empty when the index holds none. */
    record PairPageView(int total, int offset, List<PairView> pairs, List<String> notes) {
    }

    /** One result of a change query: a stored pair and the distance of its change vector to the query's. */
    record ChangeHitView(int rank, float distance, PatchView before, PatchView after) {
    }

    /**
     * The result of a change query; {@code pairs} is how many pairs the index holds; {@code notes} say why the list is
     * short (no pairs in the index, a filter term that can match nothing), as a search's do.
     */
    record ChangeResultsView(String before, String after, int k, double tookMs, int pairs, List<ChangeHitView> hits,
                             List<String> notes) {
    }

    static PatchView patch(PatchMeta meta) {
        GeoBox b = meta.footprint();
        return new PatchView(meta.id(), meta.acquired() == null ? null : meta.acquired().toString(),
                b == null ? null : new double[] {b.minLon(), b.minLat(), b.east(), b.maxLat()}, // RFC 7946's order
                meta.labels(), List.copyOf(new TreeSet<>(meta.flags())));
    }

    static List<HitView> hits(List<Hit> hits) {
        List<HitView> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(new HitView(h.rank(), h.id(), h.distance(), patch(h.meta())));
        }
        return out;
    }

    /** A saved feedback session as the list of sessions shows it; {@code round} and {@code marks} null for a damaged file. */
    record SessionView(String name, Integer round, Integer marks, String lastModified, String error) {
    }

    /** A page of the saved sessions: how many there are, where the page starts, its sessions. */
    record SessionPageView(int total, int offset, List<SessionView> sessions) {
    }

    /** The saved sessions, times as ISO-8601 instants to the second, as {@code deq feedback list} prints them. */
    static List<SessionView> sessions(List<SessionSummary> all) {
        List<SessionView> out = new ArrayList<>(all.size());
        for (SessionSummary s : all) {
            out.add(new SessionView(s.name(), s.round(), s.marks(),
                    s.lastModified().truncatedTo(ChronoUnit.SECONDS).toString(), s.error()));
        }
        return out;
    }
}
