package org.deq.store;

/**
 * The part of the archive a supervised hash encoder learned from: the train part of the seeded per-class split
 * {@code split} (as {@code deq eval --split 60/40 --seed 1} draws it) over the {@code items} the index held then,
 * recorded in the manifest so that an evaluation can tell whether its test images are unseen by the encoder: the same
 * split drawn over more items (patches added since) is another partition.
 *
 * @param split train/test percentages, e.g. {@code 60/40}
 * @param seed  seed of the split
 * @param items patches in the index when the encoder was trained
 */
public record TrainingSplit(String split, long seed, int items) {
}
