package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.analysis.BandSharpening.Method;
import org.deq.archive.Archives;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;
import org.deq.raster.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Band sharpening: exact where the model holds, better than cubic upsampling on real Sentinel-2 patches (Wald's protocol). */
class BandSharpeningTest {

    @TempDir
    Path tmp;

    @Test
    void aBandThatIsALinearMixOfTheGuidesIsRecoveredExactly() {
        int w = 40;
        int h = 40;
        SplittableRandom random = new SplittableRandom(3);
        float[][] guides = new float[4][w * h];
        for (float[] g : guides) {
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) random.nextDouble(0.02, 0.5);
            }
        }
        float[] fine = new float[w * h];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = 0.05f + 0.3f * guides[0][i] - 0.2f * guides[1][i] + 0.1f * guides[2][i] + 0.8f * guides[3][i];
        }
        float[] coarse = Resample.average(fine, w, h, 2, 0, 0);
        for (Method m : new Method[] {Method.GLOBAL_REGRESSION, Method.LOCAL_REGRESSION}) {
            assertThat(rmse(BandSharpening.sharpen(m, coarse, w / 2, h / 2, guides, w, h), fine)).as(m.label()).isLessThan(1e-3);
        }
        assertThat(rmse(BandSharpening.sharpen(Method.BICUBIC, coarse, w / 2, h / 2, guides, w, h), fine)).isGreaterThan(0.03);
    }

    @Test
    void noDataAtASwathEdgeLeavesTheSharpenedPixelsBesideItExact() {
        // every 20 m band 0.12 + 0.8 B02 - 0.3 B08, the left 10 columns outside the swath (0 in every band): read as real
        // zeros they were off by up to 0.07 beside the edge; left out, every pixel is as close as on a whole patch (the
        // ridge keeps the regression from being exact: up to 9e-4 there, 5e-4 here)
        int w = 40;
        int h = 40;
        int edge = 10;
        SplittableRandom random = new SplittableRandom(5);
        Map<S2Band, GeoRaster> read = new EnumMap<>(S2Band.class);
        for (S2Band b : BandSharpening.GUIDES) {
            float[] g = new float[w * h];
            for (int i = 0; i < g.length; i++) {
                g[i] = i % w < edge ? 0f : (float) random.nextDouble(0.02, 0.5);
            }
            read.put(b, raster(w, h, g));
        }
        float[] truth = new float[w * h];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % w < edge ? 0f : 0.12f + 0.8f * guide(read, S2Band.B02)[i] - 0.3f * guide(read, S2Band.B08)[i];
        }
        float[] coarse = Resample.average(truth, w, h, 2, 0, 0); // whole 20 m pixels out of the swath: 0 there too
        for (S2Band b : BandSharpening.SHARPENED) {
            read.put(b, raster(w / 2, h / 2, coarse));
        }
        SharpenedPatch sharpened = SharpenedPatch.of(read, Method.LOCAL_REGRESSION);
        for (S2Band b : BandSharpening.SHARPENED) {
            float[] out = sharpened.bands()[SharpenedPatch.BANDS.indexOf(b)];
            for (int i = 0; i < out.length; i++) {
                if (i % w < edge) {
                    assertThat(out[i]).as("%s outside the swath", b).isNaN();
                } else {
                    assertThat(out[i]).as("%s at column %d, row %d", b, i % w, i / w)
                            .isCloseTo(truth[i], org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
        }
    }

    @Test
    void plainInterpolationsBesideASwathEdgeBlendNoZeros() {
        // a flat 20 m band of 0.3 whose left 5 columns are outside the swath: bilinear and bicubic pulled the pixels
        // with data beside the edge towards 0; filled from their neighbours, every such pixel stays 0.3
        int w = 40;
        int h = 40;
        int edge = 10;
        Map<S2Band, GeoRaster> read = new EnumMap<>(S2Band.class);
        float[] fine = new float[w * h];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = i % w < edge ? 0f : 0.3f;
        }
        for (S2Band b : BandSharpening.GUIDES) {
            read.put(b, raster(w, h, fine));
        }
        float[] coarse = Resample.average(fine, w, h, 2, 0, 0);
        for (S2Band b : BandSharpening.SHARPENED) {
            read.put(b, raster(w / 2, h / 2, coarse));
        }
        for (Method m : List.of(Method.BILINEAR, Method.BICUBIC)) {
            float[] out = SharpenedPatch.of(read, m).bands()[SharpenedPatch.BANDS.indexOf(S2Band.B05)];
            for (int i = 0; i < out.length; i++) {
                if (i % w < edge) {
                    assertThat(out[i]).as("%s outside the swath", m).isNaN();
                } else {
                    assertThat(out[i]).as("%s at column %d", m, i % w).isCloseTo(0.3f, org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
        // without the mask nothing is filled: a band's zeros are the caller's to declare
        assertThat(BandSharpening.sharpen(Method.BILINEAR, coarse, w / 2, h / 2, new float[0][], w, h)[edge]).isLessThan(0.3f);
    }

    private static GeoRaster raster(int w, int h, float[] values) {
        return new GeoRaster(w, h, new float[][] {values}, SampleType.UINT16, null);
    }

    private static float[] guide(Map<S2Band, GeoRaster> read, S2Band band) {
        return read.get(band).bands()[0];
    }

    @Test
    void aFlatBandStaysFlatAndBadSizesAreRefused() {
        float[][] guides = {new float[64], new float[64], new float[64], new float[64]};
        float[] flat = new float[16];
        java.util.Arrays.fill(flat, 0.25f);
        for (Method m : Method.values()) {
            float[] out = BandSharpening.sharpen(m, flat, 4, 4, guides, 8, 8);
            for (float v : out) {
                assertThat(v).as(m.label()).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        assertThat(catchThrowable(() -> BandSharpening.sharpen(Method.BICUBIC, flat, 4, 4, guides, 9, 8)))
                .hasMessageContaining("whole factor");
        assertThat(catchThrowable(() -> Method.parse("lanczos"))).hasMessageContaining("local-regression");
        assertThat(Method.parse("local-regression")).isEqualTo(Method.LOCAL_REGRESSION);
    }

    @Test
    void waldProtocolOnRealSentinel2PatchesBeatsCubicUpsampling() throws IOException {
        List<Path> patches = realPatches();
        WaldProtocol wald = new WaldProtocol(List.of(Method.values()), WaldProtocol.Degradation.BOX);
        WaldProtocol mtf = new WaldProtocol(List.of(Method.values()), WaldProtocol.Degradation.MTF);
        for (Path p : patches) {
            wald.add(p);
            mtf.add(p);
        }
        List<WaldProtocol.Score> scores = wald.scores();
        scores.forEach(s -> System.out.printf("%-18s patches=%d rmse=%.5f ergas=%.3f sam=%.3f %s%n", s.method(), s.patches(), s.rmse(),
                s.ergas(), s.samDegrees(), s.bands()));
        WaldProtocol.Score bicubic = scores.get(Method.BICUBIC.ordinal());
        WaldProtocol.Score local = scores.get(Method.LOCAL_REGRESSION.ordinal());
        assertThat(local.patches()).isEqualTo(patches.size()).isGreaterThanOrEqualTo(14);
        assertThat(local.rmse()).isLessThan(0.8 * bicubic.rmse());
        assertThat(local.ergas()).isLessThan(bicubic.ergas());
        // degraded like the sensor rather than as the methods assume, the guided regression still beats cubic by far
        WaldProtocol.Score mtfBicubic = mtf.scores().get(Method.BICUBIC.ordinal());
        WaldProtocol.Score mtfLocal = mtf.scores().get(Method.LOCAL_REGRESSION.ordinal());
        assertThat(mtfLocal.rmse()).isLessThan(0.7 * mtfBicubic.rmse()).isGreaterThan(local.rmse());
    }

    @Test
    void waldProtocolScoresOnlyThePixelsWithData() throws IOException {
        // 5 columns of 10 m pixels without data: 20 m columns 0-1 hold none, column 2 covers 10 m pixels without
        Path original = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        List<S2Band> bands = new ArrayList<>(BandSharpening.GUIDES);
        bands.addAll(BandSharpening.SHARPENED);
        Path cut = PatchCopy.cut(original, tmp, bands, 5);
        WaldProtocol whole = new WaldProtocol(List.of(Method.LOCAL_REGRESSION), WaldProtocol.Degradation.BOX);
        whole.add(original);
        WaldProtocol edge = new WaldProtocol(List.of(Method.LOCAL_REGRESSION), WaldProtocol.Degradation.BOX);
        edge.add(cut);
        WaldProtocol.Score all = whole.scores().get(0);
        WaldProtocol.Score scored = edge.scores().get(0);
        assertThat(all.pixels()).isEqualTo(60 * 60);
        assertThat(scored.pixels()).isEqualTo(57 * 60);
        // the same ground but its edge, where the error was the reflectance itself: close to the whole patch's
        assertThat(scored.rmse()).isBetween(0.8 * all.rmse(), 1.25 * all.rmse());
        assertThat(scored.ergas()).isBetween(0.8 * all.ergas(), 1.25 * all.ergas());
        assertThat(scored.samDegrees()).isBetween(0.8 * all.samDegrees(), 1.25 * all.samDegrees());
        for (int b = 0; b < BandSharpening.SHARPENED.size(); b++) {
            assertThat(scored.bands().get(b).meanReflectance()).as("%s: the mean of the pixels with data", BandSharpening.SHARPENED.get(b))
                    .isCloseTo(all.bands().get(b).meanReflectance(), org.assertj.core.data.Percentage.withPercentage(10));
        }
    }

    @Test
    void aTenMetrePixelOutsideTheSwathUnderATwentyMetrePixelWithDataHasNone() throws IOException {
        // 11 columns of 10 m pixels without data, 5 of 20 m ones: 10 m column 10 lies under 20 m column 5, which has data
        Path original = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        Path cut = PatchCopy.cut(original, tmp, SharpenedPatch.BANDS, 11);
        SharpenedPatch sharpened = SharpenedPatch.of(cut, Method.LOCAL_REGRESSION);
        int w = sharpened.width();
        for (int b = 0; b < SharpenedPatch.BANDS.size(); b++) {
            for (int y = 0; y < sharpened.height(); y++) {
                assertThat(sharpened.bands()[b][y * w + 10]).as("%s, row %d", SharpenedPatch.BANDS.get(b), y).isNaN();
                assertThat(sharpened.bands()[b][y * w + 11]).isNotNaN();
            }
        }
    }

    @Test
    void aSharpenedRealPatchIsAGeoTiffOnThe10mGridThatAveragesBackToThe20mBands() throws IOException {
        Path folder = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        SharpenedPatch patch = SharpenedPatch.of(folder, Method.LOCAL_REGRESSION);
        Path file = tmp.resolve("sharp.tif");
        patch.write(file);
        GeoRaster written = GeoTiffReader.read(file);
        GeoRaster b02 = GeoTiffReader.read(S2BandFiles.find(folder, S2Band.B02));
        assertThat(written.bandCount()).isEqualTo(10);
        assertThat(written.width()).isEqualTo(120);
        assertThat(written.geo()).isEqualTo(b02.geo());
        assertThat(written.bands()[0]).containsExactly(b02.bands()[0]); // 10 m bands pass through unchanged
        GeoRaster b11 = GeoTiffReader.read(S2BandFiles.find(folder, S2Band.B11));
        float[] back = Resample.average(written.bands()[SharpenedPatch.BANDS.indexOf(S2Band.B11)], 120, 120, 2, 0, 0);
        assertThat(rmse(back, b11.bands()[0])).as("averaged back to 20 m, in raw units").isLessThan(40);
        assertThat(catchThrowable(() -> SharpenedPatch.of(tmp, Method.BICUBIC))).hasMessageContaining("missing Sentinel-2 band B02");
    }

    @Test
    void aSharpenedPatchNamedAfterANewerProductReadsBackAsWritten() throws IOException {
        // a baseline 05.09 patch (every DN + 1000, named so): read with its offset removed, as the original reads
        Path original = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48");
        String product = "S2B_MSIL2A_20230604T103629_N0509_R008_T32UNU_20230604T134904";
        Path folder = PatchCopy.of(original, tmp.resolve(product), SharpenedPatch.BANDS, (b, column, dn) -> dn == 0 ? 0 : dn + 1000);
        SharpenedPatch sharpened = SharpenedPatch.of(folder, Method.LOCAL_REGRESSION);
        assertThat(sharpened.bands()[0]).isEqualTo(SharpenedPatch.of(original, Method.LOCAL_REGRESSION).bands()[0]);

        // deq sharpen's output named after the product, read back as deq change-map reads a date: the same reflectance,
        // not the offset taken off a second time
        Path file = tmp.resolve(product + ".tif");
        sharpened.write(file);
        SharpenedPatch back = SharpenedPatch.of(Archives.readWithNoData(file));
        for (int b = 0; b < SharpenedPatch.BANDS.size(); b++) {
            float[] was = sharpened.bands()[b];
            double largest = 0;
            for (int i = 0; i < was.length; i++) {
                largest = Math.max(largest, Math.abs(back.bands()[b][i] - was[i]));
            }
            assertThat(largest).as("%s: largest difference", SharpenedPatch.BANDS.get(b)).isLessThan(0.5 / S2Band.SCALE + 1e-6);
        }
        assertThat(GeoTiffReader.scene(file).noData()).as("0 declared as no data, as GDAL shows it").isEqualTo(0f);
    }

    @Test
    void theHalfPixelShiftOfEarthEngineExportsIsFollowedAndAFarShiftRefused() throws IOException {
        Path ssl = TestData.require("ssl4eo-s12-sample/s2a/0000200/20200813T054639_20200813T054952_T43RCP");
        var bands = S2BandFiles.read(ssl, S2Band.B02, S2Band.B05);
        assertThat(bands.get(S2Band.B02).geo().offsetOf(bands.get(S2Band.B05).geo()))
                .containsExactly(new double[] {-0.5, -0.5}, org.assertj.core.data.Offset.offset(1e-6));

        Path folder = tmp.resolve("shifted");
        Files.createDirectories(folder);
        var utm = new org.deq.raster.UtmZone(33, true);
        org.deq.raster.GeoTiffWriter.writeUInt16(folder.resolve("B02.tif"), 8, 8, new short[1][64], utm, 400000, 5000000, 10,
                org.deq.raster.GeoTiffWriter.Compression.NONE);
        org.deq.raster.GeoTiffWriter.writeUInt16(folder.resolve("B05.tif"), 4, 4, new short[1][16], utm, 400030, 5000000, 20,
                org.deq.raster.GeoTiffWriter.Compression.NONE);
        assertThat(catchThrowable(() -> S2BandFiles.read(folder, S2Band.B02, S2Band.B05)))
                .hasMessageContaining("B05.tif").hasMessageContaining("do not cover the same ground");
        assertThat(catchThrowable(() -> S2BandFiles.read(tmp.resolve("nowhere"), S2Band.B02))).hasMessageContaining("no such folder");
        assertThat(catchThrowable(() -> S2BandFiles.read(folder, S2Band.B03))).hasMessageContaining("none of shifted_B03.tif");
    }

    /** Every real Sentinel-2 patch folder of the shared data that has the ten 10 m and 20 m bands. */
    static List<Path> realPatches() throws IOException {
        Path root = TestData.require("bigearthnet-sample");
        List<Path> out = new ArrayList<>();
        for (Path base : new Path[] {root, TestData.require("ssl4eo-s12-sample")}) {
            try (Stream<Path> s = Files.walk(base)) {
                s.filter(Files::isDirectory).filter(d -> S2BandFiles.hasAll(d, SharpenedPatch.BANDS.toArray(S2Band[]::new)))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static double rmse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
