package org.deq.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;

/** Deterministic patches for store tests: the vector and metadata of ordinal i are functions of i alone. */
final class StoreFixtures {

    static final int DIM = 8;
    /** A descriptor whose vectors have DIM values (four bands of two bins), as a store's config must name. */
    static final String SPEC = "spectral-hist:bins=2,bands=B02/B03/B04/B08";
    private static final List<String> LABELS = List.of("Water bodies", "Pastures", "Urban fabric", "Coniferous forest");

    private StoreFixtures() {
    }

    /** Exactly representable floats, so that any mix-up of rows shows. */
    static float[] vector(int i) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = i * 16 + j + 0.25f;
        }
        return v;
    }

    /** Varied metadata: some patches lack time or footprint, have one or two labels, some carry flags. */
    static PatchMeta meta(int i) {
        Instant time = i % 7 == 3 ? null : Instant.parse("2017-06-01T10:00:00Z").plusSeconds(3600L * 24 * i).plusNanos(i * 1000L);
        GeoBox box = i % 5 == 4 ? null : new GeoBox(-9 + i * 0.01, 38, -8.99 + i * 0.01, 38.01);
        List<String> labels = i % 3 == 0 ? List.of(LABELS.get(i % 4), LABELS.get((i + 1) % 4)) : List.of(LABELS.get(i % 4));
        Set<String> flags = i % 11 == 0 ? Set.of("snow", "cloud") : i % 4 == 1 ? Set.of("cloud") : Set.of();
        return new PatchMeta("S2A_MSIL2A_" + i, "tile-" + (i % 3), time, box, labels, flags);
    }
}
