package org.deq.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(LandCover.ofLabel(c.label())).isEqualTo(c);
        float[] r = c.summerReflectance();
        assertThat(r).hasSize(S2Band.values().length);
        for (float v : r) {
            assertThat(v).isBetween(0.001f, 0.6f);
        }
    }

    @Test
    void summerIndicesSeparateTheClassesAsInTheLiterature() {
        for (LandCover forest : new LandCover[] {LandCover.BROAD_LEAVED_FOREST, LandCover.CONIFEROUS_FOREST,
                LandCover.MIXED_FOREST}) {
            assertThat(ndvi(forest.summerReflectance())).as(forest.name()).isGreaterThan(0.5f);
        }
        assertThat(ndvi(LandCover.NON_IRRIGATED_ARABLE_LAND.summerReflectance())).isGreaterThan(0.7f);
        assertThat(ndvi(LandCover.PASTURES.summerReflectance())).isGreaterThan(0.5f);
        assertThat(ndwi(LandCover.WATER_BODIES.summerReflectance())).isGreaterThan(0.3f);
        for (LandCover land : LandCover.values()) {
            if (land != LandCover.WATER_BODIES) {
                assertThat(ndwi(land.summerReflectance())).as(land.name()).isLessThan(0f);
            }
        }
        assertThat(ndvi(LandCover.SPARSELY_VEGETATED_AREAS.summerReflectance())).isBetween(0f, 0.3f);
        assertThat(ndvi(LandCover.DISCONTINUOUS_URBAN_FABRIC.summerReflectance())).isBetween(0f, 0.3f);
        assertThat(ndbi(LandCover.DISCONTINUOUS_URBAN_FABRIC.summerReflectance())).isGreaterThan(0f);
        assertThat(ndbi(LandCover.BROAD_LEAVED_FOREST.summerReflectance())).isLessThan(0f);
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
                .containsExactly(LandCover.NON_IRRIGATED_ARABLE_LAND.summerReflectance());
        assertThat(LandCover.NON_IRRIGATED_ARABLE_LAND.reflectance(Month.SEPTEMBER))
                .containsExactly(LandCover.harvestedReflectance());
        assertThat(ndvi(LandCover.harvestedReflectance())).isLessThan(0.3f);
        assertThat(LandCover.WATER_BODIES.reflectance(Month.FEBRUARY))
                .containsExactly(LandCover.WATER_BODIES.summerReflectance());
        float[] snow = LandCover.snowReflectance();
        assertThat(snow[S2Band.B03.ordinal()]).isGreaterThan(0.8f);
        assertThat(snow[S2Band.B11.ordinal()]).isLessThan(0.1f);
    }

    @Test
    void returnedSpectraAreCopies() {
        float[] r = LandCover.PASTURES.summerReflectance();
        Arrays.fill(r, 0);
        assertThat(LandCover.PASTURES.summerReflectance()[0]).isPositive();
    }

    @Test
    void unknownLabelIsAClearError() {
        assertThatThrownBy(() -> LandCover.ofLabel("Rice fields"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Rice fields");
    }
}
