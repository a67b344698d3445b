package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    private static EvalReport report(boolean multiLabel, double mapFull) {
        return new EvalReport("queries=all database=all ranking=top-k", "shared-label", 2100, 2100, 20,
                0.7, 0.6, 0.05, mapFull, 0.65, 1.25, multiLabel, 2.1, 0.75, 0.66, 0.68, 0.5, 0.12, 0, 20);
    }

    @Test
    void multiLabelJsonHasEveryKey() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(true, 0.4).toJson());
        assertThat(json.fieldNames()).toIterable().contains("queries", "k", "map_at_k", "precision_at_k", "recall_at_k",
                "map_full", "ndcg_at_k", "ms_per_query", "acg_at_k", "wap_at_k", "label_precision_at_k",
                "label_recall_at_k", "label_accuracy_at_k", "hamming_loss_at_k", "protocol", "database");
        assertThat(json.get("map_at_k").asDouble()).isEqualTo(0.7);
        assertThat(json.get("queries").asInt()).isEqualTo(2100);
    }

    @Test
    void singleLabelJsonOmitsLabelMeasuresAndWritesMissingFiguresAsNull() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(false, Double.NaN).toJson());
        assertThat(json.has("acg_at_k")).isFalse();
        assertThat(json.has("hamming_loss_at_k")).isFalse();
        assertThat(json.get("map_full").isNull()).isTrue();
    }

    @Test
    void notesSayWhenTheFiguresAreDegenerate() {
        assertThat(report(true, 0.4).notes()).isEmpty();
        EvalReport none = new EvalReport("queries=all database=all ranking=top-k", "same-class", 3, 3, 20,
                0, 0, 0, 0, 0, 1, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3, 2);
        assertThat(none.notes()).containsExactly("no query has a relevant item in the database (relevance: same-class): the"
                        + " figures say nothing of the ranking, which has nothing to find; evaluate an index holding several"
                        + " patches per label",
                "k 20 exceeds the 2 database items besides a query: the @20 figures score n = 2 places (precision@20"
                        + " divides by 2)");
        EvalReport some = new EvalReport("queries=all database=all ranking=top-k", "same-class", 10, 10, 5,
                0.5, 0.4, 0.3, 0.5, 0.5, 1, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2, 5);
        assertThat(some.notes()).singleElement().asString().startsWith("2 of the 10 queries have no relevant item");
    }

    @Test
    void tableNamesTheFigures() {
        String table = report(true, Double.NaN).toTable();
        assertThat(table).contains("mAP@20", "0.7000", "label recall@20", "0.6800", "ms per query");
        assertThat(table).containsPattern("mAP \\(full ranking\\)\\s+-");
    }
}
