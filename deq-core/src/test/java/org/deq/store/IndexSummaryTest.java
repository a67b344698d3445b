package org.deq.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deq.store.StoreFixtures.DIM;
import static org.deq.store.StoreFixtures.SPEC;
import static org.deq.store.StoreFixtures.vector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deq.index.Distance;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deq info and the server's statistics say of an index's footprints. */
class IndexSummaryTest {

    @TempDir
    Path tmp;

    private static IndexSummary summaryOf(Path dir, GeoBox... footprints) throws IOException {
        try (IndexStore store = IndexStore.create(dir, new StoreConfig(SPEC, Distance.L1, DIM, new byte[0]))) {
            try (StoreWriter w = store.writer()) {
                for (int i = 0; i < footprints.length; i++) {
                    w.add(new PatchMeta("p" + i, "p" + i, null, footprints[i], List.of(), Set.of()), vector(i));
                }
                w.commit();
            }
            return IndexSummary.of(store);
        }
    }

    @Test
    void anExtentReachingAcrossTheAntimeridianIsGivenAsRfc7946Says() throws IOException {
        assertThat(summaryOf(tmp.resolve("plain"), new GeoBox(10, 50, 11, 51), new GeoBox(-8, 52, -7, 53)).extent())
                .containsExactly(-8.0, 50.0, 11.0, 53.0);
        // a UTM zone 1 tile across 180° and one near -170: the east edge comes back west of the west edge
        GeoBox zone1 = GeoBox.wrapped(-180.006, 9.98, -179.995, 9.99);
        List<Double> extent = summaryOf(tmp.resolve("across"), zone1, new GeoBox(-170.005, 9.995, -169.995, 10.005)).extent();
        assertThat(extent.get(0)).isEqualTo(-170.005);
        assertThat(extent.get(2)).isCloseTo(-179.995, org.assertj.core.data.Offset.offset(1e-9));
        // what a filter takes back as it is: a box across the antimeridian holding both
        GeoBox asFilter = GeoBox.parse(extent.get(0) + "," + extent.get(1) + "," + extent.get(2) + "," + extent.get(3));
        assertThat(asFilter.intersects(zone1)).isTrue();
    }
}
