package org.deq.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deq.synth.LandCoverTest.ndvi;
import static org.deq.synth.LandCoverTest.ndwi;

import java.time.LocalDateTime;
import java.time.Month;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;

class SyntheticPatchGeneratorTest {

    private static final int N = SyntheticPatchGenerator.SIDE * SyntheticPatchGenerator.SIDE;
    private final SyntheticPatchGenerator generator = new SyntheticPatchGenerator(42, false);

    @Test
    void sameSeedAndIndexGiveTheSameScene() {
        SyntheticScene a = generator.scene(17);
        SyntheticScene b = new SyntheticPatchGenerator(42, false).scene(17);
        assertThat(b.name()).isEqualTo(a.name());
        assertThat(b.bands()).isDeepEqualTo(a.bands());
        assertThat(b.coverMap()).isEqualTo(a.coverMap());
        assertThat(Arrays.deepEquals(new SyntheticPatchGenerator(43, false).scene(17).bands(), a.bands())).isFalse();
        assertThat(Arrays.deepEquals(generator.scene(18).bands(), a.bands())).isFalse();
    }

    @Test
    void bandsHaveBigEarthNetSizesAndReflectanceRange() {
        SyntheticScene s = generator.scene(3);
        for (S2Band b : S2Band.values()) {
            int side = b.metres == 10 ? 120 : b.metres == 20 ? 60 : 20;
            assertThat(s.band(b)).as(b.name()).hasSize(side * side);
            for (short v : s.band(b)) {
                assertThat(v & 0xFFFF).isLessThan(10000);
            }
        }
    }

