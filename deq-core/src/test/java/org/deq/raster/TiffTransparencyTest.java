package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TIFF's alpha sample and GDAL's internal mask: no bands of the image, but the pixels it marks transparent. */
class TiffTransparencyTest {

    private static final int SHORT = 3;
    private static final int EXTRA_SAMPLES = 338;
    private static final int UNASSOCIATED_ALPHA = 2;

    @TempDir
    Path tmp;

    @Test
    void anAlphaSampleIsNoBandAndItsZerosAreTransparent() throws Exception {
        // 12 bands and alpha, as gdalwarp -dstalpha writes a 12-band stack: extra samples 1 to 12, the last alpha
        TinyTiff tiff = new TinyTiff(false, 32, 32, 13, 16, true);
        long[] extra = new long[12];
        extra[11] = UNASSOCIATED_ALPHA;
        tiff.tag(EXTRA_SAMPLES, SHORT, extra);
        tiff.samples = (x, y, b) -> b == 12 ? (x < 8 ? 0 : 65535) : TinyTiff.value(x, y, b);
        Path file = tmp.resolve("alpha.tif");
        tiff.write(file, 4096);

        assertThat(GeoTiffReader.imageSize(file).bands()).isEqualTo(12);
        GeoRaster read = GeoTiffReader.read(file);
        assertThat(read.bandCount()).isEqualTo(12);
        assertThat(read.bands()[11][33]).isEqualTo(TinyTiff.value(1, 1, 11));
        assertThat(read.transparent().cardinality()).isEqualTo(8 * 32);
        assertThat(read.transparent().get(7)).isTrue();
        assertThat(read.transparent().get(8)).isFalse();

        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.masked()).isTrue();
        BitSet window = scene.noDataPixels(scene.window(4, 4, 16, 16)); // columns 4 to 7 transparent
        assertThat(window.cardinality()).isEqualTo(4 * 16);
        assertThat(window.get(3)).isTrue();
        assertThat(window.get(4)).isFalse();
    }

    @Test
    void anExtraSampleGdalCallsAnythingButAlphaIsABandAndALoneSampleIsNeverAlpha() throws Exception {
        // gdal_translate -ot Byte -b 1 -b 2 -b 3 -b 4 of a 4-band image: ExtraSamples says alpha, GDAL's metadata "Gray"
        for (String role : new String[] {"Gray", "Alpha"}) {
            TinyTiff tiff = new TinyTiff(false, 16, 16, 4, 16, false);
            tiff.tag(EXTRA_SAMPLES, SHORT, UNASSOCIATED_ALPHA);
            tiff.text(42112, "<GDALMetadata>\n  <Item name=\"COLORINTERP\" sample=\"3\" role=\"colorinterp\">" + role
                    + "</Item>\n</GDALMetadata>");
            Path file = tmp.resolve("rgbn-" + role + ".tif");
            tiff.write(file, 4096);
            assertThat(GeoTiffReader.read(file).bandCount()).as(role).isEqualTo(role.equals("Gray") ? 4 : 3);
        }
        TinyTiff lone = new TinyTiff(false, 16, 16, 1, 16, false);
        lone.tag(EXTRA_SAMPLES, SHORT, UNASSOCIATED_ALPHA);
        Path file = tmp.resolve("lone.tif");
        lone.write(file, 4096);
        assertThat(GeoTiffReader.read(file).bandCount()).isEqualTo(1);
    }

    @Test
    void gdalsInternalMaskMarksItsZerosTransparent() throws Exception {
        TinyTiff tiff = new TinyTiff(false, 32, 32, 12, 16, false);
        Path file = tmp.resolve("mask.tif");
        tiff.write(file, 4096);
        tiff.appendMask(file, (x, y) -> y >= 4); // GDAL_TIFF_INTERNAL_MASK: a second directory, rows 0 to 3 transparent

        GeoRaster read = GeoTiffReader.read(file);
        assertThat(read.bandCount()).isEqualTo(12);
        assertThat(read.transparent().cardinality()).isEqualTo(4 * 32);
        assertThat(read.transparent().get(4 * 32 - 1)).isTrue();
        assertThat(read.transparent().get(4 * 32)).isFalse();
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.noDataPixels(scene.window(16, 0, 16, 16)).cardinality()).isEqualTo(4 * 16);
        assertThat(scene.noDataPixels(scene.window(0, 16, 16, 16)).isEmpty()).isTrue();
    }

    @Test
    void anRgbaTiffIsAPictureReadAsItsPngIs() throws Exception {
        BufferedImage picture = new BufferedImage(24, 16, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                int alpha = x < 6 ? 0 : 255; // transparent pixels keep their colours, as a PNG's are read
                picture.setRGB(x, y, alpha << 24 | (x * 10) << 16 | (y * 15) << 8 | (x + y) * 5);
            }
        }
        PngAndTiff both = PngAndTiff.of(picture, tmp, "rgba");
        assertThat(GeoTiffReader.isMultispectral(both.tif())).isFalse();
        assertThat(both.fromTiff().bandNames()).isEqualTo(ImageFiles.RGB);
        for (int b = 0; b < 3; b++) {
            assertThat(both.fromTiff().bands()[b]).containsExactly(both.fromPng().bands()[b]);
        }
    }
}
