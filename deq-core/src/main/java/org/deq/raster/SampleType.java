package org.deq.raster;

import mil.nga.tiff.FieldType;

/** Numeric type of the samples stored in a raster file, with the range used to scale integers to [0, 1]. */
public enum SampleType {
    UINT8(255), INT8(127), UINT16(65535), INT16(32767), UINT32(4294967295d), INT32(2147483647d), FLOAT32(1), FLOAT64(1);

    /** Largest value of the type (1 for floating point), the divisor that maps full-range integers to [0, 1]. */
    public final double fullScale;

    SampleType(double fullScale) {
        this.fullScale = fullScale;
    }

    /** True for floating-point samples. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    static SampleType of(FieldType type) {
        return switch (type) {
            case BYTE, UNDEFINED -> UINT8;
            case SBYTE -> INT8;
            case SHORT -> UINT16;
            case SSHORT -> INT16;
            case LONG -> UINT32;
            case SLONG -> INT32;
            case FLOAT -> FLOAT32;
            case DOUBLE -> FLOAT64;
            default -> throw new IllegalArgumentException("unsupported TIFF sample type " + type);
        };
    }
}
