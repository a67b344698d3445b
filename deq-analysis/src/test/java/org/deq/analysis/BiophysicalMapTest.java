package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deq.TestData;
import org.deq.archive.GranuleMetadata;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Biophysical maps of real Sentinel-2 L2A patches behave as vegetation does. */
class BiophysicalMapTest {

    @TempDir
    Path tmp;

    /** Every real L2A patch folder: BigEarthNet v1 and v2, SSL4EO-S12's L2A dates. */
    static List<Path> l2aPatches() throws IOException {
        Path ben = TestData.require("bigearthnet-sample");
        Path ssl4eo = TestData.require("ssl4eo-s12-sample/s2a");
        try (Stream<Path> a = Files.walk(ben); Stream<Path> b = Files.walk(ssl4eo)) {
            return Stream.concat(a, b).filter(Files::isDirectory)
                    .filter(d -> S2BandFiles.hasAll(d, BiophysicalMap.BANDS.toArray(S2Band[]::new))).sorted().toList();
        }
    }

    private static Path patch(String name) throws IOException {
        return l2aPatches().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void coverFollowsTheVegetationIndexAndTheSeasonsOverTheRealPatches() throws IOException {
        BiophysicalSurvey survey = new BiophysicalSurvey(20, null, null);
        List<Path> patches = l2aPatches();
        assertThat(patches).hasSizeGreaterThanOrEqualTo(19);
        for (Path p : patches) {
            survey.add(p);
        }
        BiophysicalSurvey.Summary s = survey.summary();
        // the networks never see NDVI, yet green cover should track it (measured 0.77 and 0.76)
        assertThat(s.ndviFcover()).isGreaterThan(0.7);
        assertThat(s.ndviLai()).isGreaterThan(0.7);
        assertThat(s.pixels()).isGreaterThan(80_000);
        double junePasture = lai(s, "S2A_MSIL2A_20170617T113321_4_55");
        double februaryFields = lai(s, "S2B_MSIL2A_20180204T94161_57_38");
        assertThat(junePasture).isGreaterThan(2.5);
        assertThat(februaryFields).isLessThan(1);
    }

    private static double lai(BiophysicalSurvey.Summary s, String patch) {
        return s.patches().stream().filter(p -> p.patch().equals(patch)).findFirst().orElseThrow()
                .means().get(BiophysicalVariable.LAI);
    }

    @Test
    void aTwentyMetrePixelHalfOutsideTheSwathHasNoData() throws IOException {
        // the left 5 columns of 10 m pixels and 2 of 20 m ones without data (0 in every band): 20 m column 2 holds data,
        // yet half its 10 m pixels have none, whose zeros made its B03 and B04 half as bright
        Path original = patch("S2A_MSIL2A_20170613T101031_87_48");
        Path folder = PatchCopy.cut(original, tmp, BiophysicalMap.BANDS, 5);
        BiophysicalMap.Reflectances whole = BiophysicalMap.read(original, 20);
        BiophysicalMap.Reflectances cut = BiophysicalMap.read(folder, 20);
        int w = cut.width();
        for (int b = 0; b < BiophysicalMap.BANDS.size(); b++) {
            for (int y = 0; y < cut.height(); y++) {
                assertThat(cut.bands()[b][y * w + 2]).as("%s, row %d", BiophysicalMap.BANDS.get(b), y).isNaN();
                assertThat(cut.bands()[b][y * w + 3]).isEqualTo(whole.bands()[b][y * w + 3]);
            }
        }
        BiophysicalMap map = BiophysicalMap.estimate(cut, AcquisitionGeometry.of(folder, null, null));
        assertThat(map.of(BiophysicalVariable.LAI)[2]).isNaN();
        // the three columns without data are counted as such, not as reflectances outside the networks' range
        BiophysicalMap wholeMap = BiophysicalMap.estimate(whole, AcquisitionGeometry.of(original, null, null));
        assertThat(map.noData()).isEqualTo(3 * cut.height());
        assertThat(wholeMap.noData()).isZero();
        assertThat(map.outOfDomain()).isLessThanOrEqualTo(wholeMap.outOfDomain());
        assertThat(map.notes()).noneMatch(n -> n.contains("no pixel with data"))
                .contains("the folder has no B02, so cloud-like pixels were not looked for"); // a copy of the inputs alone
        // a patch wholly without data says so
        Path empty = PatchCopy.cut(original, tmp.resolve("empty"), BiophysicalMap.BANDS, 1000);
        BiophysicalMap none = BiophysicalMap.estimate(BiophysicalMap.read(empty, 20), AcquisitionGeometry.of(empty, null, null));
        assertThat(none.noData()).isEqualTo(none.width() * none.height());
        assertThat(none.notes()).anyMatch(n -> n.startsWith("the patch holds no pixel with data"));
        assertThat(none.summary("e", none.notes())).extractingByKey("variables").asString().contains("mean=null");
    }

    @Test
    void aPatchWithCloudLikePixelsSaysSoAndOneWithoutDoesNot() throws IOException {
        Path p = patch("S2A_MSIL2A_20170617T113321_4_55");
        AcquisitionGeometry g = AcquisitionGeometry.of(p, null, null);
        BiophysicalMap.Reflectances clear = BiophysicalMap.read(p, 20);
        assertThat(BiophysicalMap.estimate(clear, g).notes()).noneMatch(n -> n.contains("cloud"));
        // the first 5 % of the pixels made a bright cloud: white in the visible bands, bright in B11 (snow is dark there)
        BiophysicalMap.Reflectances cloudy = BiophysicalMap.read(p, 20);
        float[][] b = cloudy.bands();
        int cloud = cloudy.width() * cloudy.height() / 20;
        for (int i = 0; i < cloud; i++) {
            cloudy.blue()[i] = 0.45f;
            b[BiophysicalMap.BANDS.indexOf(S2Band.B03)][i] = 0.45f;
            b[BiophysicalMap.BANDS.indexOf(S2Band.B04)][i] = 0.45f;
            b[BiophysicalMap.BANDS.indexOf(S2Band.B11)][i] = 0.35f;
        }
        BiophysicalMap map = BiophysicalMap.estimate(cloudy, g);
        assertThat(map.cloudLike()).isCloseTo(0.05, offset(0.002));
        assertThat(map.looksCloudy()).isTrue();
        assertThat(BiophysicalMap.cloudyNote(1, 3)).startsWith("1 of the 3 patches has 1 % or more of its pixels looking");
        assertThat(BiophysicalMap.cloudyNote(2, 3)).startsWith("2 of the 3 patches have 1 % or more of their pixels looking");
        // bright cloud lies outside the networks' range: no value, which the note says
        assertThat(map.outOfDomain()).isGreaterThanOrEqualTo(cloud);
        assertThat(BiophysicalMap.cloudyNote(0, 3)).isNull();
        assertThat(map.notes()).anyMatch(n -> n.equals("5.0 % of the pixels look like cloud (bright in B02, B03"
                + " and B04, not snow): there is no cloud mask: bright cloud mostly lies outside the networks' range and has"
                + " no value, but thin cloud and cloud shadows, which this test misses, get estimates as if they were ground"));
    }

    @Test
    void openWaterHasNoLeaves() throws IOException {
        int water = 0;
        int estimated = 0;
        float maxLai = 0;
        float maxCover = 0;
        for (Path p : l2aPatches()) {
            BiophysicalMap.Reflectances in = BiophysicalMap.read(p, 20);
            BiophysicalMap map = BiophysicalMap.estimate(in, AcquisitionGeometry.of(p, null, null));
            float[] nir = in.bands()[BiophysicalMap.BANDS.indexOf(S2Band.B8A)];
            float[] ndvi = in.ndvi();
            float[] lai = map.of(BiophysicalVariable.LAI);
            float[] fcover = map.of(BiophysicalVariable.FCOVER);
            for (int i = 0; i < ndvi.length; i++) {
                if (nir[i] < 0.05 && ndvi[i] < 0.2) { // open water: dark in the near infrared, not green
                    water++;
                    if (!Float.isNaN(lai[i])) {
                        estimated++;
                        maxLai = Math.max(maxLai, lai[i]);
                        maxCover = Math.max(maxCover, fcover[i]);
                    }
                }
            }
        }
        // 1279 dark, non-green pixels over the patches; the networks leave 94 % of them outside their training range
        // (as SNAP does) and give the rest at most LAI 0.683 and FCOVER 0.137
        assertThat(water).isGreaterThan(1000);
        assertThat(estimated).isLessThan(water / 5);
        assertThat(maxLai).isLessThan(1);
        assertThat(maxCover).isLessThan(0.2f);
    }

    @Test
    void theTenMetreMapAgreesWithTheTwentyMetreOneAndTheGeoTiffHoldsIt() throws IOException {
        Path p = patch("S2A_MSIL2A_20170617T113321_36_85");
        AcquisitionGeometry g = AcquisitionGeometry.of(p, null, null);
        BiophysicalMap coarse = BiophysicalMap.estimate(BiophysicalMap.read(p, 20), g);
        BiophysicalMap fine = BiophysicalMap.estimate(BiophysicalMap.read(p, 10), g);
        assertThat(coarse.width()).isEqualTo(60);
        assertThat(fine.width()).isEqualTo(120);
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            double scale = v.max - v.min;
            assertThat(fine.mean(v)).as(v.name()).isCloseTo(coarse.mean(v), offset(0.03 * scale));
        }
        Path tif = tmp.resolve("bio.tif");
        fine.write(tif);
        GeoRaster back = GeoTiffReader.readWithNoData(tif).raster();
        assertThat(back.bandCount()).isEqualTo(BiophysicalVariable.values().length);
        assertThat(back.geo()).isEqualTo(fine.geo());
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            assertThat(back.bands()[v.ordinal()]).containsExactly(fine.of(v));
        }
    }

    @Test
    void theAnglesComeFromTheGranuleMetadataElseFromTheSensingTimeAndPlace() throws IOException {
        Path source = patch("20200604T054639_20200604T054831_T43RCP");
        AcquisitionGeometry granule = AcquisitionGeometry.of(source, null, null);
        // SSL4EO-S12's metadata.json: MEAN_SOLAR_ZENITH_ANGLE 16.21, the view of band B8A 8.14 degrees off nadir
        assertThat(granule.sunZenith()).isCloseTo(16.212, offset(1e-3));
        assertThat(granule.sunAzimuth()).isCloseTo(114.738, offset(1e-3));
        assertThat(granule.viewZenith()).isCloseTo(8.139, offset(1e-3));
        assertThat(granule.viewAzimuth()).isCloseTo(283.315, offset(1e-3));
        assertThat(granule.source()).contains("metadata.json");
        assertThat(granule.outsideTraining(BiophysicalModel.of("S2B"))).contains("sun zenith 16.2 is outside");
        assertThat(granule.cosines()).containsExactly(Math.cos(Math.toRadians(granule.viewZenith())),
                Math.cos(Math.toRadians(16.2120467978756)), Math.cos(Math.toRadians(114.737658555307 - 283.314657926166)));

        Path copy = tmp.resolve(source.getFileName().toString());
        TestData.copyTree(source, copy);
        Files.delete(copy.resolve(GranuleMetadata.FILE));
        AcquisitionGeometry computed = AcquisitionGeometry.of(copy, null, null);
        // from the datatake start in the name, 14 minutes before the granule's time: about 3 degrees higher
        assertThat(computed.sunZenith()).isBetween(18.0, 20.0);
        assertThat(computed.viewZenith()).isZero();
        assertThat(computed.cosines()[2]).isCloseTo(0, offset(1e-9)); // the view at right angles to the sun
        assertThat(computed.source()).contains("2020-06-04T05:46:39Z");
        AcquisitionGeometry given = AcquisitionGeometry.of(30, 150, 5.0, 60.0, "given");
        assertThat(given.cosines()).containsExactly(new double[] {Math.cos(Math.toRadians(5)), Math.cos(Math.toRadians(30)), 0.0},
                offset(1e-12));
        assertThat(given.outsideTraining(BiophysicalModel.of("S2B"))).isNull();

        Files.writeString(copy.resolve(GranuleMetadata.FILE), "{\"MEAN_SOLAR_ZENITH_ANGLE\": ");
        assertThat(catchThrowable(() -> AcquisitionGeometry.of(copy, null, null))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(copy.resolve(GranuleMetadata.FILE) + ": malformed JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFolderWithMalformedLabelsLeavesNoPixelInTheSurvey() throws IOException {
        // the granule's angles place the sun, so only the labels read last fail
        Path good = patch("20200604T054639_20200604T054831_T43RCP");
        Path bad = TestData.copyTree(good, tmp.resolve(good.getFileName().toString()));
        Path labels = bad.resolve(bad.getFileName() + "_labels_metadata.json");
        Files.writeString(labels, "{\"labels\": ");
        BiophysicalSurvey survey = new BiophysicalSurvey(20, null, null);
        assertThat(catchThrowable(() -> survey.add(bad))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(labels + ": malformed JSON");
        assertThat(survey.summary().pixels()).isZero();
        assertThat(survey.summary().patches()).isEmpty();
        survey.add(good);
        BiophysicalSurvey alone = new BiophysicalSurvey(20, null, null);
        alone.add(good);
        assertThat(survey.summary()).isEqualTo(alone.summary());
    }

    @Test
    void aFolderWithoutTimeOrBandsNamesWhatIsMissing() throws IOException {
        Path renamed = tmp.resolve("my-patch");
        TestData.copyTree(patch("20200604T054639_20200604T054831_T43RCP"), renamed);
        Files.delete(renamed.resolve(GranuleMetadata.FILE));
        Throwable noTime = catchThrowable(() -> AcquisitionGeometry.of(renamed, null, null));
        assertThat(noTime).isInstanceOf(BadInputException.class).hasMessageContaining("my-patch")
                .hasMessageContaining("no product time");
        Files.delete(renamed.resolve("B8A.tif"));
        assertThat(catchThrowable(() -> BiophysicalMap.read(renamed, 20))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing Sentinel-2 band B8A");
        assertThat(catchThrowable(() -> AcquisitionGeometry.of(95, 180, null, null, "given"))).hasMessage(
                "sun zenith must be 0..90 degrees, not 95.0");
        Path night = tmp.resolve("S2A_MSIL2A_20200604T221000_night");
        TestData.copyTree(patch("20200604T054639_20200604T054831_T43RCP"), night);
        Files.delete(night.resolve(GranuleMetadata.FILE));
        assertThat(catchThrowable(() -> AcquisitionGeometry.of(night, null, null))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the sun is below the horizon at 2020-06-04T22:10:00Z");
    }
}
