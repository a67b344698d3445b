package org.deq.hash;

/** Pure helpers on packed binary codes: word counts, bit access and Hamming distance. */
public final class Codes {

    private Codes() {
    }

    /** Longs needed for a code of {@code bits} bits. */
    public static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    /** Hamming distance between the codes at {@code a[aOff..]} and {@code b[bOff..]}, {@code words} longs each. */
    public static int distance(long[] a, int aOff, long[] b, int bOff, int words) {
        int d = 0;
        for (int w = 0; w < words; w++) {
            d += Long.bitCount(a[aOff + w] ^ b[bOff + w]);
        }
        return d;
    }

    /** The {@code len} (1..64) bits starting at bit {@code start} of the code at {@code codes[base..]}, as a number. */
    public static long substring(long[] codes, int base, int start, int len) {
        int word = start >>> 6;
        int shift = start & 63;
        long v = codes[base + word] >>> shift;
        // the substring may straddle two words
        if (shift + len > 64) {
            v |= codes[base + word + 1] << (64 - shift);
        }
        return v & (-1L >>> (64 - len));
    }

    /**
     * The next larger mask with as many set bits (Gosper's hack), to visit every key at one Hamming distance; a
     * nonzero {@code mask}.
     */
    static long nextSameWeight(long mask) {
        long low = mask & -mask;
        long ripple = mask + low;
        return (((ripple ^ mask) >>> 2) >>> Long.numberOfTrailingZeros(low)) | ripple;
    }

    /**
     * How many of the {@code bits} bits hold the same value in all {@code n} packed codes: bits that tell no two codes
     * apart (a degenerate encoder gives many).
     */
    public static int constantBits(long[] codes, int n, int bits) {
        int words = words(bits);
        int constant = 0;
        for (int w = 0; w < words; w++) {
            long ones = 0;
            long zeros = 0;
            for (int i = 0; i < n; i++) {
                long c = codes[i * words + w];
                ones |= c;
                zeros |= ~c;
            }
            long varying = ones & zeros;
            int inWord = Math.min(64, bits - (w << 6));
            constant += inWord - Long.bitCount(inWord == 64 ? varying : varying & ((1L << inWord) - 1));
        }
        return constant;
    }
}
