package org.deq.raster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Undoes a TIFF predictor on the decoded rows of a block in place: horizontal differencing (2) of integer samples of 1
 * to 8 bytes, or the floating-point predictor (3), whose rows hold each sample's bytes in planes, most significant first,
 * differenced byte by byte.
 */
final class TiffPredictor {

    private TiffPredictor() {
    }

    /**
     * Undoes horizontal differencing: {@code rows} rows of {@code rowSamples} samples of {@code bytes} bytes each, a
     * pixel's {@code samples} samples side by side, each sample the difference from the same band's to its left.
     */
    static void horizontal(ByteBuffer block, int rows, int rowSamples, int samples, int bytes) {
        byte[] b = block.array();
        for (int r = 0; r < rows; r++) {
            int row = r * rowSamples * bytes;
            switch (bytes) {
                case 1 -> {
                    for (int i = row + samples, end = row + rowSamples; i < end; i++) {
                        b[i] += b[i - samples];
                    }
                }
                case 2 -> {
                    for (int p = row + samples * 2, end = row + rowSamples * 2; p < end; p += 2) {
                        block.putShort(p, (short) (block.getShort(p) + block.getShort(p - samples * 2)));
                    }
                }
                case 4 -> {
                    for (int p = row + samples * 4, end = row + rowSamples * 4; p < end; p += 4) {
                        block.putInt(p, block.getInt(p) + block.getInt(p - samples * 4));
                    }
                }
                default -> {
                    for (int p = row + samples * 8, end = row + rowSamples * 8; p < end; p += 8) {
                        block.putLong(p, block.getLong(p) + block.getLong(p - samples * 8));
                    }
                }
            }
        }
    }

    /**
     * Undoes the floating-point predictor on {@code rows} rows of {@code rowSamples} samples of {@code bytes} bytes:
     * sums each row's bytes along (a pixel's {@code samples} apart), then gathers every sample's bytes from their planes
     * in the block's byte order. {@code row} is scratch of a row's bytes.
     */
    static void floatingPoint(ByteBuffer block, int rows, int rowSamples, int samples, int bytes, byte[] row) {
        byte[] b = block.array();
        boolean big = block.order() == ByteOrder.BIG_ENDIAN;
        int rowBytes = rowSamples * bytes;
        for (int r = 0; r < rows; r++) {
            int start = r * rowBytes;
            for (int i = start + samples, end = start + rowBytes; i < end; i++) {
                b[i] += b[i - samples];
            }
            System.arraycopy(b, start, row, 0, rowBytes);
            for (int plane = 0; plane < bytes; plane++) { // plane 0 holds the most significant bytes
                int to = start + (big ? plane : bytes - 1 - plane);
                int from = plane * rowSamples;
                for (int i = 0; i < rowSamples; i++, to += bytes) {
                    b[to] = row[from + i];
                }
            }
        }
    }
}
