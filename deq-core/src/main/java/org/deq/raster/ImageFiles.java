package org.deq.raster;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/** Reads ordinary pictures (PNG, JPEG via ImageIO; TIFF via {@link GeoTiffReader}) into a three-band patch R, G, B in [0, 1]. */
public final class ImageFiles {

    /** Band names of an RGB patch. */
    public static final List<String> RGB = List.of("R", "G", "B");

    private ImageFiles() {
    }

    /** True when the file name ends in a picture extension this class reads. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || isTiff(file);
    }

    /** True for .tif/.tiff names. */
    public static boolean isTiff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tif") || name.endsWith(".tiff");
    }

    /**
     * Reads the picture into a patch with the given metadata; grey pictures give three equal bands. One of more than
     * 2^28 values as decoded is refused from its header ({@link DecodedSize}).
     */
    public static Patch read(Path file, PatchMeta meta) throws BadInputException {
        RegularFiles.require(file); // a FIFO named like a picture would block ImageIO
        DecodedSize.checked(file);
        return isTiff(file) ? readTiff(file, meta) : readImageIo(file, meta);
    }

    private static Patch readImageIo(Path file, PatchMeta meta) throws BadInputException {
        BufferedImage image;
        try {
            image = decode(file);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof OutOfMemoryError oom) { // ImageIO's PNG reader wraps it: the heap, not the file
                throw oom;
            }
            throw new BadInputException(file, "not a readable image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new BadInputException(file, DecodedSize.notAPicture(file));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (isGrey(image.getColorModel())) {
            return greyPicture(image, meta);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            r[i] = ((p >> 16) & 0xFF) / 255f;
            g[i] = ((p >> 8) & 0xFF) / 255f;
            b[i] = (p & 0xFF) / 255f;
        }
        return new Patch(meta, w, h, RGB, new float[][] {r, g, b});
    }

    /**
     * Whether a PNG or JPEG holds grey samples, from its header: the pictures deq's readers before revision 5 brightened
     * (by {@code getRGB}). False for anything that is not such a readable picture.
     */
    public static boolean isGreyPicture(Path file) {
        if (!Files.isRegularFile(file)) { // a FIFO would block ImageIO
            return false;
        }
        try {
            Boolean grey = withReader(file, (reader, in) -> {
                reader.setInput(in);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                return type != null && isGrey(type.getColorModel());
            });
            return grey != null && grey;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Grey samples with or without alpha (8- or 16-bit PNG, grey JPEG). Grey pictures of 1 to 4 bits come as a grey
     * ramp of indices, which {@code getRGB} reads right.
     */
    private static boolean isGrey(ColorModel model) {
        return model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * A grey picture's samples over the full scale of their bits, as a TIFF of the same pixels reads: {@code getRGB}
     * would convert Java's linear grey to sRGB and brighten them (grey 32 of 255 read as 99).
     */
    private static Patch greyPicture(BufferedImage image, PatchMeta meta) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        float full = (float) ((1L << image.getColorModel().getComponentSize(0)) - 1);
        float[] grey = new float[w * h];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = samples[i] / full; // divided, as picture() scales a TIFF's, to the bit
        }
        return new Patch(meta, w, h, RGB, new float[][] {grey, grey.clone(), grey.clone()});
    }

    /**
     * The picture decoded by the first ImageIO reader that knows its format, or null when none does; a JPEG that ends
     * early is refused (ImageIO only warns and fills the rest of the picture grey).
     */
    private static BufferedImage decode(Path file) throws IOException {
        return withReader(file, (reader, in) -> {
            reader.setInput(in, true, true);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            for (String warning : warnings) {
                String w = warning.toLowerCase(Locale.ROOT);
                if (w.contains("premature end") || w.contains("truncated")) {
                    throw new BadInputException(file, "truncated image: " + warning.strip());
                }
            }
            return image;
        });
    }

    /** Work with an ImageIO reader on an open picture file. */
    interface ReaderWork<T> {
        T run(ImageReader reader, ImageInputStream in) throws IOException;
    }

    /** {@code work} with the first ImageIO reader that knows the file's format (disposed after), or null when none does. */
    static <T> T withReader(Path file, ReaderWork<T> work) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                return work.run(reader, in);
            } finally {
                reader.dispose();
            }
        }
    }

    /** A file name (or path) without its extension, the part from its last dot; unchanged when it has none. */
    public static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= name.lastIndexOf('/') ? name : name.substring(0, dot);
    }

    /**
     * More than three bands, more than 8 bits or floating-point samples: satellite data rather than a picture, read by its
     * bands rather than as R, G, B.
     */
    public static boolean isMultispectral(GeoRaster raster) {
        return isMultispectral(raster.bandCount(), raster.sampleType());
    }

    /** {@link #isMultispectral(GeoRaster)} of a raster of {@code bands} bands of {@code type}, known from a header alone. */
    public static boolean isMultispectral(int bands, SampleType type) {
        return bands > 3 || type.fullScale > 255 || type.isFloat();
    }

    private static Patch readTiff(Path file, PatchMeta meta) throws BadInputException {
        GeoRaster raster = GeoTiffReader.read(file);
        if (isMultispectral(raster)) { // its first three bands would pass for R, G and B
            throw new BadInputException(file, "a multispectral GeoTIFF (" + raster.bandCount() + " bands of "
                    + raster.sampleType().name().toLowerCase(Locale.ROOT) + "), not an RGB picture: index it as an archive of its own");
        }
        return picture(raster, meta);
    }

    /**
     * A raster of one to three bands of at most 8 bits ({@link #isMultispectral} false) as an RGB picture, its values
     * scaled as a PNG's: a TIFF picture, or a window of an RGB orthophoto cut into patches.
     */
    public static Patch picture(GeoRaster raster, PatchMeta meta) {
        // value / full scale, as the PNG/JPEG path divides by 255: multiplying by 1/255 differs in the last bit, and a
        // histogram bin boundary turned that into a visible distance between a TIFF and the PNG of the same pixels
        float full = (float) raster.sampleType().fullScale;
        float[][] rgb = new float[3][];
        for (int c = 0; c < 3; c++) {
            // grey (1 band) repeats its band; more than three bands are refused above as multispectral
            float[] src = raster.bands()[raster.bandCount() >= 3 ? c : 0];
            float[] dst = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                dst[i] = src[i] / full;
            }
            rgb[c] = dst;
        }
        return new Patch(meta, raster.width(), raster.height(), RGB, rgb);
    }
}
