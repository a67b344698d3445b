package org.deq.synth;

/**
 * Ground truth of one side of a bi-temporal pair.
 *
 * @param type     the change applied between the two dates
 * @param partner  name of the other patch of the pair
 * @param before   class of the changed segment at the first date
 * @param after    class of the changed segment at the second date (equal to {@code before} for harvest, no change)
 * @param fraction share of the patch's pixels in the changed segment (0 for no change)
 */
public record PairChange(ChangeType type, String partner, LandCover before, LandCover after, float fraction) {
}
