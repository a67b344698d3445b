package org.deq.store;

/**
 * The part of the archive a supervised hash encoder learned from: the train part of the seeded per-class split
 * {@code split} (as {@code deq eval --split 60/40 --seed 1} draws it), recorded in the manifest so that an evaluation
 * can tell whether its test images are unseen by the encoder.
 *
 * @param split train/test percentages, e.g. {@code 60/40}
 * @param seed  seed of the split
 */
public record TrainingSplit(String split, long seed) {
}