    @Test
    void coarseBandsAreBlockAveragesOfTheFineRendering() {
        SyntheticScene s = generator.scene(5);
        // B08 (10 m) and B8A (20 m) share a spectrum up to a few percent: the 2x2 mean of B08 follows B8A
        short[] b08 = s.band(S2Band.B08);
        short[] b8a = s.band(S2Band.B8A);
        double sumRatio = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                int i = 2 * y * 120 + 2 * x;
                double mean = ((b08[i] & 0xFFFF) + (b08[i + 1] & 0xFFFF) + (b08[i + 120] & 0xFFFF)
                        + (b08[i + 121] & 0xFFFF)) / 4.0;
                sumRatio += (b8a[y * 60 + x] & 0xFFFF) / mean;
            }
        }
        assertThat(sumRatio / 3600).isBetween(0.85, 1.2);
    }

    @Test
    void labelsAreTheClassesCoveringAtLeastFivePercent() {
        for (long i = 0; i < 30; i++) {
            SyntheticScene s = generator.scene(i);
            int[] count = new int[LandCover.values().length];
            for (byte c : s.coverMap()) {
                count[c]++;
            }
            Set<LandCover> present = new HashSet<>();
            for (LandCover c : LandCover.values()) {
                if (count[c.ordinal()] > 0) {
                    present.add(c);
                }
                assertThat(s.labels().contains(c)).as(s.name() + " " + c)
                        .isEqualTo(count[c.ordinal()] >= SyntheticPatchGenerator.MIN_LABEL_FRACTION * N);
            }
            assertThat(present.size()).isBetween(2, 4);
            assertThat(s.labels()).isNotEmpty().isSortedAccordingTo(Enum::compareTo);
        }
    }

    @Test
    void pixelsCarryTheSpectraOfTheirClass() {
        int forests = 0;
        int waters = 0;
        for (long i = 0; i < 40; i++) {
            SyntheticScene s = generator.scene(i);
            Month m = s.acquired().getMonth();
            boolean leafOn = m.compareTo(Month.APRIL) >= 0 && m.compareTo(Month.OCTOBER) <= 0;
            for (LandCover c : s.labels()) {
                float[] mean = classMean(s, c);
                boolean forest = c == LandCover.BROAD_LEAVED_FOREST || c == LandCover.CONIFEROUS_FOREST
                        || c == LandCover.MIXED_FOREST;
                if (forest && leafOn) {
                    assertThat(ndvi(mean)).as(s.name() + " " + c).isGreaterThan(0.5f);
                    forests++;
                }
                if (c == LandCover.WATER_BODIES) {
                    assertThat(ndwi(mean)).as(s.name()).isGreaterThan(0f);
                    waters++;
                } else {
                    assertThat(ndwi(mean)).as(s.name() + " " + c).isLessThan(0f);
                }
            }
        }
        assertThat(forests).isPositive();
        assertThat(waters).isPositive();
    }

    @Test
    void placementsAreUniqueDatedAndInEurope() {
        Set<String> names = new HashSet<>();
        for (long i = 0; i < 3000; i++) {
            assertThat(names.add(generator.sceneName(i))).as("duplicate " + generator.sceneName(i)).isTrue();
        }
        for (long j = 0; j < 500; j++) {
            assertThat(names.add(generator.pairName(j, 0))).isTrue();
            assertThat(names.add(generator.pairName(j, 1))).isTrue();
        }
        // a place comes back at another date once every single position of its tile is used
        long round = 12L * 6075;
        assertThat(generator.sceneName(round + 7)).isNotEqualTo(generator.sceneName(7));
        assertThat(place(generator.sceneName(round + 7))).isEqualTo(place(generator.sceneName(7)));
        assertThat(generator.scene(round + 7).coverMap()).isEqualTo(generator.scene(7).coverMap());
        for (long i = 0; i < 24; i++) {
            SyntheticScene s = generator.scene(i * 1009);
            assertThat(s.name()).matches("S2[AB]_MSIL2A_\\d{8}T\\d{6}_\\d{1,2}_\\d{1,2}");
            assertThat(s.acquired()).isBetween(LocalDateTime.of(2017, 6, 1, 0, 0), LocalDateTime.of(2018, 5, 31, 23, 59));
            assertThat(s.footprint().centerLat()).isBetween(35.0, 71.0);
            assertThat(s.footprint().centerLon()).isBetween(-11.0, 32.0);
            assertThat(s.footprint().maxLat() - s.footprint().minLat()).isBetween(0.0105, 0.0116); // 1200 m, a little more off the central meridian
            assertThat(s.tileSource()).contains("_T" + s.tile() + "_").endsWith(".SAFE");
        }
    }

    @Test
    void patchesOfOneTileAndDateShareOneAcquisition() {
        SyntheticScene a = generator.scene(0);
        String date = a.name().split("_")[2];
        long k = 12;
        while (!generator.sceneName(k).split("_")[2].equals(date)) {
            k += 12; // same tile
        }
        SyntheticScene b = generator.scene(k);
        assertThat(b.tile()).isEqualTo(a.tile());
        assertThat(place(b.name())).isNotEqualTo(place(a.name()));
        assertThat(b.tileSource()).isEqualTo(a.tileSource());
        assertThat(b.zone()).isEqualTo(a.zone());
    }

    @Test
    void pairsShowTheirRecordedChangeAndNothingElse() {
        for (long j = 0; j < 10; j++) {
            ScenePair pair = generator.pair(j);
            SyntheticScene a = pair.before();
            SyntheticScene b = pair.after();
            assertThat(pair.type()).isEqualTo(SyntheticPatchGenerator.pairType(j));
            assertThat(a.change().partner()).isEqualTo(b.name());
            assertThat(b.change().partner()).isEqualTo(a.name());
            assertThat(a.name()).isEqualTo(generator.pairName(j, 0));
            assertThat(b.name()).isEqualTo(generator.pairName(j, 1));
            assertThat(b.ulx()).isEqualTo(a.ulx());
            assertThat(b.uly()).isEqualTo(a.uly());
            assertThat(b.acquired()).isAfter(a.acquired());

            PairChange change = a.change();
            int changed = 0;
            int marked = 0;
            for (int p = 0; p < N; p++) {
                if (pair.changed()[p]) {
                    marked++;
                }
                if (a.coverMap()[p] != b.coverMap()[p]) {
                    assertThat(pair.changed()[p]).as("a pixel whose class changed is marked changed").isTrue();
                    assertThat(a.coverMap()[p]).isEqualTo((byte) change.before().ordinal());
                    assertThat(b.coverMap()[p]).isEqualTo((byte) change.after().ordinal());
                    changed++;
                }
            }
            assertThat(marked).isEqualTo(Math.round(change.fraction() * N));
            switch (pair.type()) {
                case NO_CHANGE -> {
                    assertThat(changed).isZero();
                    assertThat(b.labels()).isEqualTo(a.labels());
                    for (LandCover c : a.labels()) {
                        float[] before = classMean(a, c);
                        float[] after = classMean(b, c);
                        for (int band = 0; band < before.length; band++) {
                            assertThat(after[band]).as(c + " band " + band)
                                    .isCloseTo(before[band], org.assertj.core.data.Offset.offset(0.05f * before[band] + 0.002f));
                        }
                    }
                }
                case HARVEST -> {
                    assertThat(changed).isZero();
                    assertThat(b.labels()).isEqualTo(a.labels());
                    float[] before = classMean(a, LandCover.NON_IRRIGATED_ARABLE_LAND);
                    float[] after = classMean(b, LandCover.NON_IRRIGATED_ARABLE_LAND);
                    assertThat(ndvi(before)).isGreaterThan(0.6f);
                    assertThat(ndvi(after)).isLessThan(0.3f);
                }
                case DEFORESTATION -> {
                    assertThat(change.after()).isEqualTo(LandCover.TRANSITIONAL_WOODLAND_SHRUB);
                    assertThat(ndvi(classMean(b, change.after()))).isLessThan(ndvi(classMean(a, change.before())) - 0.2f);
                }
                case FLOODING -> assertThat(ndwi(classMean(b, LandCover.WATER_BODIES))).isGreaterThan(0f);
                case URBANISATION -> assertThat(b.labels()).contains(LandCover.DISCONTINUOUS_URBAN_FABRIC);
            }
            if (pair.type() != ChangeType.NO_CHANGE && pair.type() != ChangeType.HARVEST) {
                assertThat(changed).isEqualTo(Math.round(change.fraction() * N)).isGreaterThan(N / 4);
                assertThat(b.labels()).contains(change.after());
            }
        }
    }

    @Test
    void snowCoversSomeNorthernWinterPatchesOnlyWhenAsked() {
        SyntheticPatchGenerator snowy = new SyntheticPatchGenerator(42, true);
        int snowCount = 0;
        for (long i = 0; i < 300 && snowCount == 0; i++) {
            if (!isNorthernWinterCandidate(snowy, i)) {
                continue;
            }
            SyntheticScene s = snowy.scene(i);
            assertThat(generator.scene(i).flags()).isEmpty();
            if (s.flags().contains("snow")) {
                snowCount++;
                float[] land = classMean(s, s.labels().stream().filter(c -> c != LandCover.WATER_BODIES).findFirst()
                        .orElseThrow());
                assertThat(land[S2Band.B03.ordinal()]).isGreaterThan(0.5f);
                assertThat(land[S2Band.B11.ordinal()]).isLessThan(0.2f);
            }
        }
        assertThat(snowCount).isPositive();
    }

    @Test
    void patchViewHoldsTheStoredValuesOnThe10mGrid() {
        SyntheticScene s = generator.scene(9);
        Patch p = s.toPatch("test");
        assertThat(p.width()).isEqualTo(120);
        assertThat(p.bandNames()).containsExactly("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A",
                "B09", "B11", "B12");
        assertThat(p.band("B02")[5 * 120 + 7]).isEqualTo((s.band(S2Band.B02)[5 * 120 + 7] & 0xFFFF) / 10000f);
        assertThat(p.band("B05")[5 * 120 + 7]).isEqualTo((s.band(S2Band.B05)[2 * 60 + 3] & 0xFFFF) / 10000f);
        assertThat(p.band("B01")[13 * 120 + 17]).isEqualTo((s.band(S2Band.B01)[2 * 20 + 2] & 0xFFFF) / 10000f);
        assertThat(p.meta().id()).isEqualTo(s.name());
        assertThat(p.meta().labels()).isEqualTo(s.labelNames());
        assertThat(p.meta().footprint()).isEqualTo(s.footprint());
    }

    @Test
    void indexOutOfRangeIsAClearError() {
        assertThatThrownBy(() -> generator.scene(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index must be in");
        assertThatThrownBy(() -> generator.pair(SyntheticPatchGenerator.MAX_PAIRS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair index");
    }

    private static String place(String name) {
        String[] parts = name.split("_");
        return parts[3] + "_" + parts[4];
    }

    private static boolean isNorthernWinterCandidate(SyntheticPatchGenerator g, long i) {
        String date = g.sceneName(i).substring(11, 17);
        Month m = Month.of(Integer.parseInt(date.substring(4, 6)));
        return m == Month.DECEMBER || m == Month.JANUARY || m == Month.FEBRUARY;
    }

    // Mean reflectance of the 10 m pixels of one class, with 20/60 m bands read at the pixel's coarse cell.
    static float[] classMean(SyntheticScene s, LandCover c) {
        S2Band[] all = S2Band.values();
        double[] sum = new double[all.length];
        int n = 0;
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                if (s.coverMap()[y * 120 + x] != c.ordinal()) {
                    continue;
                }
                n++;
                for (S2Band b : all) {
                    int f = b.metres / 10;
                    int side = 120 / f;
                    sum[b.ordinal()] += (s.band(b)[(y / f) * side + x / f] & 0xFFFF) / 10000.0;
                }
            }
        }
        assertThat(n).as(c + " pixels in " + s.name()).isPositive();
        float[] mean = new float[all.length];
        for (int b = 0; b < all.length; b++) {
            mean[b] = (float) (sum[b] / n);
        }
        return mean;
    }
}
