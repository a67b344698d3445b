package org.deq.raster;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of the first image directory of a classic TIFF or a BigTIFF, in either byte order, read by positional reads
 * of a file channel: only the file's first 4 KB (its header, and where writers put the directory), the directory and the
 * values of the tags asked for are read, whatever the file's size.
 */
final class TiffDirectory {

    /** TIFF version after the byte order: 42 for a classic TIFF, 43 for a BigTIFF (64-bit offsets and counts). */
    static final int CLASSIC = 42;
    static final int BIG = 43;
    /** Values of one tag read at most: a corrupt count must not allocate gigabytes (2^24 offsets of 8 bytes is 128 MB). */
    private static final long MAX_VALUES = 1 << 24;
    /** Bytes read with the header: GDAL and deq write the directory and its values right after it. */
    private static final int HEAD = 4096;
    private static final String DIRECTORY = "its image directory";

    private final FileChannel channel;
    private final ByteOrder order;
    private final boolean big;
    /** The file's size, and its first bytes: where a directory and its values usually lie, read in one call. */
    private final long size;
    private final byte[] head;
    /** Per tag: its entry's file position (its type, count and value or offset follow the tag number). */
    private final Map<Integer, Long> entries = new HashMap<>();
    /** Where the next directory starts, 0 when this is the last. */
    private long next;

    private TiffDirectory(FileChannel channel, ByteOrder order, boolean big, long size, byte[] head) {
        this.channel = channel;
        this.order = order;
        this.big = big;
        this.size = size;
        this.head = head;
    }

