package org.deq.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deq.archive.PatchSource;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.eval.EvalProtocol;
import org.deq.eval.IndexEvaluation;
import org.deq.index.Distance;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import org.deq.store.MetaColumns;
import org.deq.store.StoreConfig;
import org.deq.synth.SyntheticArchive;
import org.deq.synth.SyntheticArchiveSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ingest describes with the store's own descriptor, never with another one that would mix feature spaces. */
class IngestTest {

    private static final SyntheticArchive ARCHIVE = new SyntheticArchive(new SyntheticArchiveSpec(3, 6, 0, false));
    private static final String OWN = ": ingest with the index's own (Ingest.run(archive, store, progress))";

    @TempDir
    Path tmp;

    @Test
    void anotherDescriptorOfTheSameDimensionIsRefused() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), DescriptorSpecs.parse("hsv-hist"), Distance.L1)) {
            Descriptor weighted = DescriptorSpecs.parse("hsv-hist:weight=2");
            assertThat(weighted.dimension()).isEqualTo(store.config().dimension());
            assertThatThrownBy(() -> new Ingest(1, 100).run(ARCHIVE, weighted, store, n -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("descriptor hsv-hist:h=8,s=4,v=4,weight=2.0 is not the index's hsv-hist:h=8,s=4,v=4" + OWN);
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aCodebookFittedOnOtherPatchesOrNoneIsRefused() throws IOException {
        Descriptor blank = DescriptorSpecs.parse("sift-bovw:k=8,step=16");
        Descriptor fitted = Ingest.fit(blank, ARCHIVE, 6, 1);
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), fitted, Distance.L1)) {
            Descriptor refitted = Ingest.fit(blank, ARCHIVE, 6, 2);
            assertThatThrownBy(() -> new Ingest(1, 100).run(ARCHIVE, refitted, store, n -> { }))
                    .hasMessage("descriptor " + fitted.spec() + " is fitted otherwise than the index's " + fitted.spec() + OWN);
            assertThatThrownBy(() -> new Ingest(1, 100).run(ARCHIVE, blank, store, n -> { }))
                    .hasMessage("descriptor " + fitted.spec() + " is not fitted, unlike the index's " + fitted.spec() + OWN);
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void theStoresOwnDescriptorIngestsWhateverTheSpecsSpelling() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), new StoreConfig("hsv-hist", Distance.L1, 128, null))) {
            assertThat(new Ingest(1, 100).run(ARCHIVE, store, n -> { }).indexed()).isEqualTo(6);
            // the same descriptor given explicitly, its spec written out in full
            Ingest.Report again = new Ingest(1, 100).run(ARCHIVE, DescriptorSpecs.parse("hsv-hist"), store, n -> { });
            assertThat(again.skippedExisting()).isEqualTo(6);
            String first = ARCHIVE.iterator().next().id();
            assertThat(new QueryByExample(store).byIds(List.of(first), 3, null)).hasSize(3);
        }
    }
    @Test
    void aStopCommitsWhatWasDescribedAndTheNextRunAddsTheRest() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(new SyntheticArchiveSpec(4, 200, 0, false));
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), DescriptorSpecs.parse("hsv-hist"), Distance.L1)) {
            Ingest ingest = new Ingest(1, 10_000); // no commit of its own before the end: a stop used to lose them all
            Ingest.Report stopped = ingest.run(archive, store, handled -> {
                if (handled > 0) { // the first batch is stored: Ctrl-C now
                    ingest.requestStop();
                }
            });
            assertThat(stopped.stopped()).isTrue();
            assertThat(stopped.indexed()).isBetween(1L, 199L);
            assertThat(store.size()).isEqualTo((int) stopped.indexed()); // committed
            Ingest resumed = new Ingest(1, 10_000);
            List<long[]> reports = new ArrayList<>(); // handled, skipped
            Ingest.Report rest = resumed.run(archive, store, n -> reports.add(new long[] {n, resumed.skipped()}));
            assertThat(rest.stopped()).isFalse();
            assertThat(rest.skippedExisting()).isEqualTo(stopped.indexed());
            // the stored patches, first in the archive, are reported as skipped: a progress bar leaves them out of its rate
            assertThat(reports.get(0)).containsExactly(stopped.indexed(), stopped.indexed());
            assertThat(resumed.skipped()).isEqualTo(stopped.indexed());
            assertThat(store.size()).isEqualTo(200);
        }
    }
    @Test
    void aStopAfterTheLastPatchIsNoStopAndAFullIndexNeverAsksForABatch() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(new SyntheticArchiveSpec(6, 40, 0, false));
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), DescriptorSpecs.parse("hsv-hist"), Distance.L1)) {
            Ingest ingest = new Ingest(1, 10_000);
            Ingest.Report r = ingest.run(archive, store, handled -> {
                if (handled == 40) { // Ctrl-C as the last batch is stored: nothing is left to add
                    ingest.requestStop();
                }
            });
            assertThat(r.stopped()).isFalse();
            assertThat(r.dropped()).isZero();
            assertThat(store.size()).isEqualTo(40);
            Ingest.BatchDescriber unused = new Ingest.BatchDescriber() { // a cluster that must not start
                @Override
                public int batchSize() {
                    throw new AssertionError("asked for a batch with nothing to describe");
                }

                @Override
                public Ingest.Pending submit(List<PatchSource> sources) {
                    throw new AssertionError("handed a batch with nothing to describe");
                }

                @Override
                public void close() {
                }
            };
            assertThat(new Ingest(10_000).run(archive, unused, store, n -> { }).skippedExisting()).isEqualTo(40);
        }
    }

    @Test
    void aLabelTooLongForLuceneIsOneBadPatchAndTheIndexOpensAgainWithTheOthers() throws IOException {
        // a labels file holding one label of 40,000 characters
        Ingest.Report r = ingestWithSecondPatchLabelled(labels -> labels.add("x".repeat(40_000)));
        assertThat(r.bad()).singleElement().satisfies(b -> assertThat(b.error())
                .startsWith("patch '" + idAt(1) + "' (").contains("): its label 'xxxx").endsWith("more than the 32766 an index takes"));
    }

    @Test
    void patchesCountedAtTheStartButNotFoundWhenReadAreNoted() {
        Ingest.Report whole = new Ingest.Report(2080, 0, List.of(), 1, false, 0, List.of());
        assertThat(whole.checkedAgainst(2100).notes()).containsExactly("20 of the 2100 patches counted at the start were not"
                + " found when read (removed or moved while the ingest ran?); indexed, present and bad add up to 2080");
        assertThat(whole.checkedAgainst(2080)).isEqualTo(whole);
        assertThat(whole.checkedAgainst(-1)).isEqualTo(whole);
        Ingest.Report stopped = new Ingest.Report(2080, 0, List.of(), 1, true, 0, List.of());
        assertThat(stopped.checkedAgainst(2100)).isEqualTo(stopped); // a stop says what it kept
    }

    @Test
    void aLabelWithAControlCharacterIsOneBadPatchNamedWithoutIt() throws IOException {
        // an escape sequence in a label file would clear the terminal that lists the index's labels
        Ingest.Report r = ingestWithSecondPatchLabelled(labels -> labels.add("\u001b[2JPWNED"));
        assertThat(r.bad()).singleElement().satisfies(b -> assertThat(b.error()).startsWith("patch '" + idAt(1) + "' (")
                .endsWith(": its label '\\u001B[2JPWNED' holds a control character (U+001B)").doesNotContain("\u001b"));
    }

    @Test
    void aLabelHoldingTheFiltersSeparatorIsOneBadPatch() throws IOException {
        Ingest.Report r = ingestWithSecondPatchLabelled(labels -> labels.add("pipe|label"));
        assertThat(r.bad()).singleElement().satisfies(b -> assertThat(b.error()).startsWith("patch '" + idAt(1) + "' (")
                .endsWith(": its label 'pipe|label' holds '|', which separates labels in filters (labels-any=A|B) and exports"));
    }

    @Test
    void millionsOfLabelsAreOneBadPatchAndRepeatedOnesAreStoredOnce() throws IOException {
        Ingest.Report r = ingestWithSecondPatchLabelled(labels -> {
            for (int i = 0; i < 3_000; i++) {
                labels.add("class " + i);
            }
        });
        assertThat(r.bad()).singleElement().satisfies(b -> assertThat(b.error()).startsWith("patch '" + idAt(1) + "' (")
                .matches(".*: 30\\d\\d different labels, more than the 1000 a patch may carry")); // its own ones and 3000
        // six million copies of one label (a 36 MB JSON file ran a 1 GB heap out): one label
        Path dir = tmp.resolve("repeated");
        Descriptor hsv = DescriptorSpecs.parse("hsv-hist");
        try (IndexStore store = IndexStore.create(dir, hsv, Distance.L1)) {
            Ingest.Report repeated = new Ingest(2).run(ARCHIVE, relabelled(hsv, idAt(1), labels -> {
                for (int i = 0; i < 6_000_000; i++) {
                    labels.add("Pastures");
                }
            }), store, n -> { });
            assertThat(repeated.bad()).isEmpty();
            assertThat(store.meta(store.ordinal(idAt(1))).labels()).containsOnlyOnce("Pastures");
        }
    }

    /**
     * Ingests the archive with the second patch's labels changed by {@code change}; the index opens again afterwards with
     * every other patch at its ordinal.
     */
    private Ingest.Report ingestWithSecondPatchLabelled(java.util.function.Consumer<List<String>> change) throws IOException {
        Descriptor hsv = DescriptorSpecs.parse("hsv-hist");
        String second = idAt(1);
        Path dir = tmp.resolve("i");
        Ingest.Report r;
        try (IndexStore store = IndexStore.create(dir, hsv, Distance.L1)) {
            r = new Ingest(2).run(ARCHIVE, relabelled(hsv, second, change), store, n -> { });
            assertThat(r.indexed()).isEqualTo(5);
        }
        try (IndexStore store = IndexStore.open(dir)) { // every commit opens: doc ids are still ordinals
            assertThat(store.size()).isEqualTo(5);
            assertThat(store.ordinal(second)).isEqualTo(-1);
            for (int ordinal = 0; ordinal < 5; ordinal++) {
                assertThat(store.ordinal(store.meta(ordinal).id())).isEqualTo(ordinal);
            }
        }
        return r;
    }

    /** Describes in batches of 4, the labels of patch {@code id} changed by {@code change}. */
    private static Ingest.BatchDescriber relabelled(Descriptor descriptor, String id, java.util.function.Consumer<List<String>> change) {
        return new Ingest.BatchDescriber() {
            @Override
            public int batchSize() {
                return 4;
            }

            @Override
            public Ingest.Pending submit(List<PatchSource> sources) {
                List<Ingest.Described> out = new ArrayList<>();
                for (PatchSource source : sources) {
                    Ingest.Described d = Ingest.describe(source, descriptor);
                    if (source.id().equals(id)) {
                        List<String> labels = new ArrayList<>(d.meta().labels());
                        change.accept(labels);
                        d = new Ingest.Described(d.meta().withLabels(labels), d.vector(), null);
                    }
                    out.add(d);
                }
                return () -> out;
            }

            @Override
            public void close() {
            }
        };
    }

    private static String idAt(int position) {
        var it = ARCHIVE.iterator();
        for (int i = 0; i < position; i++) {
            it.next();
        }
        return it.next().id();
    }

    @Test
    void labelIdsAndTheSplitAreTheSameInTheWritingProcessAsAfterReopening() throws IOException {
        // BigEarthNet-like patches list several labels in no particular order
        SyntheticArchive archive = new SyntheticArchive(new SyntheticArchiveSpec(7, 60, 0, false));
        Path dir = tmp.resolve("i");
        EvalProtocol split = new EvalProtocol(EvalProtocol.Scope.TRAIN, EvalProtocol.Scope.TEST, 60, 1, false);
        List<String> names = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        boolean[] train;
        try (IndexStore store = IndexStore.create(dir, DescriptorSpecs.parse("hsv-hist"), Distance.L1)) {
            new Ingest(1, 25).run(archive, store, n -> { }); // as deq index --hash ksh trains right after its ingest
            MetaColumns columns = store.columns();
            for (int id = 0; id < columns.labelCount(); id++) {
                names.add(columns.labelName(id));
            }
            for (int i = 0; i < store.size(); i++) {
                rows.add(columns.labelIds(i));
            }
            train = split.trainMask(IndexEvaluation.truthOf(store));
        }
        assertThat(rows).anySatisfy(ids -> assertThat(ids.length).isGreaterThan(1));
        try (IndexStore store = IndexStore.open(dir)) { // as a later deq eval --split 60/40 --seed 1
            MetaColumns columns = store.columns();
            assertThat(columns.labelCount()).isEqualTo(names.size());
            for (int id = 0; id < names.size(); id++) {
                assertThat(columns.labelName(id)).isEqualTo(names.get(id));
            }
            for (int i = 0; i < store.size(); i++) {
                assertThat(columns.labelIds(i)).as("label ids of row %d", i).containsExactly(rows.get(i));
            }
            assertThat(split.trainMask(IndexEvaluation.truthOf(store))).containsExactly(train);
        }
    }

    @Test
    void aBatchFailingAfterAStopOrWithoutOneLeavesTheBatchesBeforeItCommitted() throws IOException {
        SyntheticArchive archive = new SyntheticArchive(new SyntheticArchiveSpec(5, 30, 0, false));
        Descriptor hsv = DescriptorSpecs.parse("hsv-hist");
        for (boolean stopping : new boolean[] {true, false}) {
            try (IndexStore store = IndexStore.create(tmp.resolve("i" + stopping), hsv, Distance.L1)) {
                Ingest ingest = new Ingest(10_000);
                Ingest.BatchDescriber failsFromTheSecondBatch = new Ingest.BatchDescriber() {
                    private int batches;

                    @Override
                    public int batchSize() {
                        return 10;
                    }

                    @Override
                    public Ingest.Pending submit(List<PatchSource> sources) {
                        boolean first = batches++ == 0;
                        return () -> {
                            if (!first) { // as a Spark context stopped by the JVM's shutdown fails its batch
                                if (stopping) {
                                    ingest.requestStop();
                                }
                                throw new IllegalStateException("the cluster stopped");
                            }
                            List<Ingest.Described> out = new ArrayList<>();
                            for (PatchSource source : sources) {
                                out.add(Ingest.describe(source, hsv));
                            }
                            return out;
                        };
                    }

                    @Override
                    public void close() {
                    }
                };
                if (stopping) {
                    Ingest.Report r = ingest.run(archive, failsFromTheSecondBatch, store, n -> { });
                    assertThat(r.stopped()).isTrue();
                    assertThat(r.indexed()).isEqualTo(10);
                    assertThat(r.dropped()).as("the failed batch and the one handed over after it").isEqualTo(20);
                } else {
                    assertThatThrownBy(() -> ingest.run(archive, failsFromTheSecondBatch, store, n -> { }))
                            .hasMessage("the cluster stopped");
                }
                assertThat(store.size()).as("committed before the failed batch").isEqualTo(10);
            }
        }
    }
}
