/**
 * Change queries: the bi-temporal pairs of an index (one footprint, consecutive dates), their change vectors
 * (after minus before in descriptor space), and query by a before/after pair returning the pairs that changed alike,
 * and their evaluation against the change types a synthetic archive records ({@code ChangeRecords}, {@code ChangeEvaluation}).
 */
package org.deq.change;
