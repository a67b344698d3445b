package org.deq.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one evaluation run, each the mean over queries (formulas in the package documentation).
 * {@code mapFull} is NaN unless the protocol asked for the full ranking; the multi-label figures (ACG, WAP and the
 * label-level measures) are NaN for single-label truth. {@code withoutRelevant} counts the queries the database holds no
 * relevant item for (their precision, recall and mAP are 0); {@code cutoff} is the most places scored for a query, min(k, database
 * items besides it), below k on a small database.
 */
public record EvalReport(
        String protocol,
        String relevance,
        int queries,
        int database,
        int k,
        double mapAtK,
        double precisionAtK,
        double recallAtK,
        double mapFull,
        double ndcgAtK,
        double msPerQuery,
        boolean multiLabel,
        double acgAtK,
        double wapAtK,
        double labelPrecisionAtK,
        double labelRecallAtK,
        double labelAccuracyAtK,
        double hammingLossAtK,
        int withoutRelevant,
        int cutoff) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report as a JSON object (snake_case keys; NaN figures as null, multi-label keys only for multi-label truth). */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("protocol", protocol);
        node.put("relevance", relevance);
        node.put("queries", queries);
        node.put("database", database);
        node.put("k", k);
        put(node, "map_at_k", mapAtK);
        put(node, "precision_at_k", precisionAtK);
        put(node, "recall_at_k", recallAtK);
        put(node, "map_full", mapFull);
        put(node, "ndcg_at_k", ndcgAtK);
        put(node, "ms_per_query", msPerQuery);
        if (multiLabel) {
            put(node, "acg_at_k", acgAtK);
            put(node, "wap_at_k", wapAtK);
            put(node, "label_precision_at_k", labelPrecisionAtK);
            put(node, "label_recall_at_k", labelRecallAtK);
            put(node, "label_accuracy_at_k", labelAccuracyAtK);
            put(node, "hamming_loss_at_k", hammingLossAtK);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an in-memory JSON tree", e);
        }
    }

    private static void put(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    /**
     * One line per way the figures are degenerate, without a prefix (empty when none): queries without any relevant item,
     * and a k beyond the database items besides a query.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (withoutRelevant == queries) {
            notes.add("no query has a relevant item in the database (relevance: " + relevance + "): the figures say nothing"
                    + " of the ranking, which has nothing to find; evaluate an index holding several patches per label");
        } else if (withoutRelevant > 0) {
            notes.add(withoutRelevant + " of the " + queries + " queries have no relevant item in the database (relevance: "
                    + relevance + "): their precision, recall and mAP are 0 whatever the ranking, lowering the means");
        }
        if (cutoff < k) {
            notes.add("k " + k + " exceeds the " + cutoff + " database items besides a query: the @" + k + " figures score"
                    + " n = " + cutoff + " places (precision@" + k + " divides by " + cutoff + ")");
        }
        return notes;
    }

    /** A compact human-readable table, one figure per line. */
    public String toTable() {
        StringBuilder text = new StringBuilder();
        text.append(protocol).append(" relevance=").append(relevance).append('\n');
        text.append(String.format(Locale.ROOT, "queries %d, database %d, k %d%n", queries, database, k));
        row(text, "mAP@" + k, mapAtK);
        row(text, "precision@" + k, precisionAtK);
        row(text, "recall@" + k, recallAtK);
        row(text, "mAP (full ranking)", mapFull);
        row(text, "nDCG@" + k, ndcgAtK);
        if (multiLabel) {
            row(text, "ACG@" + k, acgAtK);
            row(text, "WAP@" + k, wapAtK);
            row(text, "label precision@" + k, labelPrecisionAtK);
            row(text, "label recall@" + k, labelRecallAtK);
            row(text, "label accuracy@" + k, labelAccuracyAtK);
            row(text, "Hamming loss@" + k, hammingLossAtK);
        }
        text.append(String.format(Locale.ROOT, "%-22s %.3f%n", "ms per query", msPerQuery));
        return text.toString();
    }

    private static void row(StringBuilder text, String name, double value) {
        text.append(String.format(Locale.ROOT, "%-22s %s%n", name, Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value)));
    }
}
