/**
 * Products computed from the archive's own data besides search (DESIGN.md's {@code deq-analysis}): for now Sentinel-2
 * band sharpening, the 20 m bands super-resolved to 10 m ({@link org.deq.analysis.BandSharpening},
 * {@link org.deq.analysis.SharpenedPatch}) and its evaluation on real patches by Wald's protocol
 * ({@link org.deq.analysis.WaldProtocol}).
 */
package org.deq.analysis;
