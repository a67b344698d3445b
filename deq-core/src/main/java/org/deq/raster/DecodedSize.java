package org.deq.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of a file's first image as deq's readers decode it, from its header alone (TIFF IFD, PNG IHDR, JPEG SOF): a
 * picture (PNG, JPEG, or a TIFF of one to three 8-bit bands or a palette) as three bands R, G, B, a multispectral TIFF
 * as its bands. A small file that inflates to gigabytes (a decompression bomb) is refused by it before any pixel is
 * decoded, in the CLI, in an ingest and in the server alike.
 *
 * @param storedBands the bands the file holds, fewer than {@code bands} for a grey picture
 */
public record DecodedSize(long width, long height, int bands, int storedBands) {

    /**
     * Values read at once, 2^28: a Float32 raster that large peaks at 2 GiB (deq's floats and at most as much again for
     * the strip or tile being decoded) before its callers copy it, within deq's default heap of 6 GB, where 2^30 values
     * would need 4 GiB of floats alone. It also refuses absurd sizes from corrupt headers before allocating.
     */
    public static final long MAX_VALUES = 1L << 28;
    /** Pictures are decoded to R, G and B, whatever their file holds. */
    private static final int PICTURE_BANDS = 3;

    /** The size of the first image of {@code file}, from its header; a missing, unreadable or unknown file is one line naming it. */
    public static DecodedSize of(Path file) throws BadInputException {
        if (ImageFiles.isTiff(file)) { // its header and first directory alone, whatever the file's size
            TiffLayout layout = GeoTiffReader.layout(file);
            int bands = ImageFiles.isMultispectral(layout.bands(), layout.valueType()) ? layout.bands() : PICTURE_BANDS;
            return new DecodedSize(layout.width(), layout.height(), bands, layout.bands());
        }
        try {
            DecodedSize size = ImageFiles.withReader(file, (reader, in) -> {
                reader.setInput(in, true, true);
                return new DecodedSize(reader.getWidth(0), reader.getHeight(0), PICTURE_BANDS, PICTURE_BANDS);
            });
            if (size == null) {
                throw new BadInputException(file, notAPicture(file));
            }
            return size;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, Files.isRegularFile(file) ? "unreadable image header (" + e.getMessage() + ")"
                    : "no such file", e);
        }
    }

    /**
     * Why no picture decoder takes {@code file}, in words: it cannot be read (ImageIO opens no stream then), it is empty,
     * or its first bytes are no PNG's or JPEG's.
     */
    static String notAPicture(Path file) {
        if (!Files.isReadable(file)) {
            return "cannot be read (permission denied)";
        }
        try {
            if (Files.size(file) == 0) {
                return "empty file (0 bytes)";
            }
        } catch (IOException e) {
            return "no such file";
        }
        return "not a readable PNG/JPEG image (its first bytes are neither a PNG's nor a JPEG's)";
    }

    /** The size of {@code file}'s first image, refused ({@link #requireReadable}) when deq cannot decode it at once. */
    public static DecodedSize checked(Path file) throws BadInputException {
        return of(file).requireReadable(file);
    }

    /** Width × height × bands, Long.MAX_VALUE when that overflows. */
    public long values() {
        return TiffLayout.times(TiffLayout.times(width, height), bands);
    }

    /** This size, or a refusal naming {@code file} that says what to do when it holds more than {@link #MAX_VALUES}. */
    public DecodedSize requireReadable(Path file) throws BadInputException {
        long values = values();
        if (values > MAX_VALUES) {
            throw new BadInputException(file, width + "x" + height + " pixels x " + bandsInWords() + " = " + millionsUp(values)
                    + " M values, more than the " + MAX_VALUES / 1_000_000 + " M (2^28) deq reads at once; "
                    + (ImageFiles.isTiff(file) ? "cut the image into tiles (gdal_translate -srcwin), or index it as patches"
                    + " with deq index --tile SIZE" : "cut the image into tiles (gdal_translate -srcwin) or scale it down"));
        }
        return this;
    }

    /** "3 bands", "1 band", and for a grey picture "3 bands (1 band read as R, G, B)". */
    public String bandsInWords() {
        String decoded = bands(bands);
        return storedBands < bands ? decoded + " (" + bands(storedBands) + " read as R, G, B)" : decoded;
    }

    private static String bands(int n) {
        return n + (n == 1 ? " band" : " bands");
    }

    /** {@code n} in millions rounded up, so that a size just over a limit (rounded down) does not read as the limit. */
    private static long millionsUp(long n) {
        return n / 1_000_000 + (n % 1_000_000 == 0 ? 0 : 1); // not n + 999_999: n may be a saturated Long.MAX_VALUE
    }
}
