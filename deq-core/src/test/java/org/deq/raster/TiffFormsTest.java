package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deq's block reader ({@link GeoTiffReader#read}, {@link GeoTiffReader#scene}) on the TIFF forms GDAL writes
 * (src/test/resources/tiff-forms, made by make-forms.sh there): a classic little-endian file reads whole as NGA tiff (an
 * independent reader) reads it, and so does every window of it; a twin (a BigTIFF, a big-endian file), whole and by
 * windows, as its classic little-endian file.
 */
class TiffFormsTest {

    private static final Path FORMS = forms();

    private static Path forms() {
        try {
            return Path.of(TiffFormsTest.class.getResource("/tiff-forms/make-forms.sh").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> classic() throws Exception {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tif") && n.indexOf('.') == n.length() - 4)
                    .sorted().toList().stream();
        }
    }

    static Stream<String> twins() throws Exception {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tif") && n.indexOf('.') < n.length() - 4)
                    .sorted().toList().stream();
        }
    }

    @Test
    void everyFormIsThere() throws Exception {
        assertThat(classic()).hasSize(11);
        assertThat(twins()).hasSize(12).allSatisfy(n -> assertThat(FORMS.resolve(n.substring(0, n.indexOf('.')) + ".tif")).exists());
    }

    @ParameterizedTest
    @MethodSource("classic")
    void aClassicFileReadsAsNgaReadsItWholeAndByWindows(String name) throws Exception {
        Path file = FORMS.resolve(name);
        GeoRaster whole = GeoTiffReader.readWithNoData(file).raster();
        Rasters nga = TiffReader.readTiff(file.toFile()).getFileDirectory().readRasters();
        assertThat(whole.bandCount()).isEqualTo(nga.getSamplesPerPixel());
        for (int b = 0; b < whole.bandCount(); b++) {
            float[] expected = new float[whole.width() * whole.height()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = nga.getPixelSample(b, i % whole.width(), i / whole.width()).floatValue();
            }
            assertThat(Arrays.equals(whole.bands()[b], expected)).as("%s band %d", name, b).isTrue();
        }
        assertSameWindows(whole, file);
    }

    @ParameterizedTest
    @MethodSource("twins")
    void aTwinReadsAsItsClassicFileWholeAndByWindows(String name) throws Exception {
        Path file = FORMS.resolve(name);
        GeoRaster classic = GeoTiffReader.readWithNoData(FORMS.resolve(name.substring(0, name.indexOf('.')) + ".tif")).raster();
        assertSameWindows(classic, file);
        GeoRaster whole = GeoTiffReader.readWithNoData(file).raster();
        assertThat(whole.geo()).isEqualTo(classic.geo());
        assertThat(whole.descriptions()).isEqualTo(classic.descriptions());
        assertThat(whole.bands()).isDeepEqualTo(classic.bands());
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 4);
        String form = name.substring(name.indexOf('.') + 1, name.length() - 4);
        assertThat(head[2] + head[3]).as("TIFF version").isEqualTo(form.startsWith("big") ? 43 : 42);
        assertThat(head[0]).as("byte order").isEqualTo((byte) (form.matches("(.*-)?be(-.*)?") ? 'M' : 'I'));
    }

    @Test
    void aBigEndianFileWithAPredictorReadsWholeAsGdalReadsIt() throws Exception {
        // GDAL's values (gdallocationinfo), where NGA tiff, deq's former whole-file reader, gave values like 59381
        GeoRaster strips = GeoTiffReader.read(FORMS.resolve("u16-strip-lzw-p2.be.tif"));
        GeoRaster tiles = GeoTiffReader.read(FORMS.resolve("u16-tile-lzw-p2.be.tif"));
        assertThat(new float[] {strips.bands()[0][20 * 45 + 10], strips.bands()[1][20 * 45 + 10], strips.bands()[2][20 * 45 + 10]})
                .containsExactly(1039, 1301, 1425);
        assertThat(new float[] {tiles.bands()[0][30 * 45 + 40], tiles.bands()[1][30 * 45 + 40], tiles.bands()[2][30 * 45 + 40]})
                .containsExactly(1040, 1272, 1363);
        assertThat(tiles.bands()).isDeepEqualTo(GeoTiffReader.read(FORMS.resolve("u16-tile-lzw-p2.tif")).bands());
    }

