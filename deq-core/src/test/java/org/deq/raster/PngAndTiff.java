package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** One picture written by ImageIO as a PNG and as a TIFF, and each read back by deq: what a reader must read alike. */
record PngAndTiff(Path png, Path tif, Patch fromPng, Patch fromTiff) {

    /** {@code picture} written as {@code name}.png and {@code name}.tif in {@code dir}, then read. */
    static PngAndTiff of(BufferedImage picture, Path dir, String name) throws IOException {
        Path png = dir.resolve(name + ".png");
        Path tif = dir.resolve(name + ".tif");
        assertThat(ImageIO.write(picture, "png", png.toFile())).isTrue();
        assertThat(ImageIO.write(picture, "tiff", tif.toFile())).isTrue();
        return new PngAndTiff(png, tif, ImageFiles.read(png, PatchMeta.of(name, png.toString())),
                ImageFiles.read(tif, PatchMeta.of(name, tif.toString())));
    }
}
