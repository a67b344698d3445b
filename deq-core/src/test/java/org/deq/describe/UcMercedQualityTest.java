package org.deq.describe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deq.TestData;
import org.deq.raster.Patch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real UC Merced images: descriptors work on real scenes and the best spec keeps its retrieval quality on a subset. */
class UcMercedQualityTest {

    /** 10 images per class (210 queries); the bounds below were measured on this subset, minus a small margin. */
    private static final int PER_CLASS = 10;

    private static UcMercedSet set;
    private static List<Patch> patches;

    @BeforeAll
    static void load() throws IOException {
        Path root = TestData.require("uc-merced-landuse");
        set = UcMercedSet.load(root, PER_CLASS);
        patches = set.patches(root, 2);
    }

    @Test
    void everyDescriptorHandlesRealScenesIncludingOddSizes() {
        Patch odd = patches.stream().filter(p -> p.width() != 256 || p.height() != 256).findFirst().orElseThrow();
        for (String spec : List.of("spectral-hist", "local-hist", "stats", "hsv-hist", "lbp")) {
            Descriptor d = DescriptorSpecs.parse(spec);
            for (Patch p : List.of(patches.get(0), odd)) {
                assertThat(d.describe(p)).hasSize(d.dimension());
            }
        }
    }

    @Test
    void bestSpecKeepsItsLabelRecallOnASubset() {
        Descriptor d = DescriptorSpecs.parse(UcMercedQualityTest.BEST_SPEC);
        if (d.needsFit()) {
            List<Patch> sample = new ArrayList<>();
            for (int i = 0; i < patches.size(); i += 3) {
                sample.add(patches.get(i));
            }
            d = d.fit(sample, 7);
        }
        float[][] vectors = new float[patches.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = d.describe(patches.get(i));
        }
        KnnScores s = KnnScores.of(vectors, BEST_DISTANCE, 20, set.classes(), set.labels(), 2);
        assertThat(s.labelRecall()).isGreaterThan(RECALL_BOUND);
    }

    static final String BEST_SPEC = "hsv-hist+lbp";
    static final KnnScores.Distance BEST_DISTANCE = KnnScores.Distance.CHI2;
    static final double RECALL_BOUND = 0.5;
}
