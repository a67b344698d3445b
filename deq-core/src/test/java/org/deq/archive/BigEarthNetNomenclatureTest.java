package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BigEarthNetNomenclatureTest {

    @Test
    void sizesAndDroppedClassesAreTheOfficialOnes() {
        assertThat(BigEarthNetNomenclature.CLASSES_43).hasSize(43).doesNotHaveDuplicates();
        assertThat(BigEarthNetNomenclature.CLASSES_19).hasSize(19).doesNotHaveDuplicates();
        assertThat(BigEarthNetNomenclature.dropped()).containsExactly(
                "Road and rail networks and associated land", "Port areas", "Airports", "Mineral extraction sites",
                "Dump sites", "Construction sites", "Green urban areas", "Sport and leisure facilities",
                "Bare rock", "Burnt areas", "Intertidal flats");
        assertThat(BigEarthNetNomenclature.TO_19).hasSize(32);
        assertThat(BigEarthNetNomenclature.CLASSES_43).containsAll(BigEarthNetNomenclature.TO_19.keySet());
        assertThat(BigEarthNetNomenclature.CLASSES_19).containsExactlyInAnyOrderElementsOf(
                new java.util.HashSet<>(BigEarthNetNomenclature.TO_19.values()));
    }

    @Test
    void mapsMergesAndDrops() {
        assertThat(BigEarthNetNomenclature.to19(List.of("Peatbogs", "Airports", "Water bodies", "Inland marshes", "Non-irrigated arable land")))
                .containsExactly("Arable land", "Inland wetlands", "Inland waters");
        Map<String, String> m = BigEarthNetNomenclature.TO_19;
        assertThat(m.get("Transitional woodland/shrub")).isEqualTo("Transitional woodland, shrub");
        assertThat(m.get("Sea and ocean")).isEqualTo("Marine waters");
        assertThatThrownBy(() -> BigEarthNetNomenclature.to19(List.of("Forest")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Forest'");
    }

    @Test
    void everySampleLabelIsInThe43ClassList() throws Exception {
        for (List<String> labels : BigEarthNetV1Test.manifestLabels().values()) {
            assertThat(BigEarthNetNomenclature.CLASSES_43).containsAll(labels);
        }
    }
}
