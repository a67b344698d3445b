/**
 * Retrieval evaluation: ground-truth labels ({@link org.deq.eval.LabelTruth}), the query/database protocol
 * ({@link org.deq.eval.EvalProtocol}), the metrics ({@link org.deq.eval.RankMetrics}) and the parallel driver
 * ({@link org.deq.eval.RetrievalEvaluator}) that turns any {@link org.deq.eval.Ranker} into an
 * {@link org.deq.eval.EvalReport}. The metrics and the driver depend on no index or descriptor code: a ranker is just
 * "query ordinal → ranked database ordinals"; {@link org.deq.eval.IndexEvaluation} adapts an index store to it.
 *
 * <h2>Metrics (exact formulas)</h2>
 * For a query q with label set L<sub>q</sub>, the ranking r<sub>1</sub>, r<sub>2</sub>, … holds database items,
 * never q itself. n = min(k, database items besides q) is the number of places scored, whatever the ranker returns:
 * when it returns fewer (e.g. a hash lookup within a radius), each empty place up to n counts as an irrelevant result
 * without labels (rel<sub>i</sub> = 0, o<sub>i</sub> = 0, |L<sub>r<sub>i</sub></sub>| = 0, so its Hamming loss is
 * |L<sub>q</sub>|/L), not as a shorter list. rel<sub>i</sub> ∈ {0,1}: same class when the truth has class ids
 * (single-label), else |L<sub>q</sub> ∩ L<sub>r<sub>i</sub></sub>| ≥ 1. R = relevant items in the database
 * (q excluded), R<sub>k</sub> = Σ<sub>i≤n</sub> rel<sub>i</sub>, P@i = (1/i) Σ<sub>j≤i</sub> rel<sub>j</sub>,
 * o<sub>i</sub> = |L<sub>q</sub> ∩ L<sub>r<sub>i</sub></sub>|, L = number of distinct labels the index holds (the
 * stored patches', not the whole nomenclature's: an index of part of BigEarthNet has a larger Hamming loss than the
 * same results scored over all 43 labels).
 * Every figure is the mean over queries of the per-query value; a per-query ratio with a zero denominator is 0.
 * <ul>
 *   <li>precision@k = R<sub>k</sub> / n</li>
 *   <li>recall@k = R<sub>k</sub> / R</li>
 *   <li>AP@k = (1/R<sub>k</sub>) Σ<sub>i≤n</sub> P@i·rel<sub>i</sub> (0 when R<sub>k</sub> = 0), the normalisation
 *       of most RS hashing code and of the published UC Merced mAP@20 tables; mAP@k = its mean</li>
 *   <li>AP (full ranking) = (1/R) Σ<sub>i≤N</sub> P@i·rel<sub>i</sub> over the whole ranking of the N database
 *       items (for an index, its {@link org.deq.index.Index#ranking ranking}, which begins with its top k); map_full
 *       = its mean</li>
 *   <li>nDCG@k = DCG@k / IDCG@k, DCG@k = Σ<sub>i≤n</sub> (2<sup>o<sub>i</sub></sup> − 1) / log<sub>2</sub>(i+1);
 *       IDCG@k is the same sum over the k best database items (q excluded) sorted by decreasing o</li>
 *   <li>ACG@k = (1/n) Σ<sub>i≤n</sub> o<sub>i</sub></li>
 *   <li>WAP@k = (1/R<sub>k</sub>) Σ<sub>i≤n</sub> rel<sub>i</sub>·ACG@i (0 when R<sub>k</sub> = 0)</li>
 *   <li>label-level measures (Dai, Demir, Sankur &amp; Bruzzone, JSTARS 2018), each averaged over the n results:
 *       label precision o<sub>i</sub>/|L<sub>r<sub>i</sub></sub>|, label recall o<sub>i</sub>/|L<sub>q</sub>|,
 *       label accuracy o<sub>i</sub>/|L<sub>q</sub> ∪ L<sub>r<sub>i</sub></sub>| (1 when both sets are empty),
 *       Hamming loss |L<sub>q</sub> Δ L<sub>r<sub>i</sub></sub>| / L</li>
 *   <li>ms per query = mean wall time of one {@link org.deq.eval.Ranker#rank} call</li>
 * </ul>
 * ACG, WAP and the label-level measures are reported for multi-label truth only.
 */
package org.deq.eval;
