package org.deq.hash;

/**
 * Fixed-width bit fields packed back to back in a {@code long[]} stream, with one spare word at the end so that a
 * read never needs a bounds branch: the 8 high bits of a 24-bit id cost exactly 8 bits.
 */
final class PackedBits {

    private PackedBits() {
    }

    /** A zeroed stream for {@code count} fields of {@code width} bits, plus the spare word. */
    static long[] allocate(long count, int width) {
        return new long[Math.toIntExact(((count * width + 63) >>> 6) + 1)];
    }

    /** Bits needed to write every value in 0..max (at least 1). */
    static int widthFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }

    /** The {@code width} (1..64) bits starting at bit {@code offset}. */
    static long read(long[] stream, long offset, int width) {
        int word = (int) (offset >>> 6);
        int shift = (int) offset & 63;
        // (x << 1) << (63 - shift) is x << (64 - shift) without Java's shift by 64 being a shift by 0
        long v = (stream[word] >>> shift) | ((stream[word + 1] << 1) << (63 - shift));
        return v & (-1L >>> (64 - width));
    }

    /** Writes {@code value} (width bits, higher bits zero) at bit {@code offset} of a zeroed region. */
    static void write(long[] stream, long offset, int width, long value) {
        int word = (int) (offset >>> 6);
        int shift = (int) offset & 63;
        stream[word] |= value << shift;
        if (shift + width > 64) {
            stream[word + 1] |= value >>> (64 - shift);
        }
    }
}