    @Test
    void theFormsCoverWhatTheyClaim() throws Exception {
        assertThat(layout("u16-tile-deflate-p2-band.big-be.tif")).satisfies(l -> {
            assertThat(l.planar()).isTrue();
            assertThat(l.tiled()).isTrue();
            assertThat(l.order()).hasToString("BIG_ENDIAN");
            assertThat(l.predictor()).isEqualTo(2);
        });
        assertThat(layout("f32-strip-deflate-p3-band.big.tif")).satisfies(l -> {
            assertThat(l.predictor()).isEqualTo(3);
            assertThat(l.tiled()).isFalse();
            assertThat(l.blockHeight()).isEqualTo(9);
        });
        assertThat(layout("u16-strip-packbits.tif").compression()).isEqualTo(32773);
        assertThat(layout("u16-tile-lzw-p2.big.tif").compression()).isEqualTo(5);
        assertThat(layout("f64-tile-deflate-p3.tif").sampleType()).isEqualTo(SampleType.FLOAT64);
        assertThat(layout("i16-tile-deflate-p2.big-be.tif").sampleType()).isEqualTo(SampleType.INT16);
        assertThat(layout("u8-strip-deflate-p2.tif").sampleType()).isEqualTo(SampleType.UINT8);
        // GDAL wrote no tile right of the source's edge: they read as 0, as GDAL reads them
        assertThat(layout("u16-tile-edge.big-sparse.tif").byteCounts()).contains(0L);
        GeoTiffScene sparse = GeoTiffReader.scene(FORMS.resolve("u16-tile-edge.big-sparse.tif"));
        assertThat(sparse.window(32, 0, 13, 35).bands()[0]).containsOnly(0f);

        GeoTiffScene f32 = GeoTiffReader.scene(FORMS.resolve("f32-tile-lzw-p3.tif"));
        assertThat(f32.noData()).isNaN();
        assertThat(f32.descriptions()).containsExactly("B2", "B3", "B4");
        assertThat(f32.geo().epsg()).isEqualTo(GeoRef.WGS84);
        assertThat(GeoTiffReader.scene(FORMS.resolve("u16-tile-lzw-p2.tif")).noData()).isNull();
        assertThat(GeoTiffReader.imageSize(FORMS.resolve("u16-strip-none.big.tif"))).isEqualTo(new GeoTiffReader.ImageSize(45, 35, 3));
    }

    private static TiffLayout layout(String name) throws Exception {
        try (FileChannel channel = FileChannel.open(FORMS.resolve(name))) {
            return TiffLayout.read(channel, FORMS.resolve(name));
        }
    }

    @Test
    void aTruncatedFileFailsInOneLineNamingIt(@TempDir Path tmp) throws Exception {
        byte[] bytes = Files.readAllBytes(FORMS.resolve("u16-tile-lzw-p2.big.tif"));
        Path cut = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> GeoTiffReader.scene(cut).windowAlone(0, 0, 45, 35)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ": ").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> GeoTiffReader.scene(cut).window(0, 0, 45, 35)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ": cannot decode rows 0 to 35 (truncated: the file ends at byte " + cut.toFile().length()
                        + ", ");
        assertThatThrownBy(() -> GeoTiffReader.read(cut)).isInstanceOf(BadInputException.class)
                .hasMessageMatching(".*cut.tif: truncated: the file ends at byte \\d+, (inside|before) tile \\d+ \\(bytes \\d+ to \\d+\\)");
    }

    /**
     * Every window the scene of {@code file} gives, through row bands and alone, against {@code whole}: the whole image,
     * windows on and across block edges, and random ones; with the same type, grid, descriptions.
     */
    private static void assertSameWindows(GeoRaster whole, Path file) throws Exception {
        GeoTiffScene scene = GeoTiffReader.scene(file);
        int w = whole.width();
        int h = whole.height();
        assertThat(GeoTiffReader.imageSize(file)).isEqualTo(new GeoTiffReader.ImageSize(w, h, whole.bandCount()));
        assertThat(scene.width()).isEqualTo(w);
        assertThat(scene.height()).isEqualTo(h);
        assertThat(scene.bandCount()).isEqualTo(whole.bandCount());
        assertThat(scene.geo()).isEqualTo(whole.geo());
        assertThat(scene.descriptions()).isEqualTo(whole.descriptions());
        List<int[]> windows = new ArrayList<>();
        windows.add(new int[] {0, 0, w, h});
        for (int y = 0; y < h; y += 5) {
            for (int x = 0; x < w; x += 7) {
                windows.add(new int[] {x, y, Math.min(16, w - x), Math.min(11, h - y)});
            }
        }
        Random random = new Random(name(file).hashCode());
        for (int i = 0; i < 40; i++) {
            int x = random.nextInt(w);
            int y = random.nextInt(h);
            windows.add(new int[] {x, y, 1 + random.nextInt(w - x), 1 + random.nextInt(h - y)});
        }
        for (int[] win : windows) {
            for (GeoRaster r : List.of(scene.window(win[0], win[1], win[2], win[3]), scene.windowAlone(win[0], win[1], win[2], win[3]))) {
                assertThat(r.sampleType()).isEqualTo(whole.sampleType());
                assertThat(r.geo()).isEqualTo(whole.geo() == null ? null : whole.geo().window(win[0], win[1]));
                for (int b = 0; b < whole.bandCount(); b++) {
                    float[] expected = new float[win[2] * win[3]];
                    for (int row = 0; row < win[3]; row++) {
                        System.arraycopy(whole.bands()[b], (win[1] + row) * w + win[0], expected, row * win[2], win[2]);
                    }
                    assertThat(Arrays.equals(r.bands()[b], expected)).as("%s band %d window %s", name(file), b, Arrays.toString(win))
                            .isTrue();
                }
            }
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
