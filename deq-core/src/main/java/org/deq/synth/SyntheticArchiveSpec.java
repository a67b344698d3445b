package org.deq.synth;

/**
 * What a synthetic archive holds: {@code patches} single patches and {@code pairs} bi-temporal pairs (two patches
 * each) generated from {@code seed}. Archive item {@code i} is single patch {@code i} for {@code i < patches}, then
 * the first and second patch of each pair in turn.
 *
 * @param seed    the generator's seed; the same spec always gives the same archive
 * @param patches number of single patches
 * @param pairs   number of bi-temporal pairs
 * @param snow    whether winter patches of northern tiles may be snow-covered
 */
public record SyntheticArchiveSpec(long seed, long patches, long pairs, boolean snow) {

    public SyntheticArchiveSpec {
        if (patches < 0 || pairs < 0) {
            throw new IllegalArgumentException("synthetic archive: patch and pair counts must be >= 0, got "
                    + patches + " patches, " + pairs + " pairs");
        }
        if (patches > SyntheticPatchGenerator.MAX_PATCHES || pairs > SyntheticPatchGenerator.MAX_PAIRS) {
            throw new IllegalArgumentException("synthetic archive: at most " + SyntheticPatchGenerator.MAX_PATCHES
                    + " patches and " + SyntheticPatchGenerator.MAX_PAIRS + " pairs, asked for " + patches
                    + " patches, " + pairs + " pairs");
        }
    }

    /** Number of patches in the archive: singles plus both sides of every pair. */
    public long size() {
        return patches + 2 * pairs;
    }

    /** The generator for this spec. */
    public SyntheticPatchGenerator generator() {
        return new SyntheticPatchGenerator(seed, snow);
    }

    /** Short description, e.g. {@code synthetic seed=1 patches=1000 pairs=50}. */
    public String describe() {
        return "synthetic seed=" + seed + " patches=" + patches + " pairs=" + pairs + (snow ? " snow" : "");
    }
}
