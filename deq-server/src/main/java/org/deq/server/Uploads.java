package org.deq.server;

import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deq.archive.Archives;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/** Turns an uploaded image into a query patch: checks its kind, size and pixel count, then reads it from a temporary file. */
final class Uploads {

    private static final String[] EXTENSIONS = {".tif", ".tiff", ".png", ".jpg", ".jpeg"};

    private final long maxBytes;
    private final long maxSamples;

    Uploads(long maxBytes, long maxSamples) {
        this.maxBytes = maxBytes;
        this.maxSamples = maxSamples;
    }

    /** The uploaded image as a patch with id {@code upload:<file name>}; bad uploads are 413, 415 or 422 errors. */
    Patch read(UploadedFile upload) throws IOException {
        String name = baseName(upload.filename());
        String extension = extension(name);
        Path tmp = Files.createTempFile("deq-upload-", extension);
        try {
            copyBounded(upload, tmp, name);
            checkSize(ImageHeaders.size(tmp), name);
            // an image too small for the index's descriptor (LBP's radius) is refused when described, as on the CLI
            Patch patch = Archives.readPatch(tmp);
            // the source is the file the client sent, not the temporary copy: errors that name it (a descriptor
            // missing a band) must not show the server's paths
            PatchMeta m = patch.meta();
            return patch.withMeta(new PatchMeta("upload:" + name, name, m.acquired(), m.footprint(), m.labels(), m.flags()));
        } catch (BadInputException e) {
            // the temporary path means nothing to the client: name the file it sent
            throw new ApiException(422, e.getMessage().replace(tmp.toString(), name));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The limit is on samples (pixels × bands, what decoding holds); the message counts pixels, as a user sees an image. */
    private void checkSize(ImageHeaders.Size size, String name) {
        if (size.samples() > maxSamples) {
            throw new ApiException(413, name + ": image of " + size.width() + " × " + size.height() + " pixels is over the limit of "
                    + maxSamples / size.bands() + " pixels for " + size.bands() + (size.bands() == 1 ? " band" : " bands"));
        }
    }

    /**
     * The file name without the folders a client may send with it, Unix or Windows ({@code C:\Users\me\b.jpg} is
     * {@code b.jpg}); empty when nothing is left (a name of {@code /}). Not {@link Path}: it splits at {@code /} only.
     */
    static String baseName(String filename) {
        if (filename == null) {
            return "";
        }
        return filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
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
