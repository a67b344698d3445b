package org.deq.raster;

import java.nio.ByteBuffer;

/** Numeric type of the samples stored in a raster file, with the range used to scale integers to [0, 1]. */
public enum SampleType {
    UINT8(255, 1), INT8(127, 1), UINT16(65535, 2), INT16(32767, 2), UINT32(4294967295d, 4), INT32(2147483647d, 4),
    FLOAT32(1, 4), FLOAT64(1, 8);

    /** Largest value of the type (1 for floating point), the divisor that maps full-range integers to [0, 1]. */
    public final double fullScale;
    /** Bytes a sample takes in a file. */
    final int bytes;

    SampleType(double fullScale, int bytes) {
        this.fullScale = fullScale;
        this.bytes = bytes;
    }

    /** True for floating-point samples. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The type of TIFF samples of {@code bits} bits in TIFF SampleFormat {@code format} (1 unsigned, 2 signed, 3 IEEE
     * float), or null when deq cannot hold them as floats (1- or 12-bit samples, 64-bit integers, complex numbers).
     */
    static SampleType of(int format, int bits) {
        return switch (format * 100 + bits) {
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
     * Converts {@code n} samples of this type in {@code src} (in its byte order), the first at sample index {@code from}
     * and then every {@code stride} samples (the bands of a pixel-interleaved block lie side by side), to floats at
     * {@code dst[at]} on. The loop runs per type, not per sample.
     */
    void toFloats(ByteBuffer src, int from, int stride, float[] dst, int at, int n) {
        int step = stride * bytes;
        int p = from * bytes;
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
        }
    }
}
