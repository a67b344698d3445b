package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GeoTIFF's grid as {@code gdalinfo} gives its origin: ModelPixelScale and ModelTiepoint, or a ModelTransformation
 * without rotation (north-up, or south-up as GDAL writes it), a PixelIsPoint file's tie point moved half a pixel up and
 * left onto the corner of the first pixel; a rotated grid, and one that places the image nowhere (NaN or infinite
 * values, pixels of size 0), is refused from the header.
 */
class GeoTiffGridTest {

    private static final int SHORT = 3;
    private static final int DOUBLE = 12;
    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int MODEL_TRANSFORMATION = 34264;
    private static final int GEO_KEYS = 34735;
    /** GeoKeys: projected EPSG:32643, and the raster type (1025) of {@code rasterType} (1 PixelIsArea, 2 PixelIsPoint). */
    private static final long[] AREA = {1, 1, 0, 2, 1025, 0, 1, 1, 3072, 0, 1, 32643};
    private static final long[] POINT = {1, 1, 0, 2, 1025, 0, 1, 2, 3072, 0, 1, 32643};

    @TempDir
    Path tmp;

    /** {@link TinyTiff}'s 20 x 9 file, tie point (0, 0) at 500000, 4000000 and 10 m pixels, with these GeoKeys. */
    private static TinyTiff tiff(long[] keys) {
        return new TinyTiff(false, 20, 9, 1, 16, false).tag(GEO_KEYS, SHORT, keys);
    }

    /** The same file georeferenced by a ModelTransformation alone. */
    private static TinyTiff transformed(long[] keys, double... matrix) {
        TinyTiff t = tiff(keys);
        t.tags.remove(MODEL_PIXEL_SCALE);
        t.tags.remove(MODEL_TIEPOINT);
        t.tags.put(MODEL_TRANSFORMATION, new Object[] {DOUBLE, matrix});
        return t;
    }

    private static double[] matrix(double sx, double shearX, double x, double shearY, double sy, double y) {
        return new double[] {sx, shearX, 0, x, shearY, sy, 0, y, 0, 0, 0, 0, 0, 0, 0, 1};
    }

    /** The grid of the whole read, the same as the scene's and its windows' (window (3, 2) one pixel on in each). */
    private static GeoRef grid(Path file) throws Exception {
        GeoRef whole = GeoTiffReader.read(file).geo();
        GeoTiffScene scene = GeoTiffReader.scene(file);
        assertThat(scene.geo()).isEqualTo(whole);
        assertThat(scene.windowAlone(3, 2, 4, 4).geo()).isEqualTo(whole.window(3, 2));
        return whole;
    }

    @Test
    void aPixelIsAreaTiePointIsTheCornerOfItsPixel() throws Exception {
        Path file = tmp.resolve("area.tif");
        tiff(AREA).write(file, 4096);
        assertThat(grid(file)).isEqualTo(new GeoRef(500000, 4000000, 10, 10, 32643));
    }

    @Test
    void aPixelIsPointTiePointIsTheCentreOfItsPixelAsGdalReadsIt() throws Exception {
        // gdal_translate -mo AREA_OR_POINT=Point writes tie point 500005, 4599995 for gdalinfo's origin 500000, 4600000
        Path file = tmp.resolve("point.tif");
        tiff(POINT).write(file, 4096);
        assertThat(grid(file)).isEqualTo(new GeoRef(499995, 4000005, 10, 10, 32643));
    }

    @Test
    void aNorthUpModelTransformationIsTheGridOfItsTerms() throws Exception {
        Path area = tmp.resolve("area.tif");
        transformed(AREA, matrix(10, 0, 500000, 0, -10, 4000000)).write(area, 4096);
        assertThat(grid(area)).isEqualTo(new GeoRef(500000, 4000000, 10, 10, 32643));
        Path point = tmp.resolve("point.tif");
        transformed(POINT, matrix(10, 0, 500000, 0, -10, 4000000)).write(point, 4096);
        assertThat(grid(point)).isEqualTo(new GeoRef(499995, 4000005, 10, 10, 32643));
    }

    @Test
    void aSouthUpModelTransformationAsGdalWritesItHasItsFootprintAndIsWrittenBack() throws Exception {
        // gdal_translate of a grid with a positive y step writes this: the first row is the southernmost
        Path file = tmp.resolve("south.tif");
        transformed(AREA, matrix(10, 0, 500000, 0, 10, 3999910)).write(file, 4096);
        GeoRef south = grid(file);
        assertThat(south).isEqualTo(new GeoRef(500000, 3999910, 10, -10, 32643));
        GeoBox box = south.footprint(20, 9);
        GeoBox northUp = new GeoRef(500000, 4000000, 10, 10, 32643).footprint(20, 9);
        assertThat(box).isEqualTo(northUp);
        // a map on its grid (deq land-cover) keeps it, rather than be refused for a negative pixel height
        Path out = tmp.resolve("out.tif");
        Files.write(out, GeoTiffWriter.encodeUInt16(20, 9, new short[1][180], south,
                GeoTiffWriter.Compression.NONE, null));
        assertThat(GeoTiffReader.read(out).geo()).isEqualTo(south);
    }

