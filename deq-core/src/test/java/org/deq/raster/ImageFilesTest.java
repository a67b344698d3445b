package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @Test
    void jpegAndItsOriginalTiffAgree() throws Exception {
        Path jpg = TestData.require("uc-merced-landuse/Images/beach/beach00.jpg");
        Path tif = TestData.require("uc-merced-landuse/originals-tif/beach/beach00.tif");
        Patch fromJpeg = ImageFiles.read(jpg, PatchMeta.of("beach/beach00", jpg.toString()));
        Patch fromTiff = ImageFiles.read(tif, PatchMeta.of("beach/beach00", tif.toString()));
        assertThat(fromJpeg.bandNames()).containsExactly("R", "G", "B");
        assertThat(fromJpeg.width()).isEqualTo(fromTiff.width());
        assertThat(fromJpeg.height()).isEqualTo(fromTiff.height());
        // JPEG q95 of the same picture (PSNR >= 32.7 dB per SOURCE.md): mean absolute difference well under 2 %
        for (int b = 0; b < 3; b++) {
            double diff = 0;
            float[] a = fromJpeg.bands()[b];
            float[] o = fromTiff.bands()[b];
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isBetween(0f, 1f);
                diff += Math.abs(a[i] - o[i]);
            }
            assertThat(diff / a.length).isLessThan(0.02);
        }
    }

    @Test
    void theSamePixelsAsPngAndTiffAreTheSamePatch(@TempDir Path tmp) throws Exception {
        Path jpg = TestData.require("uc-merced-landuse/Images/agricultural/agricultural10.jpg");
        BufferedImage image = ImageIO.read(jpg.toFile());
        Path png = tmp.resolve("a.png");
        Path tif = tmp.resolve("a.tif");
        assertThat(ImageIO.write(image, "png", png.toFile())).isTrue();
        assertThat(ImageIO.write(image, "tiff", tif.toFile())).isTrue();
        Patch fromPng = ImageFiles.read(png, PatchMeta.of("a", png.toString()));
        Patch fromTiff = ImageFiles.read(tif, PatchMeta.of("a", tif.toString()));
        for (int b = 0; b < 3; b++) {
            assertThat(fromTiff.bands()[b]).containsExactly(fromPng.bands()[b]);
        }
    }

    @Test
    void unreadableImagesNameTheFile(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("junk.jpg");
        Files.writeString(junk, "this is not a JPEG");
        assertThatThrownBy(() -> ImageFiles.read(junk, PatchMeta.of("junk", ""))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(junk + ": ");
        byte[] png = Files.readAllBytes(TestData.require("uc-merced-landuse/originals-tif/forest/forest00.tif"));
        Path cut = tmp.resolve("forest00.tif");
        Files.write(cut, Arrays.copyOf(png, 200));
        assertThatThrownBy(() -> ImageFiles.read(cut, PatchMeta.of("cut", ""))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aJpegThatEndsEarlyIsRefusedNotFilledWithGrey(@TempDir Path tmp) throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.require("uc-merced-landuse/Images/forest/forest00.jpg"));
        Path cut = tmp.resolve("forest-cut.jpg");
        Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertThatThrownBy(() -> ImageFiles.read(cut, PatchMeta.of("cut", ""))).isInstanceOf(BadInputException.class)
                .hasMessage(cut + ": truncated image: Truncated File - Missing EOI marker");
    }
}
