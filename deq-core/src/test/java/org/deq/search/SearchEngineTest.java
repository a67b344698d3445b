package org.deq.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deq.index.Distance;
import org.deq.raster.GeoBox;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchEngineTest {

    private static final int N = 500;
    private static final int DIM = 16;
    private static final List<String> LABELS = List.of("Water bodies", "Pastures", "Urban fabric", "Arable land", "Beaches");

    @TempDir
    static Path tmp;
    static IndexStore store;
    static final List<PatchMeta> METAS = new ArrayList<>();
    static final float[] VECTORS = new float[N * DIM];

    /** A reopened store of seeded random patches, so that the filter columns come from Lucene, not from memory. */
    @BeforeAll
    static void build() throws IOException {
        Random r = new Random(17);
        try (IndexStore s = IndexStore.create(tmp.resolve("idx"), new StoreConfig("test", Distance.COSINE, DIM, null));
             StoreWriter w = s.writer()) {
            for (int i = 0; i < N; i++) {
                List<String> labels = new ArrayList<>();
                for (String l : LABELS) {
                    if (r.nextInt(3) == 0) {
                        labels.add(l);
                    }
                }
                Instant time = r.nextInt(10) == 0 ? null : Instant.parse("2017-01-01T00:00:00Z").plusSeconds(r.nextInt(730 * 86400));
                double lon = -10 + r.nextDouble() * 40;
                double lat = 35 + r.nextDouble() * 30;
                GeoBox box = r.nextInt(10) == 0 ? null : new GeoBox(lon, lat, lon + 0.01, lat + 0.01);
                Set<String> flags = r.nextInt(8) == 0 ? Set.of("snow") : r.nextInt(8) == 0 ? Set.of("cloud") : Set.of();
                PatchMeta m = new PatchMeta("p" + i, "seeded", time, box, labels, flags);
                float[] v = new float[DIM];
                for (int j = 0; j < DIM; j++) {
                    v[j] = r.nextFloat();
                }
                System.arraycopy(v, 0, VECTORS, i * DIM, DIM);
                METAS.add(m);
                w.add(m, v);
            }
            w.commit();
        }
        store = IndexStore.open(tmp.resolve("idx"));
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    /** The store's vectors were described outside deq ("test"): QueryByExample searches it by ids and vectors, and says why it cannot describe a patch. */
    @Test
    void queryByExampleSearchesVectorsDescribedOutsideDeq() throws IOException {
        QueryByExample qbe = new QueryByExample(store);
        assertThat(qbe.byIds(List.of("p3"), 5, null)).isEqualTo(new SearchEngine(store).query("p3", 5, null));
        float[] v = java.util.Arrays.copyOfRange(VECTORS, 3 * DIM, 4 * DIM);
        assertThat(qbe.byDescriptors(List.of(v), 1, null).get(0).id()).isEqualTo("p3");
        Patch patch = new Patch(PatchMeta.of("x", "x.png"), 2, 2, List.of("R", "G", "B"), new float[3][4]);
        assertThatThrownBy(() -> qbe.describe(patch))
                .hasMessageContaining("its descriptor 'test' is no kind known here (vectors described outside deq, or a descriptor of a newer deq)");
        assertThatThrownBy(() -> QueryByExample.descriptorOf(store)).hasMessageContaining("query it by stored ids");
    }

    private static final List<Filter> FILTERS = List.of(
            Filter.NONE,
            Filter.parse("labels-any=Water bodies|Beaches"),
            Filter.parse("labels-all=Pastures|Arable land", "exclude-flags=snow|cloud"),
            Filter.parse("from=2017-06-01", "to=2018-01-01", "bbox=0,40,20,55"),
            Filter.parse("labels-any=Urban fabric", "from=2018-03-01T12:00:00Z"));

    @Test
    void compiledFilterOverStoreColumnsEqualsPerPatchSemantics() throws IOException {
        for (Filter f : FILTERS) {
            BitSet bits = f.compile(store.columns());
            for (int i = 0; i < N; i++) {
                assertThat(bits == null || bits.get(i)).as("patch %d, %s", i, f).isEqualTo(f.matches(store.meta(i)));
            }
        }
    }

    @Test
    void queryByVectorEqualsBruteForceOverFilteredPatches() throws IOException {
        Random r = new Random(5);
        float[] q = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            q[j] = r.nextFloat();
        }
        SearchEngine engine = new SearchEngine(store, Distance.L2, 2);
        for (Filter f : FILTERS) {
            List<Hit> hits = engine.query(q, 7, f);
            List<String> expected = bruteForce(q, f, 7);
            assertThat(hits).extracting(Hit::id).containsExactlyElementsOf(expected);
            for (Hit h : hits) {
                assertThat(h.meta()).isEqualTo(METAS.get(Integer.parseInt(h.id().substring(1))));
            }
        }
        // filters compiled once are reused: every filter again after more than the engine keeps (12 label filters),
        // each answered alike, and a caller's copy of the allowed set changed in place changes nothing
        List<Filter> many = new ArrayList<>(FILTERS);
        for (String a : LABELS) {
            for (String b : List.of("Pastures", "Beaches", "Urban fabric")) {
                many.add(Filter.parse("labels-any=" + a + "|" + b));
            }
        }
        for (Filter f : many) {
            assertThat(engine.query(q, 7, f)).extracting(Hit::id).containsExactlyElementsOf(bruteForce(q, f, 7));
            assertThat(engine.inertTerms(f)).isEqualTo(f.inertTerms(store.columns()));
        }
        for (Filter f : many) {
            BitSet mine = engine.allowed(f);
            if (mine != null) {
                mine.clear();
            }
            assertThat(engine.query(q, 7, f)).extracting(Hit::id).containsExactlyElementsOf(bruteForce(q, f, 7));
        }
    }

    @Test
    void queryByIdExcludesThePatchItselfAndUsesTheStoreDistance() throws IOException {
        SearchEngine engine = new SearchEngine(store);
        assertThat(((org.deq.index.FlatIndex) engine.index()).distance()).isEqualTo(Distance.COSINE);
        List<Hit> hits = engine.query("p10", 5, Filter.parse("labels-any=Pastures"));
        float[] q = store.vector(10);
        assertThat(hits).extracting(Hit::id).doesNotContain("p10").hasSize(5);
        assertThat(hits).extracting(Hit::distance).isSorted();
        assertThat(hits.get(0).distance()).isCloseTo(Distance.COSINE.distance(q, VECTORS,
                Integer.parseInt(hits.get(0).id().substring(1)) * DIM, DIM), offset(1e-6f));
        // more than the filter allows: every allowed patch comes back
        Filter rare = Filter.parse("labels-all=Water bodies|Pastures|Urban fabric|Arable land|Beaches");
        assertThat(engine.query("p10", 1000, rare)).hasSize((int) METAS.stream().filter(rare::matches)
                .filter(m -> !m.id().equals("p10")).count());
        assertThatThrownBy(() -> engine.query(new float[3], 5, Filter.NONE)).hasMessage("query has dimension 3, index has 16");
    }

    private static List<String> bruteForce(float[] q, Filter f, int k) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (f.matches(METAS.get(i))) {
                ids.add(i);
            }
        }
        ids.sort(Comparator.comparingDouble((Integer i) -> l2(q, i)).thenComparingInt(i -> i));
        return ids.subList(0, Math.min(k, ids.size())).stream().map(i -> "p" + i).toList();
    }

    private static double l2(float[] q, int row) {
        double s = 0;
        for (int j = 0; j < DIM; j++) {
            double d = q[j] - VECTORS[row * DIM + j];
            s += d * d;
        }
        return s;
    }
}
