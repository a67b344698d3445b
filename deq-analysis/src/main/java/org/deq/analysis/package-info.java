/**
 * Products computed from the archive's own data besides search (DESIGN.md's {@code deq-analysis}): Sentinel-2 band
 * sharpening, the 20 m bands super-resolved to 10 m ({@link org.deq.analysis.BandSharpening},
 * {@link org.deq.analysis.SharpenedPatch}), scored on real patches by Wald's protocol
 * ({@link org.deq.analysis.WaldProtocol}); per-pixel change maps between two dates
 * ({@link org.deq.analysis.ChangeMap}), scored on synthetic pairs with pixel truth
 * ({@link org.deq.analysis.ChangeMapEvaluation}); maps of vegetation variables (LAI, FAPAR, FCOVER, canopy
 * chlorophyll) by ESA SNAP's biophysical networks ({@link org.deq.analysis.BiophysicalModel},
 * {@link org.deq.analysis.BiophysicalMap}), the sun placed by {@link org.deq.analysis.SolarPosition};
 * and labels predicted from an index's nearest neighbours
 * ({@link org.deq.analysis.LabelPrediction}, scored leave-one-out by {@link org.deq.analysis.LabelPredictionEvaluation}),
 * written as one sentence ({@link org.deq.analysis.Caption}) and mapped over large images
 * ({@link org.deq.analysis.LandCoverMap}, scored on mosaics of held-out pictures by
 * {@link org.deq.analysis.LandCoverEvaluation}).
 */
package org.deq.analysis;
