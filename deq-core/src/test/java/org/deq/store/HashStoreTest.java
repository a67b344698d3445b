package org.deq.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deq.store.StoreFixtures.DIM;
import static org.deq.store.StoreFixtures.SPEC;
import static org.deq.store.StoreFixtures.meta;
import static org.deq.store.StoreFixtures.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.index.Index;
import org.deq.index.MultiCodeIndex;
import org.deq.index.MultiCodeModel;
import org.deq.index.SearchMethod;
import org.deq.index.SearchResult;
import org.deq.raster.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trained encoder and the codes in the index store: persisted, checksummed, incremental, identical after reopen. */
class HashStoreTest {

    private static final StoreConfig CONFIG = new StoreConfig(SPEC, Distance.L2, DIM, new byte[0]);
    private static final List<String> METHODS = List.of("flat", "hamming", "mih", "table:radius=4", "two-stage:candidates=40");

    @TempDir
    Path tmp;

    private static void add(StoreWriter w, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            w.add(meta(i), vector(i));
        }
    }

    private static BinaryEncoder train(IndexStore store, String spec) {
        return Encoders.parse(spec).train(store.vectors(), store.size(), DIM, null, 3);
    }

    /** Every method's k = 8 results for a few stored patches, their own ordinal excluded. */
    private static List<SearchResult> results(IndexStore store) {
        List<SearchResult> out = new ArrayList<>();
        for (String method : METHODS) {
            Index index = store.index(SearchMethod.parse(method), Distance.L2, 1);
            for (int q = 0; q < store.size(); q += 37) {
                out.add(index.search(store.vector(q), 8, null, q));
            }
        }
        return out;
    }

    private static void assertSameResults(List<SearchResult> a, List<SearchResult> b) {
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).ids()).containsExactly(a.get(i).ids());
            assertThat(b.get(i).distances()).containsExactly(a.get(i).distances());
        }
    }

    @Test
    void multiCodeModelIsPersistedAndCoversPatchesAddedLater() throws IOException {
        Path dir = tmp.resolve("mc");
        // DIM floats seen as 2 regions of DIM / 2
        int regions = 2;
        List<SearchResult> before = new ArrayList<>();
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            try (StoreWriter w = store.writer()) {
                add(w, 0, 150);
                w.commit();
                assertThatThrownBy(() -> store.index(SearchMethod.parse("multi-code"), Distance.L2, 1))
                        .hasMessageContaining("has no multi-code model, which search multi-code needs");
                w.setMultiCode(MultiCodeIndex.train(store.vectors(), regions, DIM / regions, 1f, 4, "lsh:bits=16", 5));
                w.commit();
                add(w, 150, 200);
                w.commit();
            }
            assertThat(store.hasMultiCode()).isTrue();
            Index index = store.index(SearchMethod.parse("multi-code"), Distance.L2, 1);
            assertThat(index.size()).isEqualTo(200);
            for (int q = 0; q < 200; q += 23) {
                before.add(index.search(store.vector(q), 6, null, -1));
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains("multicode-1.bin");
        try (IndexStore reopened = IndexStore.open(dir)) {
            Index index = reopened.index(SearchMethod.parse("multi-code"), Distance.L2, 1);
            List<SearchResult> after = new ArrayList<>();
            for (int q = 0; q < 200; q += 23) {
                after.add(index.search(reopened.vector(q), 6, null, -1));
            }
            assertSameResults(before, after);
        }
    }

    @Test
    void theStoredMultiCodeModelSaysWhatItIsAndCanBeDropped() throws IOException {
        Path dir = tmp.resolve("mc-drop");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            try (StoreWriter w = store.writer()) {
                add(w, 0, 100);
                w.commit();
                assertThat(store.multiCodeModel()).isNull();
                w.setMultiCode(MultiCodeIndex.train(store.vectors(), 2, DIM / 2, 1f, 4, "lsh:bits=16", 5));
                w.commit();
            }
            // the model's own clusters and code spec, whatever the index's single-code encoder is
            assertThat(store.multiCodeModel()).isEqualTo(new MultiCodeModel(4, "lsh:bits=16"));
            assertThat(IndexSummary.of(store).multiCodeModel()).isEqualTo(new MultiCodeModel(4, "lsh:bits=16"));
            try (StoreWriter w = store.writer()) {
                w.setEncoder(train(store, "lsh:bits=32"), null);
                w.dropMultiCode();
                w.commit();
            }
            assertThat(store.hasMultiCode()).isFalse();
            assertThat(store.multiCodeModel()).isNull();
        }
        try (IndexStore reopened = IndexStore.open(dir)) {
            assertThat(reopened.hasMultiCode()).isFalse();
            assertThat(reopened.encoder().spec()).isEqualTo("lsh:bits=32");
            // the first encoder's state and codes and the dropped model, replaced by finished commits; not a stopped one's
            Files.write(dir.resolve("encoder-9.bin"), new byte[1]);
            assertThat(reopened.supersededFiles()).extracting(p -> p.getFileName().toString()).containsExactly("multicode-1.bin");
            assertThat(reopened.uncommittedFiles()).extracting(p -> p.getFileName().toString()).contains("encoder-9.bin");
            try (StoreWriter w = reopened.writer()) { // a writer removes the files no commit refers to
                w.setEncoder(train(reopened, "lsh:bits=16"), null);
                w.commit();
            }
            assertThat(reopened.supersededFiles()).extracting(p -> p.getFileName().toString())
                    .allMatch(name -> name.startsWith("encoder-1.") || name.startsWith("codes-1-")).hasSizeGreaterThan(1);
            assertThat(reopened.uncommittedFiles()).hasSameElementsAs(reopened.supersededFiles());
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("multicode-1.bin", "encoder-9.bin");
    }

    @Test
    void codesArePersistedIncrementallyAndIdenticalAfterReopen() throws IOException {
        Path dir = tmp.resolve("idx");
        long[] codes;
        List<SearchResult> before;
        BinaryEncoder encoder;
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            try (StoreWriter w = store.writer()) {
                add(w, 0, 200);
                w.commit();
                assertThat(store.encoder()).isNull();
                assertThatThrownBy(() -> store.index(SearchMethod.parse("mih"), Distance.L2, 1))
                        .hasMessageContaining("--hash lsh:bits=64");
                encoder = train(store, "lsh:bits=32");
                w.setEncoder(encoder, new TrainingSplit("60/40", 1, 200)); // as if learned from labels
                w.commit();
                assertThat(store.generation()).as("an encoder adds no patches").isEqualTo(1);
                assertThat(store.codes()).containsExactly(encoder.encodeAll(store.vectors(), 200));
                // later adds are encoded with the stored encoder, in their own generation
                add(w, 200, 300);
                w.commit();
            }
            assertThat(store.codes()).containsExactly(encoder.encodeAll(store.vectors(), 300));
            codes = store.codes().clone();
            before = results(store);
        }
        assertThat(Files.exists(dir.resolve("codes-1-1.u64"))).isTrue();
        assertThat(Files.exists(dir.resolve("codes-1-2.u64"))).isTrue();
        try (IndexStore reopened = IndexStore.open(dir)) {
            assertThat(reopened.encoder().spec()).isEqualTo(encoder.spec());
            assertThat(reopened.encoderTrainedOn()).as("kept through later adds").isEqualTo(new TrainingSplit("60/40", 1, 200));
            assertThat(reopened.codes()).containsExactly(codes);
            assertThat(reopened.encoder().encodeAll(reopened.vectors(), 300)).containsExactly(codes);
            assertSameResults(before, results(reopened));
        }
    }

    @Test
    void codesAppendedCommitByCommitLeaveTheCodesHandedOutBeforeAsTheyWere() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("idx"), CONFIG)) {
            BinaryEncoder encoder;
            try (StoreWriter w = store.writer()) {
                add(w, 0, 10);
                encoder = Encoders.parse("lsh:bits=64").train(stack(0, 10), 10, DIM, null, 1);
                w.setEncoder(encoder, null);
                w.commit();
                List<long[]> handedOut = new ArrayList<>();
                List<long[]> copies = new ArrayList<>();
                for (int from = 10; from < 100; from += 3) { // the codes grow in place between commits
                    add(w, from, from + 3);
                    w.commit();
                    if (from % 9 == 1) { // read now and then, as a search between commits would
                        long[] codes = store.codes();
                        assertThat(codes).containsExactly(encoder.encodeAll(stack(0, from + 3), from + 3));
                        handedOut.add(codes);
                        copies.add(codes.clone());
                    }
                    for (int i = from; i < from + 3; i++) {
                        assertThat(store.meta(i)).isEqualTo(meta(i));
                    }
                }
                for (int i = 0; i < handedOut.size(); i++) {
                    assertThat(handedOut.get(i)).as("codes read after commit %d", i).containsExactly(copies.get(i));
                }
            }
            assertThat(store.codes()).containsExactly(encoder.encodeAll(stack(0, 100), 100));
            // the Hamming index takes the codes trimmed to the committed patches
            assertThat(store.index(SearchMethod.parse("hamming"), Distance.L2, 1).search(vector(57), 1, null, -1)
                    .distances()).containsExactly(0f);
        }
    }

    @Test
    void retrainingReplacesEncoderAndCodesAndTheOldFilesGo() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG)) {
            try (StoreWriter w = store.writer()) {
                add(w, 0, 120);
                w.setEncoder(Encoders.parse("lsh:bits=16").train(stack(0, 120), 120, DIM, null, 1), null);
                w.commit();
            }
            try (StoreWriter w = store.writer()) {
                add(w, 120, 150);
                w.setEncoder(train(store, "lsh:bits=64"), null);
                w.commit();
            }
            assertThat(store.codes()).hasSize(150);
        }
        try (IndexStore store = IndexStore.open(dir)) {
            assertThat(store.encoder().bits()).isEqualTo(64);
            assertThat(store.codes()).containsExactly(store.encoder().encodeAll(store.vectors(), 150));
            store.writer().close(); // the next writer removes the files of the replaced encoder
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("codes-") || n.startsWith("encoder-")))
                    .containsExactlyInAnyOrder("codes-2-2.u64", "encoder-2.bin");
        }
    }

    @Test
    void damagedCodesAreAOneLineErrorNamingTheFile() throws IOException {
        Path dir = tmp.resolve("idx");
        try (IndexStore store = IndexStore.create(dir, CONFIG); StoreWriter w = store.writer()) {
            add(w, 0, 50);
            w.setEncoder(Encoders.parse("lsh:bits=64").train(stack(0, 50), 50, DIM, null, 1), null);
            w.commit();
        }
        Path codes = dir.resolve("codes-1-1.u64");
        byte[] bytes = Files.readAllBytes(codes);
        bytes[17] ^= 1;
        Files.write(codes, bytes);
        assertThatThrownBy(() -> IndexStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("codes-1-1.u64").hasMessageContaining("checksum");
    }

    private static float[] stack(int from, int to) {
        float[] out = new float[(to - from) * DIM];
        for (int i = from; i < to; i++) {
            System.arraycopy(vector(i), 0, out, (i - from) * DIM, DIM);
        }
        return out;
    }

    @Test
    void anEncoderOfAnotherDimensionIsRefused() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("idx"), CONFIG); StoreWriter w = store.writer()) {
            float[] other = Arrays.copyOf(stack(0, 20), 20 * (DIM + 1));
            BinaryEncoder wrong = Encoders.parse("lsh:bits=16").train(other, 20, DIM + 1, null, 1);
            assertThatThrownBy(() -> w.setEncoder(wrong, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension " + (DIM + 1));
        }
    }
}
