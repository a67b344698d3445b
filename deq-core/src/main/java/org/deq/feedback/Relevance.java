package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.deq.eval.LabelTruth;

/**
 * Which archive images the simulated user calls relevant to a query, and so which ones the figures count.
 * {@code shared-label}: {@link LabelTruth#relevant} (same class; multi-label: at least one shared label).
 * {@code jaccard:T}: label sets at least this similar, |L_q ∩ L_r| / |L_q ∪ L_r| ≥ T — on multi-label UC Merced most
 * images share a label with the query, so shared-label relevance leaves little room to improve a first ranking.
 *
 * @param minJaccard 0 for shared-label relevance, else the minimum Jaccard similarity of the label sets, in (0, 1]
 */
public record Relevance(double minJaccard) {

    /** Same class, or at least one shared label. */
    public static final Relevance SHARED_LABEL = new Relevance(0);

    private static final String JACCARD = "jaccard:";

    /** Checks the threshold. */
    public Relevance {
        if (!(minJaccard >= 0 && minJaccard <= 1)) {
            throw new IllegalArgumentException("minimum Jaccard similarity must be in [0, 1], got " + minJaccard);
        }
    }

    /** Parses {@code shared-label} or {@code jaccard:T} with T in (0, 1]. */
    public static Relevance parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("shared-label")) {
            return SHARED_LABEL;
        }
        if (s.startsWith(JACCARD)) {
            try {
                double t = Double.parseDouble(s.substring(JACCARD.length()));
                if (t > 0 && t <= 1) {
                    return new Relevance(t);
                }
            } catch (NumberFormatException e) {
                // reported below with the expected forms
            }
        }
        throw new IllegalArgumentException("unknown relevance '" + spec + "'; expected shared-label or jaccard:T with T in (0, 1]");
    }

    /** The spec this parses from: {@code shared-label} or {@code jaccard:T}. */
    @JsonValue
    public String key() {
        return minJaccard == 0 ? "shared-label" : JACCARD + minJaccard;
    }

    /** Whether {@code item} is relevant to {@code query} under this definition. */
    public boolean relevant(LabelTruth truth, int query, int item) {
        if (minJaccard == 0) {
            return truth.relevant(query, item);
        }
        int common = truth.overlap(query, item);
        int union = truth.labelSetSize(query) + truth.labelSetSize(item) - common;
        return common > 0 && common >= minJaccard * union;
    }
}
