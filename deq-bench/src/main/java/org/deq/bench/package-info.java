/** Benchmark programs behind {@code deq bench}: ratios and rates measured in one run, with medians over repeats. */
package org.deq.bench;
