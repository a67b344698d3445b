package org.deq.feedback;

import java.util.ArrayList;
import java.util.List;

/**
 * What one feedback round shows the user.
 *
 * @param model       {@code svm}, or {@code similarity} when no irrelevant image is marked
 * @param results     the best-ranked pool images, best first, without the query examples (marked images included)
 * @param suggestions ids to mark next, chosen by the strategy; never a marked image, a query example or one the
 *                    round's filter hides
 * @param notes       one line per fallback or ignored input (empty when all went as asked)
 * @param relevant    relevant examples trained on (query examples included)
 * @param irrelevant  irrelevant examples trained on
 * @param millis      time to train, score the pool and select the suggestions
 */
public record FeedbackRound(String model, List<Result> results, List<String> suggestions, List<String> notes,
                            int relevant, int irrelevant, double millis) {

    /** Copies the lists. */
    public FeedbackRound {
        results = List.copyOf(results);
        suggestions = List.copyOf(suggestions);
        notes = List.copyOf(notes);
    }

    /** The same round with {@code first} (notes about the request that led to it) before its own notes. */
    public FeedbackRound withNotesFirst(List<String> first) {
        List<String> all = new ArrayList<>(first);
        all.addAll(notes);
        return new FeedbackRound(model, results, suggestions, all, relevant, irrelevant, millis);
    }

    /**
     * One ranked pool image.
     *
     * @param rank  1 for the best
     * @param id    patch id
     * @param score model score (higher: more relevant)
     * @param mark  the user's mark, or null when unmarked
     */
    public record Result(int rank, String id, float score, Boolean mark) {
    }
}
