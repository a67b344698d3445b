package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @Test
    void anEmptyOrForeignPictureFileIsNamedInWords(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("text.jpg"), "hello");
        assertThatThrownBy(() -> ImageFiles.read(empty, PatchMeta.of("e", "")))
                .hasMessage(empty + ": empty file (0 bytes)");
        assertThatThrownBy(() -> ImageFiles.read(text, PatchMeta.of("t", "")))
                .hasMessage(text + ": not a readable PNG/JPEG image (its first bytes are neither a PNG's nor a JPEG's)");
    }

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
        PngAndTiff read = PngAndTiff.of(ImageIO.read(jpg.toFile()), tmp, "a");
        Patch fromPng = read.fromPng();
        Patch fromTiff = read.fromTiff();
        for (int b = 0; b < 3; b++) {
            assertThat(fromTiff.bands()[b]).containsExactly(fromPng.bands()[b]);
        }
    }

    /** Grey levels that a linear-grey to sRGB conversion brightens (32 would read 99). */
    private static final int[] GREYS = {0, 32, 64, 128, 192, 255};

    @Test
    void aGreyPngAndATiffOfTheSamePixelsReadTheirGreyLevels(@TempDir Path tmp) throws Exception {
        BufferedImage grey = new BufferedImage(GREYS.length, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < GREYS.length; x++) {
            grey.getRaster().setSample(x, 0, 0, GREYS[x]);
            grey.getRaster().setSample(x, 1, 0, 255 - GREYS[x]);
        }
        PngAndTiff read = PngAndTiff.of(grey, tmp, "g");
        Patch fromPng = read.fromPng();
        Patch fromTiff = read.fromTiff();
        float[] expected = new float[GREYS.length * 2];
        for (int x = 0; x < GREYS.length; x++) {
            expected[x] = GREYS[x] / 255f;
            expected[GREYS.length + x] = (255 - GREYS[x]) / 255f;
        }
        for (int b = 0; b < 3; b++) {
            assertThat(fromPng.bands()[b]).containsExactly(expected);
            assertThat(fromTiff.bands()[b]).containsExactly(expected);
        }
    }

    @Test
    void aSixteenBitGreyPngReadsItsSamplesOverTheirFullScale(@TempDir Path tmp) throws Exception {
        int[] levels = {0, 1000, 32768, 50000, 65535};
        BufferedImage grey = new BufferedImage(levels.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < levels.length; x++) {
            grey.getRaster().setSample(x, 0, 0, levels[x]);
        }
        Path png = tmp.resolve("g16.png");
        assertThat(ImageIO.write(grey, "png", png.toFile())).isTrue();
        Patch patch = ImageFiles.read(png, PatchMeta.of("g16", png.toString()));
        for (int b = 0; b < 3; b++) {
            for (int x = 0; x < levels.length; x++) {
                assertThat(patch.bands()[b][x]).isEqualTo(levels[x] / 65535f);
            }
        }
    }

    @Test
    void aGreyPngWithAlphaReadsItsGreyLevels(@TempDir Path tmp) throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(GREYS.length, 1);
        for (int x = 0; x < GREYS.length; x++) {
            raster.setSample(x, 0, 0, GREYS[x]);
            raster.setSample(x, 0, 1, 255 - x); // alpha: not a colour
        }
        Path png = tmp.resolve("ga.png");
        assertThat(ImageIO.write(new BufferedImage(model, raster, false, null), "png", png.toFile())).isTrue();
        Patch patch = ImageFiles.read(png, PatchMeta.of("ga", png.toString()));
        for (int b = 0; b < 3; b++) {
            for (int x = 0; x < GREYS.length; x++) {
                assertThat(patch.bands()[b][x]).isEqualTo(GREYS[x] / 255f);
            }
        }
    }

    @Test
    void aGreyJpegReadsItsGreyLevels(@TempDir Path tmp) throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 64); // flat: the JPEG keeps it to a level or so
            }
        }
        Path jpg = tmp.resolve("g.jpg");
        assertThat(ImageIO.write(grey, "jpeg", jpg.toFile())).isTrue();
        Patch patch = ImageFiles.read(jpg, PatchMeta.of("g", jpg.toString()));
        for (float[] band : patch.bands()) {
            for (float v : band) {
                assertThat(v * 255).isCloseTo(64f, within(1.5f));
            }
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

    @Test
    void aPictureOfTooManyValuesAsDecodedIsRefusedFromItsHeader(@TempDir Path tmp) throws Exception {
        // before, ImageIO decoded it, running the heap out or saying nothing useful
        Path png = Files.write(tmp.resolve("bomb.png"), PngBomb.of(20000, 20000));
        assertThatThrownBy(() -> ImageFiles.read(png, PatchMeta.of("bomb", ""))).isInstanceOf(BadInputException.class)
                .hasMessage(png + ": 20000x20000 pixels x 3 bands = 1200 M values, more than the 268 M (2^28) deq reads at"
                        + " once; cut the image into tiles (gdal_translate -srcwin) or scale it down");
        // 256 M grey values pass the TIFF reader's own limit, but are read as R, G and B: 768 M
        Path grey = tmp.resolve("grey.tif");
        new TinyTiff(false, 16000, 16000, 1, 512, false).tag(258, 3, 8).writeHeader(grey);
        assertThat(DecodedSize.of(grey)).isEqualTo(new DecodedSize(16000, 16000, 3, 1));
        assertThatThrownBy(() -> ImageFiles.read(grey, PatchMeta.of("grey", ""))).isInstanceOf(BadInputException.class)
                .hasMessage(grey + ": 16000x16000 pixels x 3 bands (1 band read as R, G, B) = 768 M values, more than the"
                        + " 268 M (2^28) deq reads at once; cut the image into tiles (gdal_translate -srcwin), or index it as"
                        + " patches with deq index --tile SIZE");
    }
}
