package org.deq.raster;

import java.nio.ByteBuffer;

/** Numeric type of the samples stored in a raster file, with the range used to scale integers to [0, 1]. */
public enum SampleType {
    UINT8(255, 8), INT8(127, 8), UINT16(65535, 16), INT16(32767, 16), UINT32(4294967295d, 32), INT32(2147483647d, 32),
    FLOAT32(1, 32), FLOAT64(1, 64), UINT1(1, 1), UINT2(3, 2), UINT4(15, 4);

    /** Largest value of the type (1 for floating point), the divisor that maps full-range integers to [0, 1]. */
    public final double fullScale;
    /** Bits a sample takes in a file: below 8, several samples share a byte, the first in its highest bits. */
    final int bits;
    /** Bytes a sample takes in a file; 0 for samples of fewer than 8 bits. */
    final int bytes;

    SampleType(double fullScale, int bits) {
        this.fullScale = fullScale;
        this.bits = bits;
        this.bytes = bits / 8;
    }

    /** True for floating-point samples. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The type of TIFF samples of {@code bits} bits in TIFF SampleFormat {@code format} (1 unsigned, 2 signed, 3 IEEE
     * float), or null when deq cannot hold them as floats (12-bit samples, 64-bit integers, complex numbers).
     */
    static SampleType of(int format, int bits) {
        return switch (format * 100 + bits) {
            case 101 -> UINT1;
            case 102 -> UINT2;
            case 104 -> UINT4;
            case 108 -> UINT8;
            case 208 -> INT8;
            case 116 -> UINT16;
            case 216 -> INT16;
            case 132 -> UINT32;
            case 232 -> INT32;
            case 332 -> FLOAT32;
            case 364 -> FLOAT64;
            default -> null;
        };
    }

    /**
     * Converts {@code n} samples of this type in the row of {@code src} (in its byte order) that starts at byte {@code
     * row}, the first at sample index {@code from} of the row and then every {@code stride} samples (the bands of a
     * pixel-interleaved block lie side by side), to floats at {@code dst[at]} on. The loop runs per type, not per sample.
     */
    void toFloats(ByteBuffer src, int row, int from, int stride, float[] dst, int at, int n) {
        if (bits < 8) {
            packedToFloats(src, row, from, stride, dst, at, n);
            return;
        }
        int step = stride * bytes;
        int p = row + from * bytes;
        int end = at + n;
        switch (this) {
            case UINT8 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.get(p) & 0xFF; }
            case INT8 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.get(p); }
            case UINT16 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.getShort(p) & 0xFFFF; }
            case INT16 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.getShort(p); }
            case UINT32 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.getInt(p) & 0xFFFFFFFFL; }
            case INT32 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.getInt(p); }
            case FLOAT32 -> { for (int i = at; i < end; i++, p += step) dst[i] = src.getFloat(p); }
            case FLOAT64 -> { for (int i = at; i < end; i++, p += step) dst[i] = (float) src.getDouble(p); }
            default -> throw new IllegalStateException(name()); // packed types are converted above
        }
    }

    /** {@link #toFloats} of samples of 1, 2 or 4 bits, packed from each byte's highest bits (a row starts on a byte). */
    private void packedToFloats(ByteBuffer src, int row, int from, int stride, float[] dst, int at, int n) {
        int mask = (1 << bits) - 1;
        long bit = (long) from * bits; // a row of 2^31 bytes holds 2^34 bits
        int step = stride * bits;
        for (int i = at, end = at + n; i < end; i++, bit += step) {
            // bits divides 8: a sample never spans two bytes
            dst[i] = (src.get(row + (int) (bit >>> 3)) >>> (8 - bits - (int) (bit & 7))) & mask;
        }
    }
}
