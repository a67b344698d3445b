package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.index.Index;
import org.deq.index.SearchResult;
import org.deq.ingest.Ingest;
import org.deq.store.IndexStore;
import org.deq.synth.SyntheticArchive;
import org.deq.synth.SyntheticArchiveSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation's ranker: ties of a code-ranked search in a seeded order of their own, not in archive order. */
class IndexEvaluationTest {

    private static final int PATCHES = 250;
    private static final int RUN = 100; // the stand-in index's distance: id / RUN, so ties come in runs of 100

    @TempDir
    static Path tmp;
    private static IndexStore store;
    private static EvalSets sets;

    @BeforeAll
    static void ingest() throws IOException {
        store = IndexStore.create(tmp.resolve("i"), DescriptorSpecs.parse("hsv-hist"), Distance.L1);
        new Ingest(1, 100).run(new SyntheticArchive(new SyntheticArchiveSpec(3, PATCHES, 0, false)), store, n -> { });
        sets = new EvalProtocol(EvalProtocol.Scope.ALL, EvalProtocol.Scope.ALL, 60, 1, false)
                .resolve(IndexEvaluation.truthOf(store));
    }

    /** Ranks every allowed id by id / RUN, ties in id order, as a Hamming scan lists them. */
    private static final Index RUNS = new Index() {
        @Override
        public int dimension() {
            return store.config().dimension();
        }

        @Override
        public int size() {
            return PATCHES;
        }

        @Override
        public void add(float[] vectors) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
            int[] ids = IntStream.range(0, PATCHES).filter(i -> i != excludeId && (allowed == null || allowed.get(i)))
                    .limit(k).toArray();
            float[] d = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                d[i] = ids[i] / RUN;
            }
            return new SearchResult(ids, d);
        }
    };

    @Test
    void tiesComeInASeededOrderTakenFromTheWholeRunAndTheTopIsTheFullRankingsStart() {
        Ranker archiveOrder = IndexEvaluation.ranker(store, sets, RUNS, 15, false);
        Ranker tieOrder = IndexEvaluation.ranker(store, sets, RUNS, 15, true);
        int query = 150;
        // the evaluator asks one more for a query in the database
        assertThat(archiveOrder.rank(query, 16)).containsExactly(IntStream.range(0, 15).toArray());
        int[] top = tieOrder.rank(query, 16);
        assertThat(top).hasSize(15).isEqualTo(tieOrder.rank(query, 16)); // the same every time
        // the 15 are drawn from the whole first run of 100 (the search asked again until the run ended), not its start
        assertThat(Arrays.stream(top).allMatch(id -> id < RUN)).isTrue();
        assertThat(top).isNotEqualTo(IntStream.range(0, 15).toArray());
        assertThat(Arrays.stream(top).max().orElseThrow()).isGreaterThan(30);
        int[] full = tieOrder.rank(query, PATCHES);
        assertThat(Arrays.copyOf(full, 15)).isEqualTo(top);
        // every item once, the runs in distance order, the query left out
        assertThat(Arrays.stream(full).sorted().toArray())
                .isEqualTo(IntStream.range(0, PATCHES).filter(i -> i != query).toArray());
        for (int i = 1; i < full.length; i++) {
            assertThat(full[i] / RUN).isGreaterThanOrEqualTo(full[i - 1] / RUN);
        }
        // another query orders its ties otherwise
        assertThat(tieOrder.rank(151, 16)).isNotEqualTo(top);
    }
}
