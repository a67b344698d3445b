/**
 * Queries over an index store: metadata filters (labels, time, {@link org.deq.search.Season}, box, flags) compiled to
 * bitsets, the search engine returning ranked hits, and {@link org.deq.search.QueryByExample}, the one query-by-example
 * entry point of the CLI and the server; {@link org.deq.search.BatchQuery} answers a folder of query patches, on local
 * threads or (through deq-spark) on a cluster.
 */
package org.deq.search;
