package org.deq.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.deq.feedback.FeedbackEngine;
import org.deq.feedback.FeedbackRound;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.SessionStore;
import org.deq.feedback.SessionSummary;
import org.deq.feedback.Strategy;
import org.deq.raster.BadInputException;
import org.deq.search.Filter;
import org.deq.search.SearchEngine;
import org.deq.store.IndexStore;

/**
 * The server's relevance-feedback sessions: started from archive examples under a random file-safe name, marked,
 * and ranked by the core feedback engine (SVM + active learning), persisted in a {@link SessionStore} folder so they
 * survive a restart.
 */
final class FeedbackSessions {

    /** Seed of the active selector's clustering: fixed, so showing a session twice gives the same suggestions. */
    private static final long SEED = 1;

    private final IndexStore store;
    private final SearchEngine search;
    private final FeedbackEngine engine;
    private final SessionStore sessions;
    private final SessionsFolder folder;
    private final int maxSessions;
    private final RoundCache rounds = new RoundCache(RoundCache.ROUNDS);
    private final SecureRandom random = new SecureRandom();

    /** Sessions in {@code folder}, at most {@code maxSessions} of them started ({@code deq serve --max-sessions}). */
    FeedbackSessions(IndexStore store, SearchEngine search, SessionsFolder folder, int maxSessions) {
        this.store = store;
        this.search = search;
        this.engine = new FeedbackEngine(store);
        this.sessions = new SessionStore(folder.dir());
        this.folder = folder;
        this.maxSessions = maxSessions;
    }

    /** Starts and saves a session over the whole archive with these query examples (all known to the index). */
    FeedbackSession start(List<String> query) throws IOException {
        folder.requireWritable();
        requireRoom(); // before the engine's work, for a quick answer; again under the lock, where it counts
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        FeedbackSession session;
        try {
            session = engine.start("web-" + HexFormat.of().formatHex(bytes), query, 0);
        } catch (IllegalArgumentException e) { // the engine's checks of the query, as deq feedback words them
            throw ApiException.badRequest(e.getMessage());
        }
        // counted under the sessions' lock, which every index state served and every CLI shares, so concurrent starts
        // are counted one at a time; never over another one, however unlikely 64 random bits meet
        sessions.create(session, this::requireRoom);
        return session;
    }

    /**
     * A 503 once the folder holds {@code maxSessions}: no session is ever deleted but by a request, so the folder would
     * otherwise grow with every start (3000 POSTs made 3000 files); no Retry-After, since waiting frees nothing.
     */
    private void requireRoom() throws IOException {
        int held = sessions.names().size();
        if (held >= maxSessions) {
            throw new ApiException(503, "this server keeps at most " + maxSessions + " feedback sessions and holds " + held
                    + "; delete old ones (DELETE /api/feedback/sessions/{sid}, or deq feedback prune --older-than DAYS)"
                    + " before starting another");
        }
    }

    /** A page of the saved sessions, sorted by name, and how many there are. */
    record Listed(int total, List<SessionSummary> page) {
    }

    /** The saved sessions from {@code offset}, at most {@code limit}: name, round, marks, last written, or why a file cannot be read. */
    Listed list(int offset, int limit) throws IOException {
        folder.requirePresent();
        List<String> names = sessions.names();
        int from = Math.min(offset, names.size());
        return new Listed(names.size(), sessions.summaries(names.subList(from, Math.min(names.size(), from + limit))));
    }

    /** The saved session of a name; a name that breaks the naming rule is a 400, an unknown one a 404. */
    FeedbackSession load(String sid) throws IOException {
        requireSaved(sid);
        try {
            return sessions.load(sid);
        } catch (BadInputException e) {
            throw refusal(sid, e);
        }
    }

    /**
     * What the client is told when the store refused to read or change session {@code sid}: a 404 when it is gone (a
     * delete, here or by the CLI, between the request's first look and the lock), else a 409 for its damaged file, not
     * the client's bad input; neither names the server's folder.
     */
    private ApiException refusal(String sid, BadInputException e) {
        if (!sessions.exists(sid)) {
            return ApiException.notFound("no feedback session '" + sid + "'; start one with POST /api/feedback/sessions");
        }
        return new ApiException(409, "feedback session '" + sid + "' cannot be read: "
                + e.getMessage().replace(e.file().toString(), String.valueOf(e.file().getFileName())));
    }

    /**
     * A saved session as the JSON {@code deq feedback export} writes (query, pool, marks, round), but for its index,
     * named by the folder's name only: the server's paths are not the client's to know, and nothing reads the field
     * back (ids alone tie a session to an index).
     */
    String export(String sid) throws IOException {
        FeedbackSession s = load(sid);
        return SessionStore.toJson(new FeedbackSession(s.name(), folderName(s.index()), s.query(), s.pool(), s.marks(),
                s.round(), s.history(), s.indexCreated()));
    }

    /** The last name of a path as saved (either separator, trailing ones ignored): {@code /srv/deq/UCM/} is {@code UCM}. */
    static String folderName(String path) {
        String p = path.replaceAll("[/\\\\]+$", "");
        return p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
    }

