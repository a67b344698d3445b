package org.deq.raster;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** PNG encoding of packed pixels: the one place deq writes the pictures people look at (thumbnails, maps). */
public final class Png {

    private Png() {
    }

    /** {@code width × height} row-major 0xRRGGBB pixels (any alpha byte is ignored) as a PNG file's bytes. */
    public static byte[] encode(int[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // cached in memory: ImageIO's default cache is a temporary file, which a stopping JVM deletes under a server's
        // running requests (their thumbnails failed with EOFException) and which costs a file per picture
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", stream);
        } catch (IOException e) { // into memory: only a broken ImageIO fails here
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}