    /**
     * Reads the header and the first directory's entries; the channel is read again for each tag's values beyond the
     * first {@link #HEAD} bytes. An empty file, another format's file and a file cut inside its header or directory are
     * refused in words (never the file's raw bytes).
     */
    static TiffDirectory read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new BadInputException(file, "empty file (0 bytes)");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD));
        while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
            // a positional read may return fewer bytes than asked
        }
        byte[] bytes = Arrays.copyOf(head.array(), head.position());
        ByteOrder order = bytes.length > 1 && bytes[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int version = bytes.length < 4 ? CLASSIC : ByteBuffer.wrap(bytes).order(order).getShort(2);
        if (bytes.length < 2 || bytes[0] != bytes[1] || bytes[0] != 'I' && bytes[0] != 'M' || version != CLASSIC && version != BIG) {
            String kind = FileSignature.of(bytes);
            throw new BadInputException(file, kind == null ? "not a TIFF (no TIFF header)" : kind + ", not a TIFF");
        }
        TiffDirectory d = new TiffDirectory(channel, order, version == BIG, size, bytes);
        ByteBuffer header = d.at(0, d.big ? 16 : 8, "its header");
        long ifd;
        if (d.big) {
            if (header.getShort(4) != 8) {
                throw new IOException("a BigTIFF with offsets of " + header.getShort(4) + " bytes");
            }
            ifd = header.getLong(8);
        } else {
            ifd = header.getInt(4) & 0xFFFFFFFFL;
        }
        d.readEntries(ifd, file);
        return d;
    }

    /**
     * The directory after this one (GDAL's internal mask, an overview), or null when this is the last (a caller bounds
     * how many it follows: a chain may loop back).
     */
    TiffDirectory next(Path file) throws IOException {
        if (next == 0) {
            return null;
        }
        TiffDirectory d = new TiffDirectory(channel, order, big, size, head);
        d.readEntries(next, file);
        return d;
    }

    /** Reads the entries of the directory at byte {@code ifd}, and where the next directory starts. */
    private void readEntries(long ifd, Path file) throws IOException {
        long count = big ? at(ifd, 8, DIRECTORY).getLong(0) : at(ifd, 2, DIRECTORY).getShort(0) & 0xFFFF;
        int entrySize = big ? 20 : 12;
        long first = ifd + (big ? 8 : 2);
        if (count < 0 || count > 0xFFFF) { // a BigTIFF's count is signed here: 2^63 and over read negative
            throw new IOException("a directory of " + count + " entries");
        }
        long end = first + count * entrySize;
        if (end > size && !sortedEntries(first, (size - first) / entrySize, entrySize)) {
            // the file is long enough for what it holds, its count is wrong: downloading it again would not help
            throw new BadInputException(file, "corrupt image directory: " + count + " entries from byte " + first
                    + " would run past the end of the file at byte " + size);
        }
        ByteBuffer all = at(first, (int) count * entrySize, DIRECTORY);
        for (int e = 0; e < count; e++) {
            entries.putIfAbsent(all.getShort(e * entrySize) & 0xFFFF, first + (long) e * entrySize);
        }
        int link = big ? 8 : 4;
        next = end + link > size ? 0 : big ? at(end, link, DIRECTORY).getLong(0) : at(end, link, DIRECTORY).getInt(0) & 0xFFFFFFFFL;
    }

    /**
     * Whether the {@code n} entries from byte {@code first} that the file holds have ascending tags, as TIFF requires: a
     * file cut inside its directory keeps them so, where a corrupt count reaches into other bytes.
     */
    private boolean sortedEntries(long first, long n, int entrySize) throws IOException {
        int previous = -1;
        for (long e = 0; e < n; e++) {
            int tag = at(first + e * entrySize, 2, DIRECTORY).getShort(0) & 0xFFFF;
            if (tag <= previous) {
                return false;
            }
            previous = tag;
        }
        return true;
    }

    /**
     * The reason a file of {@code size} bytes cannot hold {@code what} at bytes {@code start} to {@code end}: it was cut
     * short (a damaged copy, an interrupted download), or an offset points past its end.
     */
    static EOFException truncated(long size, long start, long end, String what) {
        return new EOFException("truncated: the file ends at byte " + size + (start < size ? ", inside " : ", before ") + what
                + " (bytes " + start + " to " + Long.toUnsignedString(end) + ")"); // an offset and a count may sum past 2^63
    }

    /** The file's byte order. */
    ByteOrder order() {
        return order;
    }

    /** Whether the directory has {@code tag}. */
    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** The first integer value of {@code tag}, or {@code absent} when the directory lacks it. */
    long first(int tag, long absent) throws IOException {
        long[] v = longs(tag);
        return v == null || v.length == 0 ? absent : v[0];
    }

    /** The values of an integer {@code tag} (BYTE, SHORT, LONG, LONG8 and their signed forms), or null when absent. */
    long[] longs(int tag) throws IOException {
        ByteBuffer b = values(tag);
        if (b == null) {
            return null;
        }
        int type = typeOf(tag);
        long[] out = new long[b.capacity() / size(type)];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 6 -> b.get(i);
                case 3 -> b.getShort(i * 2) & 0xFFFF;
                case 8 -> b.getShort(i * 2);
                case 4, 13 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                case 9 -> b.getInt(i * 4);
                case 16, 17, 18 -> b.getLong(i * 8);
                default -> throw new IOException("tag " + tag + " of type " + type + " where integers belong");
            };
        }
        return out;
    }

    /** The values of a numeric {@code tag} as doubles (DOUBLE, FLOAT or an integer type), or null when absent. */
    double[] doubles(int tag) throws IOException {
        int type = typeOf(tag);
        if (type != 11 && type != 12) {
            long[] v = longs(tag);
            return v == null ? null : Arrays.stream(v).asDoubleStream().toArray();
        }
        ByteBuffer b = values(tag);
        double[] out = new double[b.capacity() / size(type)];
        for (int i = 0; i < out.length; i++) {
            out[i] = type == 12 ? b.getDouble(i * 8) : b.getFloat(i * 4);
        }
        return out;
    }

    /** The text of an ASCII {@code tag} up to its first NUL, or null when absent or not ASCII. */
    String ascii(int tag) throws IOException {
        if (typeOf(tag) != 2) {
            return null;
        }
        ByteBuffer b = values(tag);
        int end = 0;
        while (end < b.capacity() && b.get(end) != 0) {
            end++;
        }
        return new String(b.array(), 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The TIFF type of {@code tag}'s entry, or 0 when absent. */
    private int typeOf(int tag) throws IOException {
        Long entry = entries.get(tag);
        return entry == null ? 0 : at(entry + 2, 2, DIRECTORY).getShort(0) & 0xFFFF;
    }

    /** The bytes of {@code tag}'s values: in the entry when they fit its value field, else where that field points. */
    private ByteBuffer values(int tag) throws IOException {
        Long entry = entries.get(tag);
        if (entry == null) {
            return null;
        }
        ByteBuffer e = at(entry, big ? 20 : 12, DIRECTORY);
        int type = e.getShort(2) & 0xFFFF;
        long count = big ? e.getLong(4) : e.getInt(4) & 0xFFFFFFFFL;
        if (count < 0 || count > MAX_VALUES) {
            throw new IOException("tag " + tag + " has " + count + " values");
        }
        int n = (int) count * size(type);
        int field = big ? 8 : 4;
        if (n <= field) {
            return ByteBuffer.wrap(Arrays.copyOfRange(e.array(), big ? 12 : 8, (big ? 12 : 8) + n)).order(order);
        }
        return at(big ? e.getLong(12) : e.getInt(8) & 0xFFFFFFFFL, n, "the values of tag " + tag);
    }

    /** Bytes of a value of TIFF type {@code type}. */
    private static int size(int type) throws IOException {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> throw new IOException("unknown TIFF field type " + type);
        };
    }

    /** {@code n} bytes at {@code position} (part of {@code what}), in the file's byte order, from the head when there. */
    private ByteBuffer at(long position, int n, String what) throws IOException {
        if (position < 0) {
            throw new IOException("a negative offset to " + what);
        }
        if (n > size - position) { // not position + n: a BigTIFF offset near 2^63 would wrap it and allocate n first
            throw truncated(size, position, position + n, what);
        }
        if (position + n <= head.length) {
            return ByteBuffer.wrap(Arrays.copyOfRange(head, (int) position, (int) position + n)).order(order);
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(order);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw truncated(channel.size(), position, position + n, what);
            }
        }
        return b.clear();
    }
}
