package org.deq.feedback;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deq.search.QueryByExample;
import org.deq.spec.EnumNames;
import org.deq.spec.IdLists;
import org.deq.store.IndexStore;

/**
 * Runs feedback sessions against an open index store: starts a session (pool = top N by similarity to the query
 * examples, or the whole archive), checks marks, and computes a round (train, re-rank, suggest). Ids the index lacks
 * are rejected when marking and, in a session saved earlier, ignored with a note.
 *
 * <p>Safe for concurrent calls from many threads (the server shares one): each round builds its own model, sessions are
 * values, and the one state kept, the whole archive's pool, is built once under the engine's lock. Keeping two writers' marks of one saved session is {@link SessionStore#update}'s job.
 * Not while a commit runs on the same {@link IndexStore} instance.
 */
public final class FeedbackEngine {

    /** Most images one round proposes for marking: more than a person marks at once. */
    public static final int MAX_SUGGESTIONS = 50;

    /**
     * Most marks a session holds: a round's SVM holds a kernel matrix of (marks + query examples)² doubles, about 9 MB
     * here; a person marks tens, Demir &amp; Bruzzone's protocol 56 and {@code feedback-eval}'s default 50.
     */
    public static final int MAX_MARKS = 1000;

    private final IndexStore store;
    private final Kernel kernel;
    private final KernelWidth width;
    private final double c;
    private final double queryWeight;
    private final double nearestWeight;
    /** The pool of sessions without one, built once: its passes over the archive cost tens of ms a round at 100k. */
    private FeedbackSpace wholeArchive;

    /** An engine with the default learner: kernel, width rule, SVM C, query and nearest-example weights. */
    public FeedbackEngine(IndexStore store) {
        this(store, FeedbackSpace.DEFAULT_KERNEL, KernelWidth.DEFAULT, SimulationSpec.DEFAULT_C,
                SimulationSpec.DEFAULT_QUERY_WEIGHT, SimulationSpec.DEFAULT_NEAREST_WEIGHT);
    }

    /**
     * An engine with the given kernel, width rule, SVM C and weights of the query and nearest-relevant-example
     * similarities ({@link FeedbackSpace#fit(int[], int[], int[], double, double, double)}).
     */
    public FeedbackEngine(IndexStore store, Kernel kernel, KernelWidth width, double c, double queryWeight,
                          double nearestWeight) {
        SimulationSpec.checkLearner(c, queryWeight, nearestWeight);
        this.store = store;
        this.kernel = kernel;
        this.width = width;
        this.c = c;
        this.queryWeight = queryWeight;
        this.nearestWeight = nearestWeight;
    }

    /**
     * A new session; its candidate pool is the query examples and the {@code poolSize} images besides them most similar
     * to them (kernel similarity), or the whole archive for {@code poolSize} ≤ 0 or at least the archive's other images
     * ({@link #poolCovers}). Unknown query ids, an id given twice and more than
     * {@link QueryByExample#MAX_EXAMPLES} examples are errors. The session names the index by its absolute path, so an
     * exported session says which index it belongs to wherever it is read, and by its creation time, which tells a
     * rebuilt index ({@link SessionOrigin}).
     */
    public FeedbackSession start(String name, List<String> queryIds, int poolSize) throws IOException {
        FeedbackSession.checkName(name);
        if (queryIds.isEmpty()) {
            throw new IllegalArgumentException("session '" + name + "': no query example; give at least one patch id");
        }
        IdLists.distinct("query", queryIds);
        if (queryIds.size() > QueryByExample.MAX_EXAMPLES) {
            throw new IllegalArgumentException("session '" + name + "': " + queryIds.size() + " query examples; at most "
                    + QueryByExample.MAX_EXAMPLES + " make one query");
        }
        int[] query = ordinals(queryIds, "query example", null);
        List<String> pool = List.of();
        if (poolSize > 0 && !poolCovers(poolSize, queryIds.size())) {
            FeedbackSpace all = wholeArchive();
            // the pool's images and, among them, the query examples the ranking passes over
            int[] order = FeedbackSpace.order(all.score(all.fit(query, new int[0], c)), poolSize + queryIds.size());
            List<String> ids = new ArrayList<>(queryIds);
            for (int i = 0; ids.size() < poolSize + queryIds.size(); i++) {
                String id = store.meta(order[i]).id();
                if (!queryIds.contains(id)) { // the query examples are in the pool besides its poolSize images
                    ids.add(id);
                }
            }
            pool = ids;
        }
        return FeedbackSession.start(name, store.dir().toAbsolutePath().normalize().toString(), store.created(), queryIds,
                pool);
    }