    @Test
    void aSouthUpLongitudeLatitudeGridHasItsFootprint() {
        GeoRef south = new GeoRef(10, 45, 0.25, -0.25, GeoRef.WGS84);
        assertThat(south.footprint(4, 2)).isEqualTo(new GeoBox(10, 45, 11, 45.5));
        assertThat(south.footprint(1, 1, 2, 1)).isEqualTo(new GeoBox(10.25, 45.25, 10.75, 45.5));
        assertThat(south.sameGrid(south.window(0, 0))).isTrue();
    }

    @Test
    void aRotatedGridIsRefusedInOneLine() throws Exception {
        Path file = tmp.resolve("rotated.tif");
        transformed(AREA, matrix(10, 1, 500000, 1, -10, 4000000)).write(file, 4096);
        String message = file + ": georeferenced on a rotated or sheared grid (ModelTransformation terms 1.0 and 1.0),"
                + " which deq cannot place; warp it north-up (gdalwarp)";
        for (var reading : List.<ThrowingCallable>of(() -> GeoTiffReader.read(file),
                () -> GeoTiffReader.scene(file), () -> GeoTiffReader.imageSize(file))) {
            assertThatThrownBy(reading).isInstanceOf(BadInputException.class).hasMessage(message);
        }
    }

    /** Every reading of the file refused from its header with {@code message}: once for a scene, not once per window. */
    private static void refusedEverywhere(Path file, String message) {
        for (var reading : List.<ThrowingCallable>of(() -> GeoTiffReader.read(file), () -> GeoTiffReader.readWithNoData(file),
                () -> GeoTiffReader.scene(file), () -> GeoTiffReader.imageSize(file))) {
            assertThatThrownBy(reading).isInstanceOf(BadInputException.class).hasMessage(message);
        }
    }

    @Test
    void aGridOfNanOrInfiniteValuesIsRefusedFromTheHeader() throws Exception {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        List<TinyTiff> bad = List.of(
                tiff(AREA).doubles(MODEL_TIEPOINT, nan, 0, 0, nan, 4000000, 0), // a NaN tie point, as /tmp/qa2's tie_nan.tif
                tiff(AREA).doubles(MODEL_PIXEL_SCALE, inf, 1e308, 0), // an infinite pixel
                tiff(AREA).doubles(MODEL_TIEPOINT, 0, 0, 0, 1e308, 4000000, 0).doubles(MODEL_PIXEL_SCALE, 1e307, 10, 0), // a far corner past double
                transformed(AREA, matrix(10, nan, 500000, 0, -10, 4000000)), // not taken for a rotation
                transformed(AREA, matrix(10, 0, inf, 0, -10, 4000000)));
        for (int i = 0; i < bad.size(); i++) {
            Path file = tmp.resolve("bad" + i + ".tif");
            bad.get(i).write(file, 4096);
            refusedEverywhere(file, file + ": georeferencing holds NaN or infinite values");
        }
    }

    @Test
    void pixelsOfSizeZeroAreRefusedFromTheHeader() throws Exception {
        // indexed before with a point footprint that no bbox filter could find
        Path file = tmp.resolve("zero.tif");
        tiff(AREA).doubles(MODEL_PIXEL_SCALE, 0, 0, 0).write(file, 4096);
        refusedEverywhere(file, file + ": georeferencing gives pixels a size of 0.0 x 0.0 (ModelPixelScale or"
                + " ModelTransformation), which places the image on a point or line");
        Path line = tmp.resolve("line.tif");
        transformed(AREA, matrix(10, 0, 500000, 0, 0, 4000000)).write(line, 4096);
        refusedEverywhere(line, line + ": georeferencing gives pixels a size of 10.0 x -0.0 (ModelPixelScale or"
                + " ModelTransformation), which places the image on a point or line");
    }

    @Test
    void utmCoordinatesBeyondAnyLongitudeAreRefusedFromTheHeader() throws Exception {
        Path file = tmp.resolve("far.tif");
        tiff(AREA).doubles(MODEL_TIEPOINT, 0, 0, 0, 1e200, 1e200, 0).write(file, 4096);
        refusedEverywhere(file, file + ": georeferencing places the image outside EPSG:32643 (corners 1.0E200, 1.0E200 and"
                + " 1.0E200, 1.0E200 give no longitude and latitude)");
    }
}
