package org.deq.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;

/**
 * The store's data files: dense little-endian segments (float32 vectors, uint64 codes) and whole state files (encoder,
 * multi-code model), each written to a temp file, synced and renamed into place, and read back with its CRC-32 checked
 * against the manifest.
 */
final class Segments {

    /** What a data file's name takes while it is written, before the rename that makes it the file. */
    static final String TEMP_SUFFIX = ".tmp";

    /** Elements moved per I/O chunk. */
    private static final int CHUNK = 1 << 18;

    /** Copies {@code count} elements between a little-endian buffer and a primitive array at {@code offset}. */
    @FunctionalInterface
    interface Transfer {
        void apply(ByteBuffer buf, int offset, int count);
    }

    private Segments() {
    }

    /**
     * Writes {@code elements} elements of {@code elementBytes} bytes each (taken chunk by chunk by {@code put}) as file
     * {@code name}; the returned entry counts {@code items}.
     */
    static Manifest.DataFile write(Path dir, String name, int items, long elements, int elementBytes, Transfer put)
            throws IOException {
        Path tmp = dir.resolve(name + TEMP_SUFFIX);
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(elementBytes * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (long off = 0; off < elements; off += CHUNK) {
                int len = (int) Math.min(CHUNK, elements - off);
                buf.clear();
                put.apply(buf, (int) off, len);
                buf.position(0).limit(elementBytes * len);
                crc.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            throw naming(tmp, e);
        }
        moveIntoPlace(tmp, dir.resolve(name));
        return new Manifest.DataFile(name, items, elementBytes * elements, Long.toHexString(crc.getValue()));
    }

    /** A write error that names its file ("No space left on device" alone does not), as one line. */
    static IOException naming(Path file, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof BadInputException || message.contains(file.toString()) ? e
                : new IOException(file + ": cannot write (" + message + ")", e);
    }

    /**
     * Checks that every listed file is there with its listed size: a stat per file, which finds a missing or cut file on
     * open (the checksums are checked when a file is read, and by {@code deq info --verify}).
     */
    static void checkSizes(Path dir, List<Manifest.DataFile> files, String what) throws IOException {
        for (Manifest.DataFile f : files) {
            Path file = dir.resolve(f.name());
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException(file, "missing " + what + " file of a committed generation");
            }
            if (size != f.bytes()) {
                throw new BadInputException(file, "has " + size + " bytes, expected " + f.bytes() + ": the file is damaged"
                        + " (truncated or overwritten)");
            }
        }
    }

    /**
     * Reads the listed segments in order, {@code perItem} elements of {@code elementBytes} bytes per counted item,
     * handing each chunk to {@code get}; sizes and checksums are checked, {@code what} names the data in errors.
     */
    static void read(Path dir, List<Manifest.DataFile> files, int perItem, int elementBytes, long capacity, String what,
                     Transfer get) throws IOException {
        long offset = 0;
        for (Manifest.DataFile f : files) {
            Path file = dir.resolve(f.name());
            long elements = (long) f.count() * perItem;
            long expected = elementBytes * elements;
            if (f.bytes() != expected || offset + elements > capacity) {
                throw new BadInputException(dir.resolve(IndexStore.MANIFEST), what + " file " + f.name() + " is listed with inconsistent sizes");
            }
            CRC32 crc = new CRC32();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                if (ch.size() != expected) {
                    throw new BadInputException(file, "has " + ch.size() + " bytes, expected " + expected + ": the file is"
                            + " damaged (truncated or overwritten)");
                }
                ByteBuffer buf = ByteBuffer.allocate(elementBytes * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                long remaining = elements;
                while (remaining > 0) {
                    int len = (int) Math.min(remaining, CHUNK);
                    buf.clear().limit(elementBytes * len);
                    while (buf.hasRemaining()) {
                        if (ch.read(buf) < 0) {
                            throw new BadInputException(file, "ends early");
                        }
                    }
                    buf.flip();
                    crc.update(buf.duplicate());
                    get.apply(buf, (int) offset, len);
                    offset += len;
                    remaining -= len;
                }
            } catch (NoSuchFileException e) {
                throw new BadInputException(file, "missing " + what + " file of a committed generation");
            }
            checkCrc(file, f, crc);
        }
    }

    static void checkCrc(Path file, Manifest.DataFile f, CRC32 crc) throws BadInputException {
        if (!Long.toHexString(crc.getValue()).equals(f.crc32())) {
            throw new BadInputException(file, "checksum mismatch: the file is damaged (crc32 "
                    + Long.toHexString(crc.getValue()) + ", manifest " + f.crc32() + ")");
        }
    }

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncFolder(target.getParent()); // makes the rename durable
    }

    /** The vectors of every committed patch, segment after segment. */
    static float[] readVectors(Path dir, Manifest m) throws IOException {
        float[] all = new float[Math.multiplyExact(m.count(), m.dimension())];
        read(dir, m.vectorFiles(), m.dimension(), Float.BYTES, all.length, "vector",
                (buf, off, len) -> buf.asFloatBuffer().get(all, off, len));
        return all;
    }

    /** The codes of every committed patch, or an empty array without encoder. */
    static long[] readCodes(Path dir, Manifest m, int words) throws IOException {
        long[] all = new long[Math.multiplyExact(m.count(), words)];
        read(dir, m.codeFiles(), words, Long.BYTES, all.length, "code",
                (buf, off, len) -> buf.asLongBuffer().get(all, off, len));
        return all;
    }

    /** A state file (descriptor, encoder, multi-code model) whole, its CRC-32 checked against the manifest. */
    static byte[] readFile(Path dir, Manifest.DataFile f) throws IOException {
        Path file = dir.resolve(f.name());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "missing");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        checkCrc(file, f, crc);
        return bytes;
    }

    /** Writes n vectors little-endian to a temp file, syncs it and renames it into place. */
    static Manifest.DataFile writeVectors(Path dir, String name, float[] data, int n, int dim) throws IOException {
        return write(dir, name, n, (long) n * dim, Float.BYTES, (buf, off, len) -> buf.asFloatBuffer().put(data, off, len));
    }

    /** Writes n codes of {@code words} longs little-endian, like the vectors. */
    static Manifest.DataFile writeCodes(Path dir, String name, long[] codes, int n, int words) throws IOException {
        return write(dir, name, n, (long) n * words, Long.BYTES, (buf, off, len) -> buf.asLongBuffer().put(codes, off, len));
    }

    /** Writes a state file as {@link #write} writes a segment: synced temp file renamed into place, CRC-32 in its entry. */
    static Manifest.DataFile writeFile(Path dir, String name, byte[] bytes) throws IOException {
        return write(dir, name, 0, bytes.length, Byte.BYTES, (buf, off, len) -> buf.put(bytes, off, len));
    }
}
