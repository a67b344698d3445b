/**
 * Benchmark programs behind {@code deq bench ingest} and {@code deq bench index}: ratios and rates measured in one run,
 * with medians over repeats ({@code deq bench feedback} runs this module's {@code FeedbackBenchmark}).
 */
package org.deq.bench;
