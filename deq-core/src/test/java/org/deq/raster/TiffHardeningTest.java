package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted or damaged TIFF files: each costs one line naming the file, and no more heap than its own size. */
class TiffHardeningTest {

    private static final int LONG = 4;
    private static final int LONG8 = 16;
    private static final int MAX_INT = Integer.MAX_VALUE;

    @TempDir
    Path tmp;

    @Test
    void aBlockDeclaringGigabytesPastTheFilesEndIsRefusedBeforeItsBufferIsAllocated() throws Exception {
        Path file = tmp.resolve("count.tif");
        new TinyTiff(false, 16, 16, 1, 16, true).writeListing(file, new long[] {100}, new long[] {MAX_INT - 8});
        String truncated = file + ": truncated: the file ends at byte " + Files.size(file) + ", inside tile 0 (bytes 100 to "
                + (100L + MAX_INT - 8) + ")";
        assertThat(refusedCheaply(() -> GeoTiffReader.read(file))).hasMessage(truncated);
        assertThat(refusedCheaply(() -> GeoTiffReader.scene(file).windowAlone(0, 0, 1, 1))).hasMessageContaining(truncated
                .substring(file.toString().length() + 2));
        Path negative = tmp.resolve("negative.tif");
        new TinyTiff(true, 16, 16, 1, 16, true).writeListing(negative, new long[] {-5}, new long[] {10});
        assertThat(refusedCheaply(() -> GeoTiffReader.read(negative))).hasMessage(negative
                + ": not a readable TIFF (tile 0 at byte -5 of 10 bytes)");
    }

    @Test
    void aTileFarLargerThanItsImageIsRefusedBeforeItsBufferIsAllocated() throws Exception {
        // one pixel in a 40000 x 40000 tile: 3.2 GB decoded for a thumbnail of it; a few bytes of header ask for it
        Path file = tmp.resolve("wide.tif");
        new TinyTiff(false, 1, 1, 1, 40000, true).writeListing(file, new long[] {100}, new long[] {10});
        String implausible = file + ": implausible tile size 40000x40000 for a 1x1 image";
        assertThat(refusedCheaply(() -> GeoTiffReader.read(file))).hasMessage(implausible);
        assertThat(refusedCheaply(() -> GeoTiffReader.scene(file))).hasMessage(implausible);
        // GDAL's 256-pixel tiles over a 45 x 35 image overhang it, as tiles may
        Path small = tmp.resolve("small.tif");
        new TinyTiff(false, 45, 35, 1, 256, false).write(small, 4096);
        assertThat(GeoTiffReader.read(small).width()).isEqualTo(45);
    }

