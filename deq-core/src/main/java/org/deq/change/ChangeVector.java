package org.deq.change;

/**
 * The change vector of a before/after pair: the after descriptor minus the before descriptor. For the histogram-like
 * descriptors of this project it says which spectra and textures a place lost and gained, so pairs with the same
 * kind of change (forest lost, water gained) lie close whatever else the place holds, and unchanged places sit near 0.
 */
public final class ChangeVector {

    private ChangeVector() {
    }

    /** {@code after - before}, both of the same dimension. */
    public static float[] of(float[] before, float[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("before and after descriptors differ in dimension: " + before.length
                    + " and " + after.length);
        }
        float[] out = new float[before.length];
        into(before, 0, after, 0, before.length, out, 0);
        return out;
    }

    /** Writes {@code after - before} of {@code dim} values at the given offsets of packed arrays into {@code out}. */
    static void into(float[] before, int beforeOffset, float[] after, int afterOffset, int dim, float[] out, int outOffset) {
        for (int j = 0; j < dim; j++) {
            out[outOffset + j] = after[afterOffset + j] - before[beforeOffset + j];
        }
    }
}
