package org.deq.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;

/** The size of an image read from its header alone, so that a decompression bomb is refused before it is decoded. */
final class ImageHeaders {

    /** PNG and JPEG pictures are decoded to three bands. */
    private static final int PICTURE_BANDS = 3;

    private ImageHeaders() {
    }

    /** An image's width and height in pixels and its bands. */
    record Size(long width, long height, int bands) {
        long samples() {
            return width * height * bands;
        }
    }

    /** The size of the first image in the file, from its header (TIFF IFD, PNG IHDR, JPEG SOF). */
    static Size size(Path file) throws BadInputException {
        try {
            if (ImageFiles.isTiff(file)) { // its header and first directory alone, whatever the file's size
                GeoTiffReader.ImageSize size = GeoTiffReader.imageSize(file);
                return new Size(size.width(), size.height(), size.bands());
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new BadInputException(file, "not a PNG, JPEG or TIFF image");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    return new Size(reader.getWidth(0), reader.getHeight(0), PICTURE_BANDS);
                } finally {
                    reader.dispose();
                }
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "unreadable image header (" + e.getMessage() + ")", e);
        }
    }
}
