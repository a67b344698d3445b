/**
 * Scale-out on Apache Spark: {@link org.deq.spark.SparkDescriber} runs the ingest's describe step on a cluster under
 * deq-core's {@link org.deq.ingest.Ingest} (same listing, ordinals, commits and bad-patch report as on local threads),
 * and {@link org.deq.spark.SparkBatchQuery} answers a folder of query patches with deq-core's
 * {@link org.deq.search.BatchQuery#answer}. Workers read the archive and the index from paths shared by the cluster.
 */
package org.deq.spark;
