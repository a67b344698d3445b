package org.deq.server;

import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.raster.BadInputException;
import org.deq.raster.DecodedSize;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an uploaded image into a query patch: checks its kind, size and pixel count, then reads it from a temporary file. */
final class Uploads {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final String[] EXTENSIONS = {".tif", ".tiff", ".png", ".jpg", ".jpeg"};
    /** UTF-8 bytes of the client's file name a temporary copy's name keeps (with "deq-upload-" and a number, under 255). */
    static final int NAME_BYTES = 120;
    /**
     * Heap a decoding holds per sample at its peak (the decoder's raster, the patch's floats, the descriptor's copies):
     * a 4700 × 4700 PNG, 66 million samples, took the server from 135 to 810 MB.
     */
    static final long BYTES_PER_SAMPLE = 12;
    /** Share of the heap that uploads being decoded may hold together; searches and caches keep the rest. */
    private static final double HEAP_SHARE = 0.4;
    /** How long an upload waits for others to finish decoding before it is turned away. */
    private static final long WAIT_MILLIS = 30_000;
    /** The Retry-After of an upload turned away: other uploads' decoding and describing take a few seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final long maxBytes;
    private final long maxSamples;
    /** Samples that may be decoded at once: twelve large uploads together ran the heap out, each alone fits. */
    final Semaphore decoding;
    private final int budget;
    private final long waitMillis;
    private final Decoder decoder;

    Uploads(long maxBytes, long maxSamples) {
        this(maxBytes, maxSamples, Runtime.getRuntime().maxMemory(), WAIT_MILLIS, Archives::readWithNoData);
    }

