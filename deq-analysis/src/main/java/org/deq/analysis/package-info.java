/**
 * Products computed from the archive's own data besides search (DESIGN.md's {@code deq-analysis}): Sentinel-2 band
 * sharpening, the 20 m bands super-resolved to 10 m ({@link org.deq.analysis.BandSharpening},
 * {@link org.deq.analysis.SharpenedPatch}), scored on real patches by Wald's protocol
 * ({@link org.deq.analysis.WaldProtocol}); and per-pixel change maps between two dates
 * ({@link org.deq.analysis.ChangeMap}), scored on synthetic pairs with pixel truth
 * ({@link org.deq.analysis.ChangeMapEvaluation}); and maps of vegetation variables (LAI, FAPAR, FCOVER, canopy
 * chlorophyll) by ESA SNAP's biophysical networks ({@link org.deq.analysis.BiophysicalModel},
 * {@link org.deq.analysis.BiophysicalMap}), the sun placed by {@link org.deq.analysis.SolarPosition}.
 */
package org.deq.analysis;