    /** Whether a pool of {@code poolSize} images besides {@code queryExamples} query examples takes the whole archive. */
    public boolean poolCovers(int poolSize, int queryExamples) {
        return (long) poolSize + queryExamples >= store.size();
    }

    /**
     * The session with more marks; ids the index lacks, more than {@link #MAX_MARKS} marks in all, and a session that
     * cannot be ranked (none of its query examples in the index), are an IllegalArgumentException: checked here, before
     * a caller saves the marks, so that a refused mark leaves the saved session as it was.
     */
    public FeedbackSession mark(FeedbackSession session, Map<String, Boolean> marks) throws IOException {
        ordinals(new ArrayList<>(marks.keySet()), "marked image", null);
        FeedbackSession marked = session.mark(marks);
        if (marked.marks().size() > MAX_MARKS) {
            throw new IllegalArgumentException("session '" + session.name() + "': " + marked.marks().size()
                    + " marks with these; a session holds at most " + MAX_MARKS + " (it has " + session.marks().size()
                    + "): start a new session from its best results");
        }
        queryOrdinals(session, new ArrayList<>());
        return marked;
    }

    /**
     * One round: trains on the session's marks, re-ranks its pool and suggests {@code suggest} images to mark.
     * Fallbacks, each with a note: no mark or no irrelevant mark → similarity to the relevant examples (and the top
     * of that ranking as suggestions); ids the index lacks → ignored. A session started on another index, or on this
     * one before it was rebuilt, is ranked all the same, with a note ({@link SessionOrigin}).
     */
    public FeedbackRound round(FeedbackSession session, Strategy strategy, int show, int suggest, long seed)
            throws IOException {
        return round(session, strategy, show, suggest, seed, null);
    }

    /**
     * The same, with the ranking shown and the suggestions limited to the store ordinals set in {@code allowed}
     * ({@code null}: all), e.g. a filter's; the model still trains on every mark, allowed or not.
     */
    public FeedbackRound round(FeedbackSession session, Strategy strategy, int show, int suggest, long seed, BitSet allowed)
            throws IOException {
        if (show < 0) {
            throw new IllegalArgumentException("number of results to show must be >= 0, got " + show);
        }
        if (suggest < 0 || suggest > MAX_SUGGESTIONS) {
            throw new IllegalArgumentException("number of images to suggest must be within 0.." + MAX_SUGGESTIONS + ", got "
                    + suggest);
        }
        Objects.requireNonNull(strategy, "strategy");
        List<String> notes = new ArrayList<>();
        SessionOrigin.note(session, store.dir(), store.created()).ifPresent(notes::add);
        int[] query = queryOrdinals(session, notes);
        FeedbackSpace whole = session.pool().isEmpty() ? wholeArchive() : null;
        int[] rows = whole != null ? whole.rows() : ordinals(session.pool(), "pool image", notes); // read only
        long start = System.nanoTime();
        int[] positives = ordinals(positives(session), "marked image", notes);
        int[] relevant = FeedbackSpace.concat(query, positives);
        int[] irrelevant = ordinals(session.irrelevantIds(), "marked image", notes);
        if (session.marks().isEmpty()) {
            notes.add("no marks yet: ranked by similarity to the query example(s)");
        } else if (irrelevant.length == 0) {
            notes.add("no image marked irrelevant: ranked by similarity to the relevant ones; mark some irrelevant images to train the classifier");
        }
        FeedbackSpace space = whole != null ? whole : space(rows);
        RelevanceModel model = space.fit(query, positives, irrelevant, c, queryWeight, nearestWeight);
        float[] scores = space.score(model);
        int[] position = whole != null ? null : positions(rows); // the whole archive's: the ordinal itself
        int outside = 0;
        for (int[] marked : new int[][] {positives, irrelevant}) {
            for (int ordinal : marked) {
                outside += position(position, ordinal) < 0 ? 1 : 0;
            }
        }
        if (outside > 0) { // they train the classifier all the same
            notes.add(outside + " marked image(s) lie outside the session's pool of " + rows.length
                    + " and are never ranked; they still teach the classifier");
        }
        BitSet excluded = new BitSet(rows.length);
        for (int[] marked : new int[][] {relevant, irrelevant}) {
            for (int r : marked) {
                if (position(position, r) >= 0) {
                    excluded.set(position(position, r));
                }
            }
        }
        if (allowed != null) { // a suggestion the filter hides could never be shown with the results
            for (int p = 0; p < rows.length; p++) {
                if (!allowed.get(rows[p])) {
                    excluded.set(p);
                }
            }
        }
        // the results skip query examples and rows the filter hides, the marks the excluded: every one of them may lie in
        // the top, so the ranking is taken that deep (the whole pool when that is most of it)
        Candidates candidates = suggest > 0 ? Candidates.forMarks(suggest) : null;
        int[] order = FeedbackSpace.order(scores, show + excluded.cardinality() + (candidates == null ? 0
                : Math.max(suggest, Math.max(candidates.uncertain(), candidates.window()))));
        if (suggest > 0 && strategy == Strategy.ACTIVE && model.kind() == RelevanceModel.Kind.SIMILARITY) {
            notes.add("no classifier yet, so no uncertainty: suggestions are diverse images from the top of the ranking");
        }
        int[] next = suggest > 0 ? ActiveSelector.select(strategy, space, model.kind(), scores, order, excluded, suggest,
                candidates, seed) : new int[0];
        double millis = (System.nanoTime() - start) / 1e6;
        Map<String, Boolean> marks = session.marks();
        BitSet queryRows = new BitSet();
        for (int q : query) {
            queryRows.set(q);
        }
        List<FeedbackRound.Result> results = new ArrayList<>();
        for (int i = 0; i < order.length && results.size() < show; i++) {
            int ordinal = rows[order[i]];
            // the query examples are what the user asked with, as a search leaves them out; marked images stay, marked
            if ((allowed == null || allowed.get(ordinal)) && !queryRows.get(ordinal)) {
                String id = store.meta(ordinal).id();
                results.add(new FeedbackRound.Result(results.size() + 1, id, scores[order[i]], marks.get(id)));
            }
        }
        List<String> suggestions = new ArrayList<>(next.length);
        for (int p : next) {
            suggestions.add(store.meta(rows[p]).id());
        }
        return new FeedbackRound(EnumNames.key(model.kind()), results, suggestions, notes,
                relevant.length, irrelevant.length, millis);
    }

