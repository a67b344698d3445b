package org.deq.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a window of a TIFF's first image ({@link TiffLayout}) from the strips or tiles under it alone, read by
 * positional reads of the file (safe for concurrent windows on one channel): uncompressed, LZW, Deflate or PackBits, with
 * or without predictor, into one float array per band (samples of 1 to 64 bits).
 */
final class TiffBlocks {

    /** Java arrays end below 2^31 bytes: a block is decoded into one. */
    private static final long MAX_BLOCK_BYTES = Integer.MAX_VALUE - 8;

    private final FileChannel channel;
    private final long fileSize;
    private final TiffLayout layout;
    /** Samples of a pixel in a block, bytes of a sample (0 when packed, below 8 bits) and of a block's row. */
    private final int samples;
    private final int bytes;
    private final int rowBytes;
    /** One decoded block, viewed in the file's byte order; its compressed bytes; a row for the floating-point predictor. */
    private final byte[] block;
    private final ByteBuffer view;
    private byte[] packed = new byte[0];
    private final byte[] row;
    private final TiffLzw lzw;
    private final Inflater inflater;

    private TiffBlocks(FileChannel channel, TiffLayout layout) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
        this.layout = layout;
        this.samples = layout.samplesPerBlockPixel();
        this.bytes = layout.sampleType().bytes;
        long blockBytes = layout.blockBytes();
        // not refused with the layout: a header's size must reach the callers that refuse a size (an upload's limit);
        // reads of the whole image or of row bands refuse a block this large earlier, by its values
        if (blockBytes > MAX_BLOCK_BYTES) {
            throw new IOException((layout.tiled() ? "tiles" : "strips") + " of over 2 GB each, which deq cannot decode;"
                    + " rewrite it tiled (gdal_translate -co TILED=YES)");
        }
        this.rowBytes = (int) layout.rowBytes(); // at most the block's bytes, checked above
        this.block = new byte[(int) blockBytes];
        this.view = ByteBuffer.wrap(block).order(layout.order());
        this.row = layout.predictor() == 3 ? new byte[rowBytes] : null;
        this.lzw = layout.compression() == TiffLayout.LZW ? new TiffLzw() : null;
        this.inflater = layout.compression() == TiffLayout.DEFLATE || layout.compression() == TiffLayout.PKZIP_DEFLATE ? new Inflater() : null;
    }

    /**
     * The stored samples of the {@code w x h} window at column {@code x}, row {@code y} (inside the image), sample by
     * sample (an alpha one included), row-major, not yet read as colours ({@link TiffWindow} does). A block the file never
     * wrote (GDAL's sparse files) reads as the declared no-data value, else 0, as GDAL reads it.
     */
    static float[][] read(FileChannel channel, TiffLayout layout, int x, int y, int w, int h) throws IOException {
        TiffBlocks blocks = new TiffBlocks(channel, layout);
        try {
            return blocks.window(x, y, w, h);
        } finally {
            if (blocks.inflater != null) {
                blocks.inflater.end(); // its native memory, not left to the garbage collector
            }
        }
    }

    private float[][] window(int x, int y, int w, int h) throws IOException {
        float[][] bands = new float[layout.samplesPerPixel()][w * h];
        Float noData = layout.tags().noData();
        float fill = noData == null ? 0f : noData;
        int bw = layout.blockWidth();
        int bh = layout.blockHeight();
        int across = layout.blocksAcross();
        int planes = layout.planar() ? layout.samplesPerPixel() : 1;
        for (int plane = 0; plane < planes; plane++) {
            for (int by = y / bh; by <= (y + h - 1) / bh; by++) {
                int top = by * bh;
                int y1 = Math.min(y + h, Math.min(top + bh, layout.height()));
                int y0 = Math.max(y, top);
                for (int bx = x / bw; bx <= (x + w - 1) / bw; bx++) {
                    int left = bx * bw;
                    int x0 = Math.max(x, left);
                    int n = Math.min(x + w, Math.min(left + bw, layout.width())) - x0;
                    // rows of the block down to the window's last: a block's stream is decoded no further
                    boolean stored = decode((plane * layout.blocksDown() + by) * across + bx, y1 - top);
                    for (int s = 0; s < samples; s++) {
                        float[] band = bands[plane + s];
                        for (int r = y0; r < y1; r++) {
                            int at = (r - y) * w + x0 - x;
                            if (stored) {
                                layout.sampleType().toFloats(view, (r - top) * rowBytes, (x0 - left) * samples + s, samples, band, at, n);
                            } else {
                                Arrays.fill(band, at, at + n, fill);
                            }
                        }
                    }
                }
            }
        }
        return bands;
    }

    /**
     * Decodes the first {@code rows} rows of block {@code index} into {@link #block}, predictor undone; false for a block
     * the file never wrote (no bytes).
     */
    private boolean decode(int index, int rows) throws IOException {
        long count = layout.byteCounts()[index];
        if (count == 0) {
            return false;
        }
        long offset = layout.offsets()[index];
        // before any buffer is sized by the count: a crafted count must not cost gigabytes of heap to find it false
        if (offset < 0 || count < 0 || count > fileSize - offset) {
            throw offset < 0 || count < 0 ? new IOException(name(index) + " at byte " + offset + " of " + count + " bytes")
                    : TiffDirectory.truncated(fileSize, offset, offset + count, name(index));
        }
        int rowSamples = layout.blockWidth() * samples;
        int n = rows * rowBytes;
        if (layout.compression() == TiffLayout.NONE) {
            if (count < n) {
                throw new IOException(name(index) + " holds " + count + " bytes, fewer than its " + n);
            }
            readFully(offset, block, n, index);
        } else {
            if (count > MAX_BLOCK_BYTES) {
                throw new IOException(name(index) + " of " + count + " bytes");
            }
            if (packed.length < count) {
                packed = new byte[(int) count];
            }
            readFully(offset, packed, (int) count, index);
            int decoded = switch (layout.compression()) {
                case TiffLayout.LZW -> lzw.decode(packed, (int) count, block, n);
                case TiffLayout.DEFLATE, TiffLayout.PKZIP_DEFLATE -> inflate((int) count, n);
                case TiffLayout.PACKBITS -> packBits((int) count, n);
                default -> throw new IllegalStateException("compression " + layout.compression()); // refused by the layout
            };
            if (decoded < n) {
                throw new IOException(name(index) + " decodes to " + decoded + " bytes, fewer than its " + n);
            }
        }
        if (layout.predictor() == 2) {
            TiffPredictor.horizontal(view, rows, rowSamples, samples, bytes);
        } else if (layout.predictor() == 3) {
            TiffPredictor.floatingPoint(view, rows, rowSamples, samples, bytes, row);
        }
        return true;
    }

    private int inflate(int length, int n) throws IOException {
        inflater.reset();
        inflater.setInput(packed, 0, length);
        int at = 0;
        try {
            while (at < n) {
                int k = inflater.inflate(block, at, n - at);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                at += k;
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt Deflate data (" + e.getMessage() + ")", e);
        }
        return at;
    }

    /** PackBits: a count byte c then c + 1 literal bytes (c >= 0), or one byte repeated 1 - c times (c < 0, not -128). */
    private int packBits(int length, int n) {
        int i = 0;
        int at = 0;
        while (i < length && at < n) {
            int c = packed[i++];
            if (c >= 0) {
                int k = Math.min(c + 1, Math.min(length - i, n - at));
                System.arraycopy(packed, i, block, at, k);
                i += c + 1;
                at += k;
            } else if (c != -128 && i < length) {
                int k = Math.min(1 - c, n - at);
                Arrays.fill(block, at, at + k, packed[i++]);
                at += k;
            }
        }
        return at;
    }

    private void readFully(long offset, byte[] into, int n, int index) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, n);
        while (b.hasRemaining()) {
            if (channel.read(b, offset + b.position()) < 0) {
                throw TiffDirectory.truncated(channel.size(), offset, offset + n, name(index));
            }
        }
    }

    private String name(int index) {
        return (layout.tiled() ? "tile " : "strip ") + index;
    }
}
