package org.deq.vectors;

/**
 * Floats as ints whose signed order is the floats' order (negative floats have their magnitude bits flipped): a
 * distance or score packed beside an id in one {@code long} sorts as the pair.
 */
public final class SortableFloats {

    private SortableFloats() {
    }

    /** An int whose signed order is the order of {@code f}. */
    public static int bits(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float of {@link #bits}. */
    public static float value(int bits) {
        return Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7fffffff));
    }
}
