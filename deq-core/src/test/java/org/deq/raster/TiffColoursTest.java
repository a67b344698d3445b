package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Palette and WhiteIsZero TIFFs (written by ImageIO's TIFF writer, or {@link TinyTiff}) read as their colours: the same
 * patch as the PNG of the same picture, whole and by windows, whatever the bits of their indices.
 */
class TiffColoursTest {

    private static final int SHORT = 3;

    @TempDir
    Path tmp;

    /** A picture of {@code bits}-bit palette indices, 11 x 5 (rows of 1, 2 and 4-bit indices end inside a byte). */
    private static BufferedImage palettePicture(int bits) {
        int entries = 1 << bits;
        byte[] r = new byte[entries];
        byte[] g = new byte[entries];
        byte[] b = new byte[entries];
        for (int i = 0; i < entries; i++) {
            r[i] = (byte) (255 - i * 255 / (entries - 1));
            g[i] = (byte) (i * 97 + 11);
            b[i] = (byte) (i ^ 0x5A);
        }
        IndexColorModel palette = new IndexColorModel(bits, entries, r, g, b);
        BufferedImage image = new BufferedImage(11, 5, bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED
                : BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int i = 0; i < 55; i++) {
            image.getRaster().setSample(i % 11, i / 11, 0, (i * 7 + i / 11) % entries);
        }
        return image;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void aPaletteTiffReadsAsThePngOfTheSamePicture(int bits) throws Exception {
        BufferedImage picture = palettePicture(bits);
        PngAndTiff read = PngAndTiff.of(picture, tmp, "p");
        Path tif = read.tif();
        Patch fromPng = read.fromPng();
        Patch fromTiff = read.fromTiff();
        for (int c = 0; c < 3; c++) {
            assertThat(fromTiff.bands()[c]).as("band %d", c).containsExactly(fromPng.bands()[c]);
        }
        assertThat(fromTiff.bands()[0][0]).isEqualTo(1f); // index 0 is full red, not index 0 read as black
        assertScenesWindowsAreTheWholeReads(tif);
    }

    @Test
    void aBilevelWhiteIsZeroTiffReadsAsThePngOfTheSamePicture() throws Exception {
        byte[] whiteThenBlack = {(byte) 255, 0};
        BufferedImage picture = new BufferedImage(13, 3, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, whiteThenBlack, whiteThenBlack, whiteThenBlack));
        for (int i = 0; i < 39; i++) {
            picture.getRaster().setSample(i % 13, i / 13, 0, i % 3 == 0 ? 1 : 0);
        }
        PngAndTiff read = PngAndTiff.of(picture, tmp, "w"); // ImageIO writes the TIFF WhiteIsZero, without a colour map
        Path tif = read.tif();
        Patch fromPng = read.fromPng();
        Patch fromTiff = read.fromTiff();
        assertThat(fromTiff.bands()[0][0]).isEqualTo(0f);
        assertThat(fromTiff.bands()[0][1]).isEqualTo(1f);
        for (int c = 0; c < 3; c++) {
            assertThat(fromTiff.bands()[c]).containsExactly(fromPng.bands()[c]);
        }
        assertScenesWindowsAreTheWholeReads(tif);
    }

    @Test
    void aSixteenBitWhiteIsZeroTiffReadsInverted() throws Exception {
        Path file = tmp.resolve("w16.tif");
        new TinyTiff(false, 20, 9, 1, 16, true).tag(262, SHORT, 0).text(42113, "100").write(file, 4096);
        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.sampleType()).isEqualTo(SampleType.UINT16);
        for (int i = 0; i < 20 * 9; i++) {
            assertThat(r.bands()[0][i]).isEqualTo(65535 - TinyTiff.value(i % 20, i / 20, 0));
        }
        assertThat(GeoTiffReader.scene(file).noData()).as("the declared no-data value inverted as the samples").isEqualTo(65435f);
    }

    @Test
    void palettesAndWhiteIsZeroDeqCannotReadAsColoursAreOneLine() throws Exception {
        Path twoSamples = tmp.resolve("two.tif");
        new TinyTiff(false, 8, 8, 2, 16, false).tag(262, SHORT, 3).write(twoSamples, 4096);
        assertThatThrownBy(() -> GeoTiffReader.read(twoSamples)).isInstanceOf(BadInputException.class).hasMessage(twoSamples
                + ": a palette image of 16-bit unsigned samples, 2 per pixel, which deq cannot read; expand it to RGB"
                + " (gdal_translate -expand rgb)");
        Path noMap = tmp.resolve("nomap.tif");
        new TinyTiff(false, 8, 8, 1, 16, false).tag(262, SHORT, 3).write(noMap, 4096);
        assertThatThrownBy(() -> GeoTiffReader.scene(noMap)).isInstanceOf(BadInputException.class)
                .hasMessage(noMap + ": a palette image of 16-bit indices with no colour map");
        Path shortMap = tmp.resolve("short.tif");
        new TinyTiff(false, 8, 8, 1, 16, false).tag(262, SHORT, 3).tag(320, SHORT, new long[768]).write(shortMap, 4096);
        assertThatThrownBy(() -> GeoTiffReader.imageSize(shortMap)).isInstanceOf(BadInputException.class)
                .hasMessage(shortMap + ": a palette image of 16-bit indices with a colour map of 768 values, not 3 x 65536");
        Path signed = tmp.resolve("signed.tif");
        new TinyTiff(false, 8, 8, 1, 16, false).tag(262, SHORT, 0).tag(339, SHORT, 2).write(signed, 4096);
        assertThatThrownBy(() -> GeoTiffReader.read(signed)).isInstanceOf(BadInputException.class).hasMessage(signed
                + ": WhiteIsZero 16-bit signed samples, which TIFF does not invert; write them BlackIsZero (gdal_translate"
                + " -co PHOTOMETRIC=MINISBLACK)");
    }

    @Test
    void aSixteenBitPaletteReadsItsColoursAsEightBits() throws Exception {
        long[] map = new long[3 * 65536];
        for (int i = 0; i < 65536; i++) {
            map[i] = (i & 0xFF) * 257; // red: the index's low byte, written as GDAL writes 8-bit colours
            map[65536 + i] = (i >> 8) * 256; // green: the high byte, written as other writers scale
            map[2 * 65536 + i] = 7; // blue: an entry below 256 in a map of 16-bit ones is 0 of 255
        }
        Path file = tmp.resolve("p16.tif");
        new TinyTiff(false, 20, 9, 1, 16, false).tag(262, SHORT, 3).tag(320, SHORT, map).write(file, 1 << 20);
        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.bandCount()).isEqualTo(3);
        assertThat(r.sampleType()).isEqualTo(SampleType.UINT8);
        assertThat(GeoTiffReader.imageSize(file).bands()).isEqualTo(3);
        for (int i = 0; i < 20 * 9; i++) {
            int index = TinyTiff.value(i % 20, i / 20, 0);
            assertThat(new float[] {r.bands()[0][i], r.bands()[1][i], r.bands()[2][i]})
                    .containsExactly(index & 0xFF, index >> 8, 0);
        }
    }

    /** Every window of a scene of {@code file} holds the values of the whole read there (packed rows cut anywhere). */
    private static void assertScenesWindowsAreTheWholeReads(Path file) throws Exception {
        GeoRaster whole = GeoTiffReader.read(file);
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.bandCount()).isEqualTo(whole.bandCount());
        int w = whole.width();
        for (int x = 0; x < w; x += 3) {
            for (int y = 0; y < whole.height(); y += 2) {
                int ww = Math.min(5, w - x);
                int wh = Math.min(2, whole.height() - y);
                GeoRaster window = scene.windowAlone(x, y, ww, wh);
                assertThat(window.sampleType()).isEqualTo(whole.sampleType());
                for (int b = 0; b < whole.bandCount(); b++) {
                    for (int r = 0; r < wh; r++) {
                        int from = (y + r) * w + x;
                        assertThat(Arrays.copyOfRange(window.bands()[b], r * ww, r * ww + ww))
                                .containsExactly(Arrays.copyOfRange(whole.bands()[b], from, from + ww));
                    }
                }
            }
        }
    }

    @Test
    void yCbCrAndUnknownInterpretationsAreRefusedNotReadAsRgb() throws Exception {
        Path yCbCr = tmp.resolve("ycbcr.tif");
        new TinyTiff(false, 8, 8, 3, 16, false).tag(262, SHORT, 6).write(yCbCr, 4096);
        assertThatThrownBy(() -> GeoTiffReader.read(yCbCr)).isInstanceOf(BadInputException.class).hasMessage(yCbCr
                + ": YCbCr colours, which deq cannot read as RGB; convert them (gdal_translate -co PHOTOMETRIC=RGB in.tif out.tif)");
        for (long code : new long[] {8, 99, 32844}) { // CIELab, a made-up one, LogL
            Path file = tmp.resolve("p" + code + ".tif");
            new TinyTiff(false, 8, 8, 1, 16, false).tag(262, SHORT, code).write(file, 4096);
            assertThatThrownBy(() -> GeoTiffReader.imageSize(file)).isInstanceOf(BadInputException.class).hasMessage(file
                    + ": PhotometricInterpretation " + code + ", which deq cannot read; write BlackIsZero or RGB samples"
                    + " (gdal_translate -co PHOTOMETRIC=MINISBLACK or PHOTOMETRIC=RGB)");
        }
        // what deq reads as stored: BlackIsZero, RGB, a mask, CMYK, and a file that does not say
        for (long code : new long[] {1, 2, 4, 5, -1}) {
            Path file = tmp.resolve("q" + code + ".tif");
            TinyTiff tiff = new TinyTiff(false, 8, 8, 4, 16, false);
            if (code < 0) {
                tiff.tags.remove(262);
            } else {
                tiff.tag(262, SHORT, code);
            }
            tiff.write(file, 4096);
            assertThat(GeoTiffReader.read(file).bands()[3][9]).isEqualTo(TinyTiff.value(1, 1, 3));
        }
    }
}
