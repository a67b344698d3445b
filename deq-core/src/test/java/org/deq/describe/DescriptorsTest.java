package org.deq.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorsTest {

    private static final Patch RGB = SyntheticPatches.rgb(64, 1);
    private static final Patch S2 = SyntheticPatches.sentinel2(SyntheticPatches.FOREST, 2);

    @ParameterizedTest
    @ValueSource(strings = {"spectral-hist:bins=16", "local-hist:grid=4,bins=8", "stats", "hsv-hist", "lbp:radii=1,2,3",
            "lbp:radii=1,2,grid=2", "lbp:radii=1,channels=rgb", "lbp:radii=2,channels=opponent",
            "spectral-hist+lbp:weight=0.5", "hsv-hist:power=0.5,norm=l2+stats:norm=none"})
    void everyDescriptorWorksOnRgbAndSentinel2WithItsDimensionAndIsDeterministic(String spec) {
        Descriptor d = DescriptorSpecs.parse(spec);
        for (Patch p : List.of(RGB, S2)) {
            float[] v = d.describe(p);
            assertThat(v).hasSize(d.dimension());
            for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
            }
            assertThat(d.describe(p)).containsExactly(v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spectral-hist:bins=16", "local-hist:grid=4,bins=8", "hsv-hist:h=16,s=8,v=8", "lbp",
            "lbp:radii=1,grid=3", "lbp:radii=1,2,channels=opponent", "spectral-hist:bins=8,bands=s2"})
    void histogramsSumToOne(String spec) {
        Patch p = spec.contains("s2") ? S2 : RGB;
        assertThat(sum(DescriptorSpecs.parse(spec).describe(p))).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void spectralHistogramOfS2BandsHasTwelveHistograms() {
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=16,bands=s2");
        assertThat(d.dimension()).isEqualTo(12 * 16);
        assertThatThrownBy(() -> d.describe(RGB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("has no band B01 (bands: R,G,B): the descriptor reads Sentinel-2 bands; use Sentinel-2 data"
                        + " (a patch folder, or a 12- or 13-band GeoTIFF: gdal_merge.py -separate stacks a folder's band files"
                        + " into one, in the order B01-B08, B8A, B09, B11, B12; for a Level-1C folder then gdal_edit.py -mo"
                        + " PROCESSING_LEVEL=Level-1C FILE)");
        List<String> ten = List.of("B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12");
        Patch sharpened = new Patch(PatchMeta.of("sharp", ""), 2, 2, ten, new float[10][4]); // deq sharpen's ten bands
        assertThatThrownBy(() -> DescriptorSpecs.parse(DescriptorSpecs.DEFAULT_S2).describe(sharpened))
                .hasMessageContaining("has no band B01").hasMessageContaining("the patch holds Sentinel-2 bands, not all the"
                        + " descriptor reads (give one holding them all)")
                .hasMessageEndingWith("--descriptor spectral-hist:bands=" + String.join("/", ten));
        Patch data = new Patch(PatchMeta.of("threef", ""), 2, 2, List.of("band1", "band2", "band3"),
                new float[3][4]); // a 3-band floating-point GeoTIFF: data bands, not a picture's colours
        assertThatThrownBy(() -> DescriptorSpecs.parse(DescriptorSpecs.BEST_UNFITTED).describe(data))
                .hasMessageContaining("has no band R (bands: band1,band2,band3): the descriptor reads a picture's colours")
                // a 16-bit RGB TIFF is data, as the README has it: the hint offers no such picture
                .hasMessageContaining("a TIFF of 8-bit RGB or grey").hasMessageNotContaining("16-bit");
        assertThatThrownBy(() -> DescriptorSpecs.parse("stats:bands=s1").describe(RGB))
                .hasMessageContaining("has no band VV (bands: R,G,B): the descriptor reads Sentinel-1 backscatter");
        // a name no reader gives is the spec's error, not every patch's
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=B02/B99")).hasMessageContaining(
                "bands=B02/B99: unknown band B99 (bands are named B01 to B12 and B8A, R, G, B, VV, VH, or band1, band2, ...");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=b02")).hasMessageContaining("unknown band b02");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=B02/B02")).hasMessageContaining("band B02 is given twice");
        assertThat(DescriptorSpecs.parse("spectral-hist:bins=4,bands=B02/B8A/B10/band7/VV").dimension()).isEqualTo(20);
    }

    @Test
    void spanWithALowEndSpreadsANegativeIndexBandOverTheBins() {
        // NDWI-like bands in -1..1: over the default 0..1 every negative value fell into the first bin, so dry land at
        // -0.8 and moist soil at -0.2 looked alike
        Patch dry = generic("dry", -0.8f);
        Patch moist = generic("moist", -0.2f);
        Patch water = generic("water", 0.5f);
        Descriptor plain = DescriptorSpecs.parse("spectral-hist:bins=8,bands=band1");
        assertThat(plain.describe(dry)).containsExactly(plain.describe(moist));
        for (String spec : List.of("spectral-hist:bins=8,bands=band1,span=-1..1", "local-hist:grid=1,bins=8,bands=band1,span=-1..1")) {
            Descriptor d = DescriptorSpecs.parse(spec);
            // (v + 1) / 2 of 8 bins: -0.8 in bin 0, -0.2 in bin 3, 0.5 in bin 6
            assertThat(d.describe(dry)[0]).as(spec).isEqualTo(1f);
            assertThat(d.describe(moist)[3]).as(spec).isEqualTo(1f);
            assertThat(d.describe(water)[6]).as(spec).isEqualTo(1f);
        }
    }

    @Test
    void aSpanRangeIsKeptInTheSpecAnIndexStoresAndRestoresTheSameDescriptor() throws Exception {
        Descriptor d = DescriptorSpecs.parse("spectral-hist:bins=8,bands=band1,span=-1..1");
        assertThat(d.spec()).isEqualTo("spectral-hist:bins=8,bands=band1,span=-1.0..1.0");
        var state = new java.io.ByteArrayOutputStream();
        d.writeState(new java.io.DataOutputStream(state));
        Descriptor restored = DescriptorSpecs.restore(d.spec(), state.toByteArray());
        assertThat(restored.spec()).isEqualTo(d.spec());
        assertThat(restored.describe(generic("moist", -0.2f))).containsExactly(d.describe(generic("moist", -0.2f)));
        // the one-number form keeps its spec, as indexes built before ranges stored it
        assertThat(DescriptorSpecs.parse("local-hist:bands=band1,span=0.15").spec()).endsWith(",span=0.15");
        assertThat(DescriptorSpecs.parse("local-hist:bands=band1,span=0..1").spec()).isEqualTo("local-hist:grid=4,bins=8,bands=band1");
    }

    @Test
    void aBadSpanIsRefusedInOneLineNamingIt() {
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=band1,span=1..-1")).hasMessage(
                "spectral-hist: span=1..-1 must have its high end above its low end by at least 1.0E-6");
        assertThatThrownBy(() -> DescriptorSpecs.parse("local-hist:bands=band1,span=0")).hasMessage(
                "local-hist: span=0 must have its high end above its low end, 0, by at least 1.0E-6");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=band1,span=-1..x")).hasMessage(
                "spectral-hist: span=-1..x is not a number (a number HI for 0..HI, or a range LO..HI)");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=band1,span=-1...1")).hasMessage(
                "spectral-hist: span=-1...1 is not a range (a number HI for 0..HI, or a range LO..HI)");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=band1,span=-1e7..1")).hasMessage(
                "spectral-hist: span=-1e7..1 must lie within [-1000000.0, 1000000.0]");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bands=s2,span=-1..1"))
                .hasMessageContaining("span applies to the band1, band2, ... of generic GeoTIFFs");
        assertThat(DescriptorSpecs.help()).contains("LO..HI such as -1..1");
    }

    /** A 4 x 4 patch of one generic GeoTIFF band holding {@code value} everywhere. */
    private static Patch generic(String id, float value) {
        float[] band = new float[16];
        Arrays.fill(band, value);
        return new Patch(PatchMeta.of(id, "test"), 4, 4, List.of("band1"), new float[][] {band});
    }

    @Test
    void compositePartsAreNormalisedAndWeighted() {
        Descriptor d = DescriptorSpecs.parse("hsv-hist:norm=l2,weight=2+lbp:weight=0.5");
        float[] v = d.describe(RGB);
        int hsvDim = 8 * 4 * 4;
        double l2 = 0;
        for (int i = 0; i < hsvDim; i++) {
            l2 += v[i] * v[i];
        }
        assertThat(Math.sqrt(l2)).isCloseTo(2.0, within(1e-4));
        double l1 = 0;
        for (int i = hsvDim; i < v.length; i++) {
            l1 += v[i];
        }
        assertThat(l1).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void powerTakesTheSquareRootBeforeNormalising() {
        float[] plain = DescriptorSpecs.parse("hsv-hist").describe(RGB);
        float[] rooted = DescriptorSpecs.parse("hsv-hist:power=0.5,norm=none").describe(RGB);
        for (int i = 0; i < plain.length; i++) {
            assertThat(rooted[i]).isCloseTo((float) Math.sqrt(plain[i]), within(1e-6f));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spectral-hist", "local-hist:grid=2,bins=4,bands=B02/B03/B04/B08", "stats:bands=s2",
            "lbp:radii=1,2,3,grid=2", "sift-bovw:k=256,pyramid=1",
            "hsv-hist:h=16,s=8,v=8,power=0.5,norm=l2,weight=0.7+lbp:radii=1,2,3,grid=1"
                    + "+sift-bovw:k=512,step=6,pyramid=0,scales=4,8"})
    void specRoundTripsThroughItsCanonicalForm(String spec) {
        Descriptor d = DescriptorSpecs.parse(spec);
        Descriptor again = DescriptorSpecs.parse(d.spec());
        assertThat(again.spec()).isEqualTo(d.spec());
        assertThat(again.dimension()).isEqualTo(d.dimension());
    }

    @Test
    void badSpecsFailWithOneLineNamingTheProblem() {
        assertThatThrownBy(() -> DescriptorSpecs.parse("colour-hist")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown descriptor 'colour-hist'")
                .hasMessageContaining("spectral-hist, local-hist")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> DescriptorSpecs.parse("lbp:radius=1")).hasMessageContaining("unknown parameter radius")
                .hasMessageContaining("radii");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bins=x"))
                .hasMessageContaining("bins=x is not a whole number");
        assertThatThrownBy(() -> DescriptorSpecs.parse("spectral-hist:bins=1"))
                .hasMessageContaining("bins=1 must be in");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:norm=l3")).hasMessageContaining("norm=l3");
        assertThatThrownBy(() -> DescriptorSpecs.parse(" ")).hasMessageContaining("empty descriptor spec");
        assertThatThrownBy(() -> DescriptorSpecs.parse("lbp:1")).hasMessageContaining("expected key=value");
    }

    @Test
    void emptyPartsAroundPlusAreRejectedNamingTheSpec() {
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("descriptor spec 'hsv-hist+': empty part after '+'");
        assertThatThrownBy(() -> DescriptorSpecs.parse("+hsv-hist"))
                .hasMessage("descriptor spec '+hsv-hist': empty part before '+'");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist+ +lbp"))
                .hasMessage("descriptor spec 'hsv-hist+ +lbp': empty part after '+'");
    }

    @Test
    void zeroOrNegativeWeightIsRejectedNamingWeight() {
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist+lbp:weight=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lbp: weight=0 must be in (0, 1000000]");
        assertThatThrownBy(() -> DescriptorSpecs.parse("lbp:weight=-1")).hasMessage("lbp: weight=-1 must be in (0, 1000000]");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:h=2147483648")).hasMessageContaining("h=2147483648 must be in [");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:weight=-1")).hasMessageContaining("weight=-1");
    }

    @Test
    void unknownParameterListsTheModifiersEveryPartTakes() {
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:x=1"))
                .hasMessage("hsv-hist: unknown parameter x (valid: h, norm, power, s, v, weight)");
        assertThatThrownBy(() -> DescriptorSpecs.parse("stats:x=1"))
                .hasMessageContaining("(valid: bands, norm, power, weight)");
    }

    @Test
    void onlyABareLocalHistogramDescribesRegionsAndNothingIsRestoredToTellIt() {
        assertThat(DescriptorSpecs.describesRegions("local-hist:grid=4,bins=8")).isTrue();
        assertThat(DescriptorSpecs.describesRegions("local-hist:grid=4,bins=8,power=0.5")).as("a composite").isFalse();
        assertThat(DescriptorSpecs.describesRegions("local-hist+lbp")).isFalse();
        assertThat(DescriptorSpecs.describesRegions("hsv-hist")).isFalse();
        assertThat(DescriptorSpecs.describesRegions("my-embedding")).as("described outside deq").isFalse();
        assertThat(DescriptorSpecs.describesRegions("cnn:model=/nowhere.onnx")).as("another module's kind").isFalse();
        assertThat(DescriptorSpecs.describesRegions("local-hist:grid=0")).as("a spec this version cannot build").isFalse();
    }

    @Test
    void docsListEveryDescriptor() throws IOException {
        String doc = Files.readString(Path.of("../docs/descriptors.md"));
        for (String name : DescriptorSpecs.names()) {
            assertThat(doc).as("docs/descriptors.md's table").contains("| `" + name + "` |");
        }
    }

    @Test
    void helpListsEveryDescriptor() {
        String help = DescriptorSpecs.help();
        for (String name : DescriptorSpecs.names()) {
            assertThat(help).contains(name);
        }
        assertThat(DescriptorSpecs.names())
                .contains("spectral-hist", "local-hist", "stats", "hsv-hist", "lbp", "sift-bovw");
    }

    @Test
    void ndviOfVegetationExceedsWaterAndNdwiTheReverse() {
        SpectralStats stats = (SpectralStats) DescriptorSpecs.parse("stats:bands=s2");
        assertThat(stats.indexNames()).containsExactly("NDVI", "NDWI", "NDBI");
        int ndvi = 2 * 12;
        int ndwi = ndvi + 7;
        int ndbi = ndwi + 7;
        float[] forest = stats.describe(S2);
        float[] water = stats.describe(SyntheticPatches.sentinel2(SyntheticPatches.WATER, 3));
        float[] urban = stats.describe(SyntheticPatches.sentinel2(SyntheticPatches.URBAN, 4));
        assertThat(forest[ndvi]).isGreaterThan(0.6f).isGreaterThan(water[ndvi]);
        assertThat(water[ndwi]).isGreaterThan(forest[ndwi]);
        assertThat(urban[ndbi]).isGreaterThan(forest[ndbi]);
        // Median NDVI of the forest: (0.35 - 0.03) / (0.35 + 0.03) ≈ 0.84.
        assertThat(forest[ndvi + 4]).isCloseTo(0.84f, within(0.03f));
    }

    @Test
    void aPatchTooSmallForTheTextureIsRefusedRatherThanAnEmptyHistogram() {
        // an all-zero LBP part tied every 1x1 query with every image at the largest distance
        Patch tiny = SyntheticPatches.rgb(8, 3);
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist+lbp:radii=1,3").describe(tiny))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("is 8x8 pixels; lbp at radius 3 needs at least 9x9");
        assertThat(DescriptorSpecs.parse("lbp:radii=3").describe(SyntheticPatches.rgb(9, 3))).hasSize(26);
    }

    @Test
    void rgbStatsFallBackToGreenRedIndex() {
        SpectralStats stats = (SpectralStats) DescriptorSpecs.parse("stats");
        assertThat(stats.indexNames()).containsExactly("GRVI");
        assertThat(stats.dimension()).isEqualTo(6 + 7);
    }

    @Test
    void localHistogramRegionsAreCellHistogramsOfTheWholeVector() {
        LocalHistogram d = (LocalHistogram) DescriptorSpecs.parse("local-hist:grid=4,bins=8");
        float[][] regions = d.describeRegions(RGB);
        assertThat(regions).hasNumberOfRows(16);
        float[] whole = d.describe(RGB);
        for (int r = 0; r < 16; r++) {
            assertThat(regions[r]).hasSize(d.regionDimension());
            assertThat(sum(regions[r])).isCloseTo(1.0, within(1e-5));
            for (int i = 0; i < d.regionDimension(); i++) {
                assertThat(whole[r * d.regionDimension() + i]).isCloseTo(regions[r][i] / 16f, within(1e-7f));
            }
        }
    }

    @Test
    void lbpOfAFlatImageIsAllTheUniformAllOnesCode() {
        float[] flat = new float[32 * 32];
        Arrays.fill(flat, 0.4f);
        Patch p = new Patch(PatchMeta.of("flat", "t"), 32, 32, List.of("R", "G", "B"),
                new float[][] {flat, flat, flat});
        float[] v = DescriptorSpecs.parse("lbp:radii=1,2").describe(p);
        // Radius 1: codes 0..9, every pixel code 8; radius 2: codes 0..17 from index 10, every pixel code 16.
        assertThat(v[8]).isCloseTo(0.5f, within(1e-6f));
        assertThat(v[10 + 16]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void lbpIsInvariantToA90DegreeRotation() {
        Patch p = SyntheticPatches.rgb(48, 9);
        float[][] rotated = new float[3][48 * 48];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    rotated[c][x * 48 + (47 - y)] = p.bands()[c][y * 48 + x];
                }
            }
        }
        Patch q = new Patch(PatchMeta.of("rot", "t"), 48, 48, List.of("R", "G", "B"), rotated);
        Descriptor d = DescriptorSpecs.parse("lbp:radii=1,2");
        float[] a = d.describe(p);
        float[] b = d.describe(q);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(2e-3f));
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
