package org.deq.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deq.analysis.LabelPrediction.LabelScore;
import org.deq.archive.BigEarthNetNomenclature;
import org.junit.jupiter.api.Test;

/** Captions from given label scores: order by score, hedging, scene classes, BigEarthNet names, unknown labels. */
class CaptionTest {

    private static LabelScore l(String label, double score) {
        return new LabelScore(label, (float) score);
    }

    @Test
    void listsLabelsByScoreAndHedgesTheWeakOnes() {
        assertThat(Caption.of(List.of(l("buildings", 0.9), l("cars", 0.8), l("pavement", 0.95), l("trees", 0.6), l("grass", 0.55)), false))
                .isEqualTo("Pavement, buildings and cars, possibly with trees and grass.");
        assertThat(Caption.of(List.of(l("tanks", 0.6)), false)).isEqualTo("Possibly storage tanks.");
        assertThat(Caption.of(List.of(l("bare-soil", 1.0), l("mobile-home", 0.8)), false)).isEqualTo("Bare soil and mobile homes.");
    }

    @Test
    void sceneClassesAreAlternatives() {
        assertThat(Caption.of(List.of(l("denseresidential", 0.8)), true)).isEqualTo("A dense residential area.");
        assertThat(Caption.of(List.of(l("mediumresidential", 0.4), l("denseresidential", 0.45)), true))
                .isEqualTo("Possibly a dense residential area or a medium-density residential area.");
        assertThat(Caption.of(List.of(l("airplane", 0.9), l("runway", 0.3)), true))
                .isEqualTo("An airport with airplanes, or possibly a runway.");
        // the same name as a multi-label is a thing in the scene
        assertThat(Caption.of(List.of(l("airplane", 0.9)), false)).isEqualTo("Airplanes.");
    }

    @Test
    void readsBigEarthNetNames() {
        assertThat(Caption.of(List.of(l("Coniferous forest", 0.9), l("Pastures", 0.8), l("Transitional woodland/shrub", 0.6)), false))
                .isEqualTo("Coniferous forest and pastures, possibly with woodland and shrub.");
        assertThat(Caption.of(List.of(l("Land principally occupied by agriculture, with significant areas of natural vegetation", 0.7)), false))
                .isEqualTo("Possibly farmland mixed with natural vegetation.");
        assertThat(Caption.of(List.of(l("Non-irrigated arable land", 0.9), l("Broad-leaved forest", 0.8)), false))
                .isEqualTo("Non-irrigated arable land and broad-leaved forest.");
        List<String> all = new ArrayList<>(BigEarthNetNomenclature.CLASSES_43);
        all.addAll(BigEarthNetNomenclature.CLASSES_19);
        all.remove("Sea and ocean");
        for (String name : all) {
            String c = Caption.of(List.of(l(name, 0.9), l("Sea and ocean", 0.8)), false);
            // every name reads lower-case after the first word, except where deq rewrites it
            assertThat(c).endsWith(" and sea.").doesNotContain("Sea").matches("[A-Z][a-z].*");
        }
    }

    @Test
    void unknownLabelsAreWrittenAsTheirOwnText() {
        assertThat(Caption.of(List.of(l("AnnualCrop", 0.9)), true)).isEqualTo("Annual crop.");
        assertThat(Caption.of(List.of(l("solar_farm", 0.9), l("NDVI-high", 0.6)), false)).isEqualTo("Solar farm, possibly with NDVI high.");
        assertThatThrownBy(() -> Caption.of(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