    /** Ordinals of the session's query examples, those the index lacks noted; none at all is an error. */
    private int[] queryOrdinals(FeedbackSession session, List<String> notes) throws IOException {
        int[] query = ordinals(session.query(), "query example", notes);
        if (query.length == 0) {
            throw new IllegalArgumentException("session '" + session.name() + "': none of its query examples is in the index "
                    + store.dir());
        }
        return query;
    }

    private synchronized FeedbackSpace wholeArchive() {
        if (wholeArchive == null || wholeArchive.size() != store.size()) { // built again over a store that grew
            wholeArchive = space(FeedbackSpace.allRows(store.size()));
        }
        return wholeArchive;
    }

    private FeedbackSpace space(int[] rows) {
        return FeedbackSpace.of(store.vectors(), store.config().dimension(), rows, 1).withKernel(kernel).withKernelWidth(width);
    }

    private static List<String> positives(FeedbackSession session) {
        List<String> all = session.relevantIds();
        return all.subList(session.query().size(), all.size());
    }

    /** Ordinals of the ids; unknown ones are noted (notes given) or an error naming up to 5 of them (notes null). */
    private int[] ordinals(List<String> ids, String what, List<String> notes) throws IOException {
        int[] out = new int[ids.size()];
        int n = 0;
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            int ordinal = store.ordinal(id);
            if (ordinal < 0) {
                unknown.add(id);
            } else {
                out[n++] = ordinal;
            }
        }
        if (!unknown.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (String id : unknown.subList(0, Math.min(5, unknown.size()))) {
                // a suggestion scans every stored id: for an error, not for a note that every round of a session repeats
                named.add("'" + id + "'" + (notes == null ? store.didYouMean(id) : ""));
            }
            String list = String.join(", ", named) + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "");
            if (notes == null) {
                throw new IllegalArgumentException(unknown.size() + " " + what + " id(s) not in the index " + store.dir()
                        + ": " + list);
            }
            notes.add("ignored " + unknown.size() + " " + what + " id(s) not in the index: " + list);
        }
        return Arrays.copyOf(out, n);
    }

    /** The pool position of {@code ordinal} by {@link #positions} (null: a pool of the whole archive), -1 outside. */
    private static int position(int[] positions, int ordinal) {
        return positions == null ? ordinal : positions[ordinal];
    }

    /** Pool position of every archive ordinal, -1 outside the pool. */
    private int[] positions(int[] rows) {
        int[] position = new int[store.size()];
        Arrays.fill(position, -1);
        for (int p = 0; p < rows.length; p++) {
            position[rows[p]] = p;
        }
        return position;
    }
}