    @Test
    void aTagsValuesAtAnOffsetNear2To63AreRefusedBeforeTheyAreAllocated() throws Exception {
        // a BigTIFF of one entry: 2^24 LONG8 widths (128 MB) at byte 2^63 - 100, where offset + size wraps negative
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 20 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
        b.putLong(1).putShort((short) 256).putShort((short) LONG8).putLong(1 << 24).putLong(Long.MAX_VALUE - 100);
        Path file = Files.write(tmp.resolve("far.tif"), b.array());
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(file))).hasMessage(file + ": truncated: the file ends at"
                + " byte 52, before the values of tag 256 (bytes 9223372036854775707 to 9223372036988993435)");
    }

    @Test
    void aNegativeBigTiffEntryCountIsOneLine() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16).putLong(-1);
        Path file = Files.write(tmp.resolve("count.tif"), b.array());
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(file))).hasMessage(file
                + ": not a readable TIFF (a directory of -1 entries)");
    }

    @Test
    void anEntryCountPastTheEndOfAWholeFileIsACorruptDirectoryNotATruncatedFile() throws Exception {
        Path whole = tmp.resolve("whole.tif");
        new TinyTiff(false, 64, 64, 1, 16, false).write(whole, 4096);
        byte[] bytes = Files.readAllBytes(whole);
        Arrays.fill(bytes, 8, 40, (byte) 0xFF); // the entry count and the first entries overwritten, the file's length kept
        Path corrupt = Files.write(tmp.resolve("corrupt.tif"), bytes);
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(corrupt))).hasMessage(corrupt + ": corrupt image directory:"
                + " 65535 entries from byte 10 would run past the end of the file at byte " + bytes.length);
        // a file that ends inside its directory, its entries in order up to there, is truncated
        Path cut = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(Files.readAllBytes(whole), 60));
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(cut))).hasMessageStartingWith(cut
                + ": truncated: the file ends at byte 60, inside its image directory (bytes 10 to ");
    }

    @Test
    void aTruncatedOffsetTableSaysWhatWasBeingRead() throws Exception {
        Path whole = tmp.resolve("whole.tif");
        new TinyTiff(false, 320, 320, 1, 16, false).writeListing(whole, new long[400], new long[400]);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(bytes, 300)); // cut inside the tile offsets
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(cut))).hasMessage(cut
                + ": truncated: the file ends at byte 300, inside the values of tag 324 (bytes 194 to 1794)");
    }

    @Test
    void sizesPastLongAreRefusedNotWrapped() throws Exception {
        // 2^27 x 2^27 tiles of 16 pixels, times 1024 planes: 2^64 tiles, 0 once wrapped, which one listed tile satisfied
        Path planes = tmp.resolve("planes.tif");
        new TinyTiff(false, MAX_INT, MAX_INT, 1024, 16, false).tag(284, 3, 2).writeListing(planes, new long[] {4096},
                new long[] {1});
        assertThat(refusedCheaply(() -> GeoTiffReader.imageSize(planes))).hasMessage(planes
                + ": not a readable TIFF (the directory lists 1 of the 18446744073709551616 tiles of the image)");
        // one 2^30 x 2^30 tile of 16 bands: 2^64 bytes or values, 0 once wrapped
        Path tile = tmp.resolve("tile.tif");
        new TinyTiff(true, 1 << 30, 1 << 30, 16, 16, false).tag(322, LONG, 1 << 30).tag(323, LONG, 1 << 30)
                .writeListing(tile, new long[] {4096}, new long[] {1});
        assertThat(refusedCheaply(() -> GeoTiffReader.read(tile))).hasMessageStartingWith(tile
                + ": 1073741824x1073741824 pixels x 16 bands = ");
        assertThat(refusedCheaply(() -> GeoTiffReader.scene(tile))).hasMessageStartingWith(tile
                + ": stored in strips or tiles of 1073741824 rows, too tall to decode a row of patches at a time");
        // a tile of 2^31 - 1 rows: row bands of 128 rows rounded up to it wrapped to 0 rows, then divided by
        Path tall = tmp.resolve("tall.tif");
        new TinyTiff(false, 16, MAX_INT, 1, 16, false).tag(323, LONG, MAX_INT).writeListing(tall, new long[] {4096},
                new long[] {1});
        assertThat(refusedCheaply(() -> GeoTiffReader.scene(tall))).hasMessageStartingWith(tall
                + ": stored in strips or tiles of 2147483647 rows, too tall");
    }

    @Test
    void bandDescriptionsThatDoNotParseAreSkipped() throws Exception {
        Path file = tmp.resolve("described.tif");
        String item = "<Item name=\"DESCRIPTION\" sample=\"%s\" role=\"description\">%s</Item>";
        new TinyTiff(false, 20, 20, 2, 16, false).text(42112, "<GDALMetadata>" + item.formatted("99999999999", "far")
                + item.formatted(0, "a&#1114112;") + item.formatted(1, "b&#99999999999;") + item.formatted(0, "B1")
                + item.formatted(1, "B&amp;2") + "</GDALMetadata>").write(file, 4096);
        assertThat(GeoTiffReader.scene(file).descriptions()).containsExactly("B1", "B&2");
        assertThat(GeoTiffReader.read(file).descriptions()).containsExactly("B1", "B&2");
    }

    @Test
    void lzwWhoseTableFillsBeforeALateClearDecodesAsLibtiffDecodesIt() throws Exception {
        byte[] data = new byte[40_000];
        Random random = new Random(7);
        for (int i = 0; i < data.length; i++) { // noise to fill the table, then runs its full table must still serve
            data[i] = (byte) (i < 20_000 ? random.nextInt(256) : random.nextInt(4));
        }
        byte[] packed = lzwWithoutClears(data);
        byte[] out = new byte[data.length];
        assertThat(new TiffLzw().decode(packed, packed.length, out, out.length)).isEqualTo(data.length);
        assertThat(out).isEqualTo(data);
    }

    /**
     * TIFF LZW as an encoder that sends no clear code when its table is full: one clear, then codes of 9 to 12 bits,
     * the width growing one code early as libtiff writes it, then end of information.
     */
    private static byte[] lzwWithoutClears(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] acc = {0, 0}; // bits, bit count
        Map<String, Integer> table = new HashMap<>();
        int width = 9;
        int next = 258;
        emit(out, acc, 256, width);
        String w = "";
        for (byte d : data) {
            String wc = w + (char) (d & 0xFF);
            if (w.isEmpty() || table.containsKey(wc)) {
                w = wc;
                continue;
            }
            emit(out, acc, code(table, w), width);
            if (next < 4096) { // a full table takes no more, and no clear code follows
                table.put(wc, next++);
            }
            if (next >= 1 << width && width < 12) { // the decoder, one entry behind, widens after its next code
                width++;
            }
            w = String.valueOf((char) (d & 0xFF));
        }
        emit(out, acc, code(table, w), width);
        emit(out, acc, 257, width);
        emit(out, acc, 0, 7); // flush the last byte
        return out.toByteArray();
    }

    private static int code(Map<String, Integer> table, String s) {
        return s.length() == 1 ? s.charAt(0) : table.get(s);
    }

    private static void emit(ByteArrayOutputStream out, long[] acc, int code, int width) {
        acc[0] = acc[0] << width | code;
        acc[1] += width;
        while (acc[1] >= 8) {
            out.write((int) (acc[0] >>> (acc[1] - 8)) & 0xFF);
            acc[1] -= 8;
        }
    }

    /**
     * The refusal of {@code read}: a one-line {@link BadInputException} that cost under 16 MB of this thread's heap (a size
     * the file claims is never allocated to find it false).
     */
    private static Throwable refusedCheaply(ThrowingCallable read) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable t = catchThrowable(read);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(t).isInstanceOf(BadInputException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        assertThat(allocated).as("bytes allocated to refuse it: " + t.getMessage()).isLessThan(16 << 20);
        return t;
    }
}
