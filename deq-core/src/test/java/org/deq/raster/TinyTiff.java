package org.deq.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * A tiny TIFF writer for tests: a classic TIFF or BigTIFF (little-endian) of pixel-interleaved UInt16 tiles, uncompressed
 * or Deflate, written from {@code dataAt} on (a hole before them, which the file system may leave sparse), with a UTM
 * grid. Tags can be replaced to make files deq must refuse.
 */
public final class TinyTiff {

    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 12;
    private static final int LONG8 = 16;

    final boolean big;
    final int width;
    final int height;
    final int bands;
    final int tile;
    final boolean deflate;
    /** Tag to {type, values (long[] or double[])}, in tag order. */
    final TreeMap<Integer, Object[]> tags = new TreeMap<>();
    /** The sample of band {@code b} at column {@code x}, row {@code y}: {@link #value} unless a test sets its own. */
    public Samples samples = TinyTiff::value;

    /** The samples a test writes. */
    public interface Samples {
        int at(int x, int y, int b);
    }

    public TinyTiff(boolean big, int width, int height, int bands, int tile, boolean deflate) {
        this.big = big;
        this.width = width;
        this.height = height;
        this.bands = bands;
        this.tile = tile;
        this.deflate = deflate;
        tag(256, LONG, width);
        tag(257, LONG, height);
        tag(258, SHORT, repeat(16));
        tag(259, SHORT, deflate ? 8 : 1);
        tag(262, SHORT, 1);
        tag(277, SHORT, bands);
        tag(284, SHORT, 1);
        tag(322, SHORT, tile);
        tag(323, SHORT, tile);
        tag(339, SHORT, repeat(1));
        doubles(33550, 10, 10, 0);
        doubles(33922, 0, 0, 0, 500000, 4000000, 0);
        tag(34735, SHORT, 1, 1, 0, 1, 3072, 0, 1, 32643);
    }

    /** The value of band {@code b} at column {@code x}, row {@code y}. */
    public static int value(int x, int y, int b) {
        return (x * 7 + y * 13 + b * 1000) & 0xFFFF;
    }

    /** The grid of the written file. */
    static GeoRef grid() {
        return new GeoRef(500000, 4000000, 10, 10, 32643);
    }

    /** Replaces tag {@code tag} by DOUBLE {@code values} (the GeoTIFF grid's tags). */
    TinyTiff doubles(int tag, double... values) {
        tags.put(tag, new Object[] {DOUBLE, values});
        return this;
    }

    public TinyTiff tag(int tag, int type, long... values) {
        tags.put(tag, new Object[] {type, values});
        return this;
    }

    private long[] repeat(long v) {
        long[] out = new long[bands];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /** Writes the tiles from {@code dataAt} on, then the header and directory at the start. */
    public void write(Path file, long dataAt) throws IOException {
        int across = (width + tile - 1) / tile;
        int down = (height + tile - 1) / tile;
        long[] offsets = new long[across * down];
        long[] counts = new long[across * down];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long at = dataAt;
            for (int t = 0; t < offsets.length; t++) {
                byte[] data = tileBytes(t % across * tile, t / across * tile);
                offsets[t] = at;
                counts[t] = data.length;
                writeFully(out, ByteBuffer.wrap(data), at);
                at += data.length;
            }
            int offsetType = big ? LONG8 : LONG;
            tag(324, offsetType, offsets);
            tag(325, offsetType, counts);
            writeFully(out, header(), 0);
        }
    }

