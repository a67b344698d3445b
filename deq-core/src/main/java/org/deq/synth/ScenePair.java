package org.deq.synth;

/**
 * A bi-temporal pair: the same place at two dates, the second with a known change applied to one segment.
 *
 * @param before  the first date
 * @param after   the second date
 * @param type    the change applied
 * @param changed for each 10 m pixel (row-major 120 x 120), whether it lies in the changed segment: the per-pixel truth
 *                of change maps (all false for no change); an array, so two pairs are equal only when they are
 *                the same object
 */
public record ScenePair(SyntheticScene before, SyntheticScene after, ChangeType type, boolean[] changed) {
}
