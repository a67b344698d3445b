package org.deq.raster;

import java.io.IOException;

/**
 * A TIFF LZW decoder (codes of 9 to 12 bits, most significant bit first, the code width growing one code early as
 * libtiff writes it) on primitive tables, reused from block to block: NGA's decoder boxes every code in a map.
 */
final class TiffLzw {

    private static final int CLEAR = 256;
    private static final int END = 257;
    private static final int FIRST_FREE = 258;
    private static final int CODES = 4096;

    /** Per code: the code of its string less the last byte, that last byte, its first byte and its length. */
    private final int[] prefix = new int[CODES];
    private final byte[] suffix = new byte[CODES];
    private final byte[] first = new byte[CODES];
    private final int[] length = new int[CODES];

    TiffLzw() {
        for (int c = 0; c < 256; c++) {
            suffix[c] = (byte) c;
            first[c] = (byte) c;
            length[c] = 1;
        }
    }

    /**
     * Decodes the {@code inLength} bytes of {@code in} into {@code out}, up to {@code outLength} bytes (a block's size;
     * codes beyond it are dropped, as libtiff does); returns the bytes written.
     */
    int decode(byte[] in, int inLength, byte[] out, int outLength) throws IOException {
        long bits = (long) inLength * 8;
        long bit = 0;
        int width = 9;
        int next = FIRST_FREE;
        int old = -1;
        int at = 0;
        while (at < outLength && bit + width <= bits) {
            int i = (int) (bit >>> 3);
            int window = (in[i] & 0xFF) << 16 | (i + 1 < inLength ? (in[i + 1] & 0xFF) << 8 : 0)
                    | (i + 2 < inLength ? in[i + 2] & 0xFF : 0);
            int code = window >>> (24 - (int) (bit & 7) - width) & (1 << width) - 1;
            bit += width;
            if (code == END) {
                break;
            }
            if (code == CLEAR) {
                width = 9;
                next = FIRST_FREE;
                old = -1;
                continue;
            }
            if (old < 0) { // the first code after a clear is a byte
                if (code > 255) {
                    throw new IOException("corrupt LZW data (code " + code + " after a clear)");
                }
                out[at++] = (byte) code;
                old = code;
                continue;
            }
            if (code > next) { // a 12-bit code is below CODES: a full table is never outrun
                throw new IOException("corrupt LZW data (code " + code + " before it is defined)");
            }
            // the new string: the previous one and the first byte of this one (of itself when it is the new one); a full
            // table takes no more, until a clear code comes late, as libtiff decodes it (its entries past 4095 are never
            // reached by a 12-bit code)
            if (next < CODES) {
                prefix[next] = old;
                suffix[next] = code == next ? first[old] : first[code];
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
            }
            at = write(code, out, at, outLength);
            old = code;
            if (next + 1 >= 1 << width && width < 12) {
                width++;
            }
        }
        return at;
    }

    /** Writes the string of {@code code} at {@code at}, cut at {@code outLength}; returns the position after it. */
    private int write(int code, byte[] out, int at, int outLength) {
        int n = length[code];
        int end = Math.min(at + n, outLength);
        int c = code;
        for (int p = at + n - 1; p >= at; p--) { // the string's bytes come last first
            if (p < end) {
                out[p] = suffix[c];
            }
            c = prefix[c];
        }
        return end;
    }
}
