package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deq.TestData;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchWindowsTest {

    @TempDir
    Path tmp;

    private static void assertSameWindow(PatchWindows a, PatchWindows b, int x, int y, int size) throws Exception {
        Patch wa = a.window(x, y, size);
        Patch wb = b.window(x, y, size);
        assertThat(wa.bandNames()).isEqualTo(wb.bandNames());
        assertThat(wa.meta().flags()).isEqualTo(wb.meta().flags());
        for (int band = 0; band < wa.bandCount(); band++) {
            assertThat(wa.bands()[band]).containsExactly(wb.bands()[band]);
        }
    }

    @Test
    void aGeoTiffDecodedWindowByWindowGivesTheWindowsOfItsWholeReading() throws Exception {
        Path file;
        try (var files = Files.list(TestData.require("eurosat-sample/EuroSAT_MS/SeaLake"))) {
            file = files.filter(f -> f.toString().endsWith(".tif")).findFirst().orElseThrow();
        }
        PatchWindows windowed = PatchWindows.open(file);
        PatchWindows whole = PatchWindows.of(Archives.readPatch(file));
        assertThat(windowed.width()).isEqualTo(64);
        assertThat(windowed.meta().footprint()).isEqualTo(whole.meta().footprint());
        assertThat(windowed.meta().flags()).containsExactly(S2BandFiles.LEVEL_1C);
        assertSameWindow(windowed, whole, 0, 0, 32);
        assertSameWindow(windowed, whole, 17, 29, 35);
        assertThat(windowed.window(17, 29, 35).meta().id()).endsWith("@17,29");
    }

    @Test
    void picturesAreReadAsRgbAndNoDataAsZero() throws Exception {
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(5, 5, 0xFF8040);
        Path tif = tmp.resolve("picture.tif");
        ImageIO.write(picture, "tiff", tif.toFile());
        PatchWindows rgb = PatchWindows.open(tif);
        assertThat(rgb.window(0, 0, 10).bandNames()).containsExactly("R", "G", "B");
        assertThat(rgb.window(0, 0, 10).bands()[0][5 * 10 + 5]).isEqualTo(1f);

        float[][] bands = new float[4][20 * 20];
        bands[2][20 * 15 + 15] = Float.NaN;
        Path holes = Files.write(tmp.resolve("holes.tif"), GeoTiffWriter.encodeFloat32(20, 20, bands,
                new GeoRef(10, 50, 0.001, 0.001, GeoRef.WGS84), GeoTiffWriter.Compression.NONE, null));
        PatchWindows windows = PatchWindows.open(holes);
        assertThat(windows.window(0, 0, 10).bandNames()).containsExactly("band1", "band2", "band3", "band4");
        assertThat(windows.window(10, 10, 10).bands()[2][5 * 10 + 5]).isZero(); // no data reads as 0, as in a patch cut from it
        java.util.BitSet empty = windows.noData();
        assertThat(empty.get(15 * 20 + 15)).isTrue(); // the NaN pixel alone: a file declaring NaN holds 0 as a value
        assertThat(empty.cardinality()).isEqualTo(1);
        PatchWindows cut = PatchWindows.open(holes); // windows covering the image: their notes, not a second decode
        for (int y = 0; y < 20; y += 10) {
            for (int x = 0; x < 20; x += 10) {
                cut.window(x, y, 10);
            }
        }
        assertThat(cut.noData()).isEqualTo(empty);
        assertThat(PatchWindows.of(Archives.readPatch(tif)).noData().isEmpty()).isTrue(); // a picture's black may be shadow
    }
}