    /** A 400 naming the rule for a name that breaks it (not a 404: no session could ever have it), a 404 for one not saved. */
    private void requireSaved(String sid) throws IOException {
        folder.requirePresent(); // else a session in a deleted index would read as one never started
        try {
            FeedbackSession.checkName(sid);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!sessions.exists(sid)) { // one look: listing the folder grew with every session a web UI's Refine started
            throw ApiException.notFound("no feedback session '" + sid + "'; start one with POST /api/feedback/sessions");
        }
    }

    /**
     * Deletes a saved session, under the sessions' lock, so a mark (server or CLI) never brings it back; a damaged file
     * is deleted too, since nothing else can be done with it.
     */
    void delete(String sid) throws IOException {
        folder.requireWritable();
        requireSaved(sid);
        try {
            sessions.delete(sid);
        } catch (BadInputException e) { // deleted meanwhile
            throw refusal(sid, e);
        }
        rounds.forget(sid);
    }

    /**
     * A 409 for a saved session none of whose query examples this index holds (started on another index, or the
     * examples removed since): the stored session no longer fits the index, as a damaged file does not; the server's
     * folder means nothing to the client, so it is not named.
     */
    private void requireFits(FeedbackSession session) throws IOException {
        for (String id : session.query()) {
            if (store.ordinal(id) >= 0) {
                return;
            }
        }
        throw new ApiException(409, "feedback session '" + session.name() + "' no longer fits the index: none of its query"
                + " examples is in it; delete it (DELETE /api/feedback/sessions/" + session.name() + ")");
    }

    /** A session after new marks, with a note for each earlier mark they replaced. */
    record Marked(FeedbackSession session, List<String> notes) {
    }

    /** Adds marks to a saved session and saves it, locked so that concurrent marks (server or CLI) are not lost. */
    Marked mark(String sid, Map<String, Boolean> marks) throws IOException {
        folder.requireWritable();
        requireFits(load(sid)); // an unknown session is a 404, one this index cannot rank a 409, before anything is locked
        List<String> notes = new ArrayList<>();
        FeedbackSession session;
        try {
            session = sessions.update(sid, current -> {
                notes.addAll(current.changedMarks(marks)); // against the marks saved when the lock is held
                return engine.mark(current, marks);
            });
        } catch (BadInputException e) { // deleted or damaged since the look above
            throw refusal(sid, e);
        } catch (IllegalArgumentException e) { // a query example or unknown id marked, as deq feedback refuses it
            throw ApiException.badRequest(e.getMessage());
        }
        return new Marked(session, List.copyOf(notes));
    }

    /**
     * One round of a session: the k best images by model score that pass the filter, and the suggestions to mark next.
     * The filter is compiled to a bitset over the whole store and applied to the full ranking before the top k is
     * taken, and to the suggestions; the model still trains on every mark. Computed in a slot of {@code gate}, once per
     * session as saved and way of showing it ({@link RoundCache}).
     */
    Views.FeedbackView round(FeedbackSession session, Strategy strategy, int k, int suggest, Filter filter, SearchGate gate)
            throws IOException {
        // computed at one depth for every k up to it and cut to k: its results for k are the first k of a deeper
        // ranking and its suggestions the same, and a k of its own per request made each one train the model again
        int depth = Math.max(k, RoundCache.DEPTH);
        return rounds.get(new RoundCache.Key(session, strategy, depth, suggest, filter),
                () -> gate.run(() -> compute(session, strategy, depth, suggest, filter))).showing(k);
    }

    private Views.FeedbackView compute(FeedbackSession session, Strategy strategy, int k, int suggest, Filter filter)
            throws IOException {
        requireFits(session);
        BitSet allowed = search.allowed(filter);
        FeedbackRound round = engine.round(session, strategy, k, suggest, SEED, allowed);
        List<Views.FeedbackHitView> hits = new ArrayList<>(round.results().size());
        for (FeedbackRound.Result r : round.results()) {
            hits.add(new Views.FeedbackHitView(r.rank(), r.id(), null, r.score(), r.mark(),
                    Views.patch(store.meta(store.ordinal(r.id())))));
        }
        List<Views.PatchView> suggestions = new ArrayList<>(round.suggestions().size());
        for (String id : round.suggestions()) {
            suggestions.add(Views.patch(store.meta(store.ordinal(id))));
        }
        List<String> notes = new ArrayList<>(round.notes());
        if (suggest > 0 && suggestions.isEmpty()) { // as deq feedback's "mark next: nothing left to mark"
            notes.add(passesPool(session, allowed) ? "nothing left to mark: every image of the session's pool"
                    + (filter.isNone() ? "" : " that the filter passes") + " is marked or a query example"
                    : "the filter passes no image of the session's pool: nothing to rank or to mark");
        }
        // which filter terms can match nothing or remove nothing, as a search says
        notes.addAll(search.inertTerms(filter));
        return new Views.FeedbackView(session.name(), session.round(), round.model(), strategy.key(), session.query(),
                k, round.millis(), hits, suggestions, List.copyOf(notes), round.relevant(), round.irrelevant());
    }

    /** Whether the filter's ordinals ({@code null}: every one) hold an image of the session's pool (empty: the index). */
    private boolean passesPool(FeedbackSession session, BitSet allowed) throws IOException {
        if (allowed == null) {
            return true;
        }
        if (session.pool().isEmpty()) {
            return !allowed.isEmpty();
        }
        for (String id : session.pool()) {
            int ordinal = store.ordinal(id);
            if (ordinal >= 0 && allowed.get(ordinal)) {
                return true;
            }
        }
        return false;
    }
}