    /**
     * With the decoding budget taken from {@code heapBytes}, an upload waiting at most {@code waitMillis} for it, its
     * copy decoded by {@code decoder} ({@link Archives#readWithNoData}; a test's may fail as the heap can).
     */
    Uploads(long maxBytes, long maxSamples, long heapBytes, long waitMillis, Decoder decoder) {
        this.maxBytes = maxBytes;
        this.maxSamples = maxSamples;
        this.waitMillis = waitMillis;
        this.decoder = decoder;
        // in thousands of samples, so that a semaphore's int holds the budget of any heap
        this.budget = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (heapBytes * HEAP_SHARE) / BYTES_PER_SAMPLE / 1000));
        this.decoding = new Semaphore(budget, true);
    }

    /**
     * Uploaded images decoded into patches, holding their share of the decoding budget until closed: the caller
     * describes them inside, so the budget counts their pixels also while the request waits for a search slot.
     */
    final class Decoded implements AutoCloseable {
        private final List<Patch> patches;
        private final List<String> notes;
        private final int permits;

        private Decoded(List<Patch> patches, List<String> notes, int permits) {
            this.patches = patches;
            this.notes = notes;
            this.permits = permits;
        }

        /** The images, in the order given, each with id {@code upload:<file name>}. */
        List<Patch> patches() {
            return patches;
        }

        /** Notes about the images as read ({@link GriddedPatch#noDataNote}: GeoTIFF pixels without data, read as 0), by file name. */
        List<String> notes() {
            return notes;
        }

        /** Gives the budget back. */
        @Override
        public void close() {
            decoding.release(permits);
        }
    }

    /**
     * The uploaded images as patches, read once the heap they need is free of other uploads (all of them at once, so
     * that two large images of one request cannot each wait for the other); the largest image the limit allows fits
     * alone. Bad uploads are 413, 415 or 422 errors; a 503 (with a Retry-After) when other uploads hold the budget
     * for the wait (30 s).
     */
    Decoded read(UploadedFile... files) throws IOException {
        List<Path> temporary = new ArrayList<>();
        try {
            List<String> names = new ArrayList<>();
            long samples = 0;
            for (UploadedFile upload : files) {
                String name = baseName(upload.filename());
                // the client's name ends the copy's: a Sentinel-2 product's baseline and date are read from it, as
                // from the file's own name on the CLI (its extension checked first)
                Path tmp = Files.createTempFile("deq-upload-", "-" + tempNameEnd(name, extension(name)));
                temporary.add(tmp);
                copyBounded(upload, tmp, name);
                // sized as decoded: a grey picture is read as R, G and B, three times its file's samples
                DecodedSize size = named(() -> DecodedSize.of(tmp), tmp, name);
                checkSize(size, name);
                names.add(name);
                samples += size.values();
            }
            int permits = acquire(samples, names.get(0));
            Decoded decoded = null;
            try {
                List<Patch> patches = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                for (int i = 0; i < temporary.size(); i++) {
                    GriddedPatch read = decode(temporary.get(i), names.get(i));
                    patches.add(read.patch());
                    if (read.noDataNote() != null) {
                        notes.add(read.noDataNote());
                    }
                }
                decoded = new Decoded(List.copyOf(patches), List.copyOf(notes), permits);
                return decoded;
            } finally {
                if (decoded == null) { // on every failure, an Error too: a budget kept would turn every later upload away
                    decoding.release(permits);
                }
            }
        } finally {
            for (Path tmp : temporary) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * The patch of a temporary copy, known by the file name the client sent, its no-data pixels read as 0 as deq query
     * --image reads them ({@link Archives#readWithNoData}).
     */
    private GriddedPatch decode(Path tmp, String name) throws IOException {
        // an image too small for the index's descriptor (LBP's radius) is refused when described, as on the CLI
        GriddedPatch read;
        try {
            read = named(() -> decoder.decode(tmp), tmp, name);
        } catch (OutOfMemoryError e) {
            // the budget keeps uploads within their share of the heap; searches and caches may have held the rest
            LOG.error("upload {}: out of memory decoding it (the heap holds at most {} MB)", name,
                    Runtime.getRuntime().maxMemory() >> 20);
            throw ApiException.busy(name + ": the server ran out of memory decoding this image; try again shortly, or"
                    + " send a smaller image", RETRY_AFTER_SECONDS);
        } catch (Error e) {
            // Javalin's exception handlers take Exceptions only: an Error would be an empty 500 that logs nothing
            throw new IllegalStateException("upload " + name + ": decoding failed: " + e, e);
        }
        // the source is the file the client sent, not the temporary copy: errors that name it (a descriptor missing a
        // band) must not show the server's paths
        PatchMeta m = read.patch().meta();
        return new GriddedPatch(read.patch().withMeta(new PatchMeta("upload:" + name, name, m.acquired(), m.footprint(),
                m.labels(), m.flags())), read.grid(), read.noData());
    }

    /** A reading of the temporary copy whose errors name the file the client sent: the temporary path means nothing to it. */
    private static <T> T named(Reading<T> reading, Path tmp, String name) throws IOException {
        try {
            return reading.read();
        } catch (BadInputException e) {
            throw new ApiException(422, e.getMessage().replace(tmp.toString(), name));
        }
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    /** Decodes an upload's temporary copy. */
    interface Decoder {
        GriddedPatch decode(Path tmp) throws IOException;
    }

    /** Takes the budget for {@code samples} (at most all of it), waiting up to the wait; the permits taken. */
    private int acquire(long samples, String name) {
        int permits = (int) Math.min(budget, Math.max(1, samples / 1000));
        try {
            if (!decoding.tryAcquire(permits, waitMillis, TimeUnit.MILLISECONDS)) {
                throw ApiException.busy(name + ": the server is busy decoding other uploads; try again shortly",
                        RETRY_AFTER_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, name + ": the server is stopping");
        }
        return permits;
    }

    /** Thousands of samples uploads may decode at once. */
    int budget() {
        return budget;
    }

    /** The limit is on samples (pixels × bands, what decoding holds); the message counts pixels, as a user sees an image. */
    private void checkSize(DecodedSize size, String name) {
        if (size.values() > maxSamples) {
            throw new ApiException(413, name + ": image of " + size.width() + " × " + size.height() + " pixels is over the limit of "
                    + maxSamples / size.bands() + " pixels for " + size.bandsInWords());
        }
    }

    /**
     * The file name without the folders a client may send with it, Unix or Windows ({@code C:\Users\me\b.jpg} is
     * {@code b.jpg}), each control character (C0 or C1, which ids never hold) as U+FFFD; empty when nothing is left (a
     * name of {@code /}). Not {@link Path}: it splits at {@code /} only.
     */
    static String baseName(String filename) {
        if (filename == null) {
            return "";
        }
        return filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cc}", "\uFFFD");
    }

    /**
     * The end of a temporary copy's name: the client's name, its start kept to {@link #NAME_BYTES} UTF-8 bytes (a file
     * name holds 255 bytes, and 40 non-ASCII characters can fill 120) and its extension kept; NUL, which no file name
     * holds, as '_'.
     */
    static String tempNameEnd(String name, String ext) {
        String clean = name.replace('\0', '_');
        if (clean.getBytes(StandardCharsets.UTF_8).length <= NAME_BYTES) {
            return clean;
        }
        String stem = clean.substring(0, clean.length() - ext.length());
        int budget = NAME_BYTES - ext.length();
        StringBuilder kept = new StringBuilder();
        for (int i = 0, bytes = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // its UTF-8 length
            if (bytes > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return kept + ext;
    }

    private static String extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return ext;
            }
        }
        throw new ApiException(415, "'" + name + "' is not a GeoTIFF, PNG or JPEG file (by its extension: .tif, .tiff, .png, .jpg, .jpeg)");
    }

    private void copyBounded(UploadedFile upload, Path target, String name) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = upload.content(); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new ApiException(413, name + ": upload is over the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new ApiException(422, name + ": empty file");
        }
    }
}