    /**
     * Writes the header and directory alone, listing tiles never written, in a sparse file as long as the tiles would
     * make it: a header that claims a raster of any size, for refusals that must come before any pixel is read.
     */
    void writeHeader(Path file) throws IOException {
        int across = (width + tile - 1) / tile;
        int down = (height + tile - 1) / tile;
        long tileBytes = (long) tile * tile * bands * 2;
        long[] offsets = new long[across * down];
        long[] counts = new long[across * down];
        for (int t = 0; t < offsets.length; t++) {
            offsets[t] = (1 << 20) + t * tileBytes;
            counts[t] = tileBytes;
        }
        writeListing(file, offsets, counts);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(new byte[1]), offsets[offsets.length - 1] + tileBytes - 1);
        }
    }

    /** Writes the header and directory alone, listing the given tiles as they are: for crafted files (a few hundred bytes). */
    void writeListing(Path file, long[] offsets, long[] counts) throws IOException {
        int offsetType = big ? LONG8 : LONG;
        tag(324, offsetType, offsets);
        tag(325, offsetType, counts);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, header(), 0);
        }
    }

    /**
     * Appends GDAL's internal mask to a classic TIFF {@link #write} wrote: a second directory (NewSubfileType 4, 1-bit
     * samples, PhotometricInterpretation mask, one uncompressed strip) linked from the first; {@code opaque} false is
     * transparent.
     */
    public void appendMask(Path file, java.util.function.BiPredicate<Integer, Integer> opaque) throws IOException {
        int rowBytes = (width + 7) / 8;
        byte[] bits = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (opaque.test(x, y)) {
                    bits[y * rowBytes + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long data = out.size();
            writeFully(out, ByteBuffer.wrap(bits), data);
            long ifd = (data + bits.length + 1) / 2 * 2;
            long[][] entries = {{254, LONG, 4}, {256, LONG, width}, {257, LONG, height}, {258, SHORT, 1}, {259, SHORT, 1},
                {262, SHORT, 4}, {273, LONG, data}, {277, SHORT, 1}, {278, LONG, height}, {279, LONG, bits.length}};
            ByteBuffer dir = ByteBuffer.allocate(2 + entries.length * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
            dir.putShort((short) entries.length);
            for (long[] e : entries) {
                dir.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
                if (e[1] == SHORT) {
                    dir.putShort((short) e[2]).putShort((short) 0);
                } else {
                    dir.putInt((int) e[2]);
                }
            }
            writeFully(out, dir.putInt(0).flip(), ifd);
            // the first directory's link to the next, after its entries
            writeFully(out, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) ifd), 8 + 2 + tags.size() * 12L);
        }
    }

    /** Sets an ASCII tag (GDAL_METADATA, GDAL_NODATA) to {@code text}, NUL-terminated. */
    public TinyTiff text(int tag, String text) {
        tags.put(tag, new Object[] {ASCII, (text + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)});
        return this;
    }

    private byte[] tileBytes(int x0, int y0) {
        ByteBuffer b = ByteBuffer.allocate(tile * tile * bands * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = y0; y < y0 + tile; y++) {
            for (int x = x0; x < x0 + tile; x++) {
                for (int s = 0; s < bands; s++) {
                    b.putShort((short) (x < width && y < height ? samples.at(x, y, s) : 0)); // tiles past the edge are padded
                }
            }
        }
        if (!deflate) {
            return b.array();
        }
        Deflater deflater = new Deflater();
        deflater.setInput(b.array());
        deflater.finish();
        byte[] packed = new byte[b.capacity() + 1024];
        int n = deflater.deflate(packed);
        deflater.end();
        return java.util.Arrays.copyOf(packed, n);
    }

    /** Header, directory right after it, then the values too long for their entries. */
    private ByteBuffer header() {
        int headerSize = big ? 16 : 8;
        int entrySize = big ? 20 : 12;
        int field = big ? 8 : 4;
        long extraAt = headerSize + (big ? 8 : 2) + (long) tags.size() * entrySize + field;
        List<byte[]> extra = new ArrayList<>();
        ByteBuffer dir = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        dir.put((byte) 'I').put((byte) 'I').putShort((short) (big ? 43 : 42));
        if (big) {
            dir.putShort((short) 8).putShort((short) 0).putLong(headerSize);
        } else {
            dir.putInt(headerSize);
        }
        if (big) {
            dir.putLong(tags.size());
        } else {
            dir.putShort((short) tags.size());
        }
        long extraEnd = extraAt;
        for (var e : tags.entrySet()) {
            int type = (int) e.getValue()[0];
            byte[] values = encode(type, e.getValue()[1]);
            int count = values.length / (type == ASCII ? 1 : type == SHORT ? 2 : type == LONG ? 4 : 8);
            dir.putShort(e.getKey().shortValue()).putShort((short) type);
            if (big) {
                dir.putLong(count);
            } else {
                dir.putInt(count);
            }
            if (values.length <= field) {
                dir.put(java.util.Arrays.copyOf(values, field));
            } else if (big) {
                dir.putLong(extraEnd);
            } else {
                dir.putInt((int) extraEnd);
            }
            if (values.length > field) {
                extra.add(values);
                extraEnd += values.length;
            }
        }
        dir.put(new byte[field]); // no next directory
        for (byte[] values : extra) {
            dir.put(values);
        }
        return dir.flip();
    }

    private static byte[] encode(int type, Object values) {
        ByteBuffer b;
        if (values instanceof byte[] text) {
            return text;
        }
        if (values instanceof double[] d) {
            b = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : d) {
                b.putDouble(v);
            }
        } else {
            long[] l = (long[]) values;
            int size = type == SHORT ? 2 : type == LONG ? 4 : 8;
            b = ByteBuffer.allocate(l.length * size).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : l) {
                switch (size) {
                    case 2 -> b.putShort((short) v);
                    case 4 -> b.putInt((int) v);
                    default -> b.putLong(v);
                }
            }
        }
        return b.array();
    }

    private static void writeFully(FileChannel out, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += out.write(b, at);
        }
    }
}
