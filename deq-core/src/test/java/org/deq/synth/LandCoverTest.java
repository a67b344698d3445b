package org.deq.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Month;
import java.util.Arrays;
import java.util.Set;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LandCoverTest {

    /** The 43 CLC level-3 class names of BigEarthNet v1.0. */
    static final Set<String> BIGEARTHNET_43 = Set.of(
            "Continuous urban fabric", "Discontinuous urban fabric", "Industrial or commercial units",
            "Road and rail networks and associated land", "Port areas", "Airports", "Mineral extraction sites",
            "Dump sites", "Construction sites", "Green urban areas", "Sport and leisure facilities",
            "Non-irrigated arable land", "Permanently irrigated land", "Rice fields", "Vineyards",
            "Fruit trees and berry plantations", "Olive groves", "Pastures", "Annual crops associated with permanent crops",
            "Complex cultivation patterns",
            "Land principally occupied by agriculture, with significant areas of natural vegetation",
            "Agro-forestry areas", "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland",
            "Moors and heathland", "Sclerophyllous vegetation", "Transitional woodland/shrub", "Beaches, dunes, sands",
            "Bare rock", "Sparsely vegetated areas", "Burnt areas", "Inland marshes", "Peatbogs", "Salt marshes",
            "Salines", "Intertidal flats", "Water courses", "Water bodies", "Coastal lagoons", "Estuaries", "Sea and ocean");

    static float ndvi(float[] r) {
        return (r[S2Band.B08.ordinal()] - r[S2Band.B04.ordinal()]) / (r[S2Band.B08.ordinal()] + r[S2Band.B04.ordinal()]);
    }

    static float ndwi(float[] r) {
        return (r[S2Band.B03.ordinal()] - r[S2Band.B08.ordinal()]) / (r[S2Band.B03.ordinal()] + r[S2Band.B08.ordinal()]);
    }

    static float ndbi(float[] r) {
        return (r[S2Band.B11.ordinal()] - r[S2Band.B08.ordinal()]) / (r[S2Band.B11.ordinal()] + r[S2Band.B08.ordinal()]);
    }

    @ParameterizedTest
    @EnumSource(LandCover.class)
    void everyClassIsABigEarthNetLabelWithAPlausibleSpectrum(LandCover c) {
        assertThat(BIGEARTHNET_43).contains(c.label());
        float[] r = c.reflectance(Month.JULY);
        assertThat(r).hasSize(S2Band.values().length);
        for (float v : r) {
            assertThat(v).isBetween(0.001f, 0.6f);
        }
    }

    @Test
    void summerIndicesSeparateTheClassesAsInTheLiterature() {
        for (LandCover forest : new LandCover[] {LandCover.BROAD_LEAVED_FOREST, LandCover.CONIFEROUS_FOREST,
                LandCover.MIXED_FOREST}) {
            assertThat(ndvi(forest.reflectance(Month.JULY))).as(forest.name()).isGreaterThan(0.5f);
        }
        assertThat(ndvi(LandCover.NON_IRRIGATED_ARABLE_LAND.reflectance(Month.JULY))).isGreaterThan(0.7f);
        assertThat(ndvi(LandCover.PASTURES.reflectance(Month.JULY))).isGreaterThan(0.5f);
        assertThat(ndwi(LandCover.WATER_BODIES.reflectance(Month.JULY))).isGreaterThan(0.3f);
        for (LandCover land : LandCover.values()) {
            if (land != LandCover.WATER_BODIES) {
                assertThat(ndwi(land.reflectance(Month.JULY))).as(land.name()).isLessThan(0f);
            }
        }
        assertThat(ndvi(LandCover.SPARSELY_VEGETATED_AREAS.reflectance(Month.JULY))).isBetween(0f, 0.3f);
        assertThat(ndvi(LandCover.DISCONTINUOUS_URBAN_FABRIC.reflectance(Month.JULY))).isBetween(0f, 0.3f);
        assertThat(ndbi(LandCover.DISCONTINUOUS_URBAN_FABRIC.reflectance(Month.JULY))).isGreaterThan(0f);
        assertThat(ndbi(LandCover.BROAD_LEAVED_FOREST.reflectance(Month.JULY))).isLessThan(0f);
    }

    @Test
    void seasonsChangeDeciduousTreesAndCropsButNotWater() {
        int nir = S2Band.B08.ordinal();
        float summerNir = LandCover.BROAD_LEAVED_FOREST.reflectance(Month.JULY)[nir];
        float winterNir = LandCover.BROAD_LEAVED_FOREST.reflectance(Month.JANUARY)[nir];
        assertThat(winterNir / summerNir).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(LandCover.CONIFEROUS_FOREST.reflectance(Month.JANUARY)[nir])
                .isGreaterThan(0.8f * LandCover.CONIFEROUS_FOREST.reflectance(Month.JULY)[nir]);
        assertThat(LandCover.NON_IRRIGATED_ARABLE_LAND.reflectance(Month.MAY))
                .containsExactly(LandCover.NON_IRRIGATED_ARABLE_LAND.reflectance(Month.JULY));
        assertThat(LandCover.NON_IRRIGATED_ARABLE_LAND.reflectance(Month.SEPTEMBER))
                .containsExactly(LandCover.harvestedReflectance());
        assertThat(ndvi(LandCover.harvestedReflectance())).isLessThan(0.3f);
        assertThat(LandCover.WATER_BODIES.reflectance(Month.FEBRUARY))
                .containsExactly(LandCover.WATER_BODIES.reflectance(Month.JULY));
        float[] snow = LandCover.snowReflectance();
        assertThat(snow[S2Band.B03.ordinal()]).isGreaterThan(0.8f);
        assertThat(snow[S2Band.B11.ordinal()]).isLessThan(0.1f);
    }

    @Test
    void returnedSpectraAreCopies() {
        float[] r = LandCover.PASTURES.reflectance(Month.JULY);
        Arrays.fill(r, 0);
        assertThat(LandCover.PASTURES.reflectance(Month.JULY)[0]).isPositive();
    }

    @Test
    void labelsAreDistinct() {
        assertThat(Arrays.stream(LandCover.values()).map(LandCover::label).distinct()).hasSize(LandCover.values().length);
    }
}
