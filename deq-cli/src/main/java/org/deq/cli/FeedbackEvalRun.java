package org.deq.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.deq.feedback.SimulationReport;

/**
 * What {@code feedback-eval --json} writes: the index and query sample of the run, then the simulation's report
 * (queries, pool_size, spec with the learner's settings, rows).
 *
 * @param index           the index folder, absolute
 * @param descriptor      the index's descriptor spec
 * @param truth           single-label or multi-label
 * @param protocol        rounds or demir2015
 * @param queriesPerClass queries drawn per class (per lowest label for multi-label truth)
 * @param queryGroups     classes (or lowest labels) the queries were drawn from
 * @param queryHalf       even or odd (--query-half), null for every sampled query
 * @param report          the figures and the spec they ran under
 */
record FeedbackEvalRun(String index, String descriptor, String truth, String protocol,
                       @JsonProperty("queries_per_class") int queriesPerClass,
                       @JsonProperty("query_groups") int queryGroups,
                       @JsonProperty("query_half") String queryHalf,
                       @JsonUnwrapped SimulationReport report) {
}
