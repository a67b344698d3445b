package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiCodeHashingTest {

    private static final int IMAGES = 300;
    private static final int REGIONS_PER_IMAGE = 8;
    private static final int DIM = 16;
    private static final int TYPES = 5;

    @Test
    void matchingDistanceSumsSharedClusterDistancesAndPenalisesUnsharedClusters() {
        // image 0 has clusters 0 and 2, image 1 only cluster 1, image 2 clusters 0, 1 and 2 (16-bit codes)
        MultiCodes db = new MultiCodes(16, new int[] {0, 2, 3, 6}, new int[] {0, 2, 1, 0, 1, 2},
                new long[] {0b1111L, 0xFF00L, 0L, 0b1111L, 0L, 0xFF00L});
        MultiCodes query = new MultiCodes(16, new int[] {0, 2}, new int[] {0, 2}, new long[] {0b0111L, 0xFF03L});
        HammingHits hits = new MultiCodeSearch(db, 5).search(query, 0, 3, null);
        assertThat(hits.ids()).containsExactly(0, 2, 1);
        assertThat(hits.distances()).containsExactly(1 + 2, 1 + 2 + 5, 5 + 5 + 5);
    }

    @Test
    void eachImageGetsOneCodePerPrimitiveAndSimilarImagesRankFirst() {
        Scenes scenes = scenes(51);
        MultiCodeHashing model = MultiCodeHashing.train(scenes.regions, scenes.owner, IMAGES, DIM, TYPES,
                Encoders.parse("lsh:bits=32"), 52);
        MultiCodes codes = model.encode(scenes.regions, 1f, scenes.owner, IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            assertThat(codes.imageStart()[i + 1] - codes.imageStart()[i]).as("codes of image %d", i)
                    .isEqualTo(Integer.bitCount(scenes.types[i]));
        }
        MultiCodeSearch search = new MultiCodeSearch(codes);
        double precision = 0;
        for (int q = 0; q < 40; q++) {
            int[] ids = search.search(codes, q, 10, null).ids();
            for (int id : ids) {
                precision += scenes.types[id] == scenes.types[q] ? 0.1 : 0;
            }
        }
        assertThat(precision / 40).isGreaterThan(0.9);
    }

    @Test
    void savedModelGivesIdenticalCodes() throws IOException {
        Scenes scenes = scenes(61);
        MultiCodeHashing model = MultiCodeHashing.train(scenes.regions, scenes.owner, IMAGES, DIM, TYPES,
                Encoders.parse("klsh:bits=24,anchors=60"), 62);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.writeState(new DataOutputStream(bytes));
        MultiCodeHashing restored = MultiCodeHashing.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.encode(scenes.regions, 1f, scenes.owner, IMAGES))
                .usingRecursiveComparison().isEqualTo(model.encode(scenes.regions, 1f, scenes.owner, IMAGES));
    }

    @Test
    void regionOwnedByUnknownImageIsRejected() {
        assertThatThrownBy(() -> MultiCodeHashing.train(new float[4], new int[] {0, 3}, 2, 2, 1, Encoders.parse("lsh:bits=16"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region 1");
    }

    /** Images made of regions of 1–2 primitive types (bit t of types[i] set when image i has type t). */
    private static Scenes scenes(long seed) {
        Random rnd = new Random(seed);
        float[] typeMean = new float[TYPES * DIM];
        for (int i = 0; i < typeMean.length; i++) {
            typeMean[i] = (float) (5 * rnd.nextGaussian());
        }
        int[] types = new int[IMAGES];
        float[] regions = new float[IMAGES * REGIONS_PER_IMAGE * DIM];
        int[] owner = new int[IMAGES * REGIONS_PER_IMAGE];
        for (int i = 0; i < IMAGES; i++) {
            int a = rnd.nextInt(TYPES);
            int b = rnd.nextInt(TYPES);
            types[i] = (1 << a) | (1 << b);
            for (int r = 0; r < REGIONS_PER_IMAGE; r++) {
                int region = i * REGIONS_PER_IMAGE + r;
                int t = r % 2 == 0 ? a : b;
                owner[region] = i;
                for (int d = 0; d < DIM; d++) {
                    regions[region * DIM + d] = typeMean[t * DIM + d] + (float) (0.5 * rnd.nextGaussian());
                }
            }
        }
        return new Scenes(regions, owner, types);
    }

    private record Scenes(float[] regions, int[] owner, int[] types) {
    }
}
