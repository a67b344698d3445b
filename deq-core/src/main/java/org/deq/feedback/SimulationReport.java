package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * Mean figures of simulated feedback sessions, one row per strategy and round.
 *
 * @param queries       number of query images (one session each per strategy)
 * @param poolSize      images in each pool
 * @param spec          how the sessions ran
 * @param rows          one row per strategy and round, round 0 first
 */
public record SimulationReport(int queries, @JsonProperty("pool_size") int poolSize, SimulationSpec spec, List<Row> rows) {

    /**
     * Figures averaged over queries after one round.
     *
     * @param strategy      the selection strategy
     * @param round         0 before any feedback round
     * @param marked        mean number of marked images (query excluded)
     * @param precisionAt10 precision of the first 10 results
     * @param precisionAt20 precision of the first 20 results
     * @param mapAt20       mean AP@20 (normalised by the relevant results in the top 20)
     * @param msPerRound    mean time to select this round's marks, train and score the pool (0 for round 0)
     */
    public record Row(String strategy, int round, double marked,
                      @JsonProperty("precision_at_10") double precisionAt10,
                      @JsonProperty("precision_at_20") double precisionAt20,
                      @JsonProperty("map_at_20") double mapAt20,
                      @JsonProperty("ms_per_round") double msPerRound) {
    }

    /** The row of a strategy and round. */
    public Row row(Strategy strategy, int round) {
        for (Row r : rows) {
            if (r.strategy().equals(strategy.key()) && r.round() == round) {
                return r;
            }
        }
        throw new IllegalArgumentException("no row for " + strategy.key() + " round " + round);
    }

    /** A fixed-width table, one line per row. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format("%-8s %5s %7s %8s %8s %8s %9s%n",
                "strategy", "round", "marked", "P@10", "P@20", "mAP@20", "ms/round"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-8s %5d %7.1f %8.4f %8.4f %8.4f %9.2f%n", r.strategy(),
                    r.round(), r.marked(), r.precisionAt10(), r.precisionAt20(), r.mapAt20(), r.msPerRound()));
        }
        return sb.toString();
    }
}
