package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The biophysical networks reproduce SNAP's own test cases; the sun is where the almanac puts it. */
class BiophysicalModelTest {

    /** SNAP's test cases of a platform's networks: 11 inputs, then its LAI, FAPAR, FCOVER and LAI_Cab (= CCC) outputs. */
    private static List<double[]> snapCases(String platform) throws IOException {
        List<double[]> rows = new ArrayList<>();
        String file = "snap-biophysical-test-cases-" + platform.toLowerCase(Locale.ROOT) + ".csv";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BiophysicalModelTest.class.getResourceAsStream(file), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] parts = line.split(",");
                    double[] row = new double[parts.length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Double.parseDouble(parts[i]);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"S2A", "S2B"})
    void everyNetworkGivesSnapsOwnTestCaseOutputs(String platform) throws IOException {
        BiophysicalModel model = BiophysicalModel.of(platform);
        assertThat(model.platform()).isEqualTo("Sentinel-2" + platform.charAt(2));
        BiophysicalVariable[] order = {BiophysicalVariable.LAI, BiophysicalVariable.FAPAR, BiophysicalVariable.FCOVER,
                BiophysicalVariable.CCC};
        double[] tolerance = {2.5e-4, 2.5e-5, 2.5e-5, 0.02}; // SNAP's files round outputs to 5-7 significant digits
        List<double[]> cases = snapCases(platform);
        assertThat(cases).hasSize(24);
        double[] scaled = new double[BiophysicalModel.INPUTS];
        for (double[] c : cases) {
            assertThat(model.inDomain(c)).isTrue();
            model.scale(c, scaled);
            for (int v = 0; v < order.length; v++) {
                double estimate = order[v].accept(model.network(order[v]).apply(scaled));
                assertThat(estimate).as("%s of case %s", order[v], cases.indexOf(c))
                        .isCloseTo(c[BiophysicalModel.INPUTS + v], offset(tolerance[v]));
            }
        }
    }

    @Test
    void aProductGetsTheNetworksOfItsPlatformAndAnyOtherThoseOfSentinel2A() {
        assertThat(BiophysicalModel.of("S2B").platform()).isEqualTo("Sentinel-2B");
        assertThat(BiophysicalModel.of("S2C")).isSameAs(BiophysicalModel.of("S2A")).isSameAs(BiophysicalModel.of(null));
        assertThat(BiophysicalModel.knows("S2B")).isTrue();
        assertThat(BiophysicalModel.knows("S2C")).isFalse();
        assertThat(BiophysicalModel.knows(null)).isFalse();
        // the two platforms' spectral responses differ: one spectrum gives another LAI
        double[] input = {0.05, 0.03, 0.09, 0.3, 0.4, 0.45, 0.2, 0.1, 1, 0.8, 1};
        double[] scaled = new double[BiophysicalModel.INPUTS];
        double[] lai = new double[2];
        for (int p = 0; p < 2; p++) {
            BiophysicalModel model = BiophysicalModel.of(p == 0 ? "S2A" : "S2B");
            model.scale(input, scaled);
            lai[p] = model.network(BiophysicalVariable.LAI).apply(scaled);
        }
        assertThat(Math.abs(lai[0] - lai[1])).isGreaterThan(0.05);
        assertThat(BiophysicalModel.otherPlatformNote(0, 3)).isNull();
        assertThat(BiophysicalModel.otherPlatformNote(1, 1)).isEqualTo("the patch names no platform SNAP has networks for"
                + " (S2A_ or S2B_ in the folder's name or its metadata's product id): the Sentinel-2A networks were applied to it");
        assertThat(BiophysicalModel.otherPlatformNote(2, 5)).startsWith("2 of the 5 patches name no platform").endsWith("to them");
    }

    @Test
    void estimatesOutsideTheRangeAreClampedWithinTheToleranceAndDroppedBeyondIt() {
        assertThat(BiophysicalVariable.FAPAR.accept(0.95)).isEqualTo(0.94);
        assertThat(BiophysicalVariable.FAPAR.accept(1.2)).isNaN();
        assertThat(BiophysicalVariable.LAI.accept(-0.1)).isEqualTo(0);
        assertThat(BiophysicalVariable.LAI.accept(-0.5)).isNaN();
        assertThat(BiophysicalVariable.LAI.accept(3.3)).isEqualTo(3.3);
        assertThat(BiophysicalVariable.LAI.accept(Double.NaN)).isNaN();
        assertThat(BiophysicalVariable.parse(" fCover ")).isEqualTo(BiophysicalVariable.FCOVER);
        assertThatThrownBy(() -> BiophysicalVariable.parse("ndvi")).hasMessageContaining("unknown biophysical variable 'ndvi'");
    }

    @Test
    void reflectancesOutsideTheTrainingRangeAreNotEstimated() {
        double[] input = {0.05, 0.03, 0.09, 0.3, 0.4, 0.45, 0.2, 0.1, 1, 0.8, 1};
        BiophysicalModel model = BiophysicalModel.of("S2A");
        assertThat(model.inDomain(input)).isTrue();
        input[5] = 0.9; // B8A brighter than any training spectrum (snow, cloud)
        assertThat(model.inDomain(input)).isFalse();
        input[5] = Double.NaN;
        assertThat(model.inDomain(input)).isFalse();
    }

    @Test
    void theSunStandsWhereTheAlmanacPutsIt() {
        // March equinox 2021 (09:37 UTC), at the equator on the Greenwich meridian near its solar noon: overhead
        SolarPosition equinox = SolarPosition.at(Instant.parse("2021-03-20T12:07:30Z"), 0, 0);
        assertThat(equinox.zenith()).isLessThan(0.5);
        // June solstice 2021 at Greenwich's solar noon (12:01:45 UTC): zenith = latitude - 23.44, due south
        SolarPosition solstice = SolarPosition.at(Instant.parse("2021-06-21T12:01:45Z"), 51.4769, 0);
        assertThat(solstice.zenith()).isCloseTo(51.4769 - 23.436, offset(0.05));
        assertThat(solstice.azimuth()).isCloseTo(180, offset(0.5));
        // the same morning at 06:00 UTC the sun is in the east-north-east, in the evening in the west-north-west
        assertThat(SolarPosition.at(Instant.parse("2021-06-21T06:00:00Z"), 51.4769, 0).azimuth()).isBetween(60.0, 90.0);
        assertThat(SolarPosition.at(Instant.parse("2021-06-21T18:00:00Z"), 51.4769, 0).azimuth()).isBetween(270.0, 300.0);
        // a BigEarthNet acquisition (Austria, 13 June 2017 10:10:31 UTC): mid-morning near the solstice, sun south-south-east
        SolarPosition ben = SolarPosition.at(Instant.parse("2017-06-13T10:10:31Z"), 48.2, 13.7);
        assertThat(ben.zenith()).isBetween(25.0, 30.0);
        assertThat(ben.azimuth()).isBetween(150.0, 170.0);
    }
}
