package org.deq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.change.ChangeExample;
import org.deq.change.ChangeHit;
import org.deq.change.ChangePairs;
import org.deq.change.ChangeSearch;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.eval.EvalProtocol;
import org.deq.eval.EvalReport;
import org.deq.eval.EvalSets;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.eval.RetrievalEvaluator;
import org.deq.feedback.FeedbackEngine;
import org.deq.feedback.FeedbackRound;
import org.deq.feedback.FeedbackSession;
import org.deq.feedback.SessionStore;
import org.deq.feedback.Strategy;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Encoders;
import org.deq.index.Distance;
import org.deq.index.SearchMethod;
import org.deq.ingest.Ingest;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.search.Filter;
import org.deq.search.Hit;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import org.deq.store.StoreWriter;
import org.deq.synth.SyntheticArchiveSpec;
import org.deq.synth.SyntheticArchiveWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/library.md, run: each step of the quick start is one test, in the doc's order, on a small synthetic
 * Sentinel-2 archive; the last test checks that every Java block of the doc stands here word for word (but for the
 * indentation and the closing braces).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryQuickStartTest {

    private static final Path DOC = Path.of("../docs/library.md");
    private static final Path SOURCE = Path.of("src/test/java/org/deq/LibraryQuickStartTest.java");

    @TempDir
    static Path work;
    static Path archiveDir;
    static Path indexDir;
    static String exampleId;

    @BeforeAll
    static void writeArchive() throws IOException {
        archiveDir = work.resolve("archive");
        indexDir = work.resolve("index");
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(new SyntheticArchiveSpec(1, 40, 0, false),
                archiveDir, n -> { });
    }

    @Test
    @Order(1)
    void createAndIngest() throws IOException {
        // [create]
        Archive archive = Archives.open(archiveDir);
        Descriptor descriptor = DescriptorSpecs.parse(DescriptorSpecs.DEFAULT_S2);
        descriptor = Ingest.fit(descriptor, archive, 1000, 42); // learns a codebook where the spec has one; else as is
        try (IndexStore store = IndexStore.create(indexDir, descriptor, Distance.L1)) {
            Ingest.Report report = new Ingest(4, 10_000).run(archive, store, done -> { });
            System.out.println(report.indexed() + " patches indexed, " + report.bad().size() + " bad");
        }
        // [/create]
        try (IndexStore store = IndexStore.open(indexDir)) {
            assertThat(store.size()).isEqualTo(40);
        }
    }

    @Test
    @Order(2)
    void queryByExample() throws IOException {
        Path exampleFolder = Archives.open(archiveDir).iterator().next().location();
        // [query]
        try (IndexStore store = IndexStore.open(indexDir)) {
            QueryByExample qbe = new QueryByExample(store);
            Patch example = Archives.readPatch(exampleFolder); // a patch folder, GeoTIFF, PNG or JPEG
            List<Hit> hits = qbe.byExamples(List.of(example), 10, Filter.parse("exclude-flags=cloud|snow"));
            for (Hit h : hits) {
                System.out.println(h.rank() + " " + h.id() + " " + h.distance() + " " + h.meta().labels());
            }
            List<Hit> similar = qbe.byIds(List.of(hits.get(0).id()), 10, null); // by a stored patch, itself left out
        // [/query]
            assertThat(hits).hasSize(10);
            assertThat(hits.get(0).distance()).isZero(); // the example is a stored patch
            assertThat(similar).hasSize(10).extracting(Hit::id).doesNotContain(hits.get(0).id());
            exampleId = hits.get(0).id();
        }
    }

    @Test
    @Order(3)
    void hashCodes() throws IOException {
        // [hash]
        try (IndexStore store = IndexStore.open(indexDir)) {
            int dim = store.config().dimension();
            BinaryEncoder lsh = Encoders.parse("lsh:bits=64").train(store.vectors(), store.size(), dim, null, 42);
            try (StoreWriter writer = store.writer()) {
                writer.setEncoder(lsh, null); // stores the encoder and the code of every patch; later adds are coded too
                writer.commit();
            }
            QueryByExample fast = QueryByExample.open(store, SearchMethod.parse("two-stage:candidates=20"),
                    store.config().distance(), 1);
            List<Hit> hits = fast.byIds(List.of(exampleId), 10, null);
        // [/hash]
            assertThat(store.encoder()).hasToString("lsh:bits=64");
            assertThat(hits).hasSize(10);
        }
    }

    @Test
    @Order(4)
    void relevanceFeedback() throws IOException {
        // [feedback]
        try (IndexStore store = IndexStore.open(indexDir)) {
            FeedbackEngine engine = new FeedbackEngine(store);
            SessionStore sessions = new SessionStore(SessionStore.defaultFolder(indexDir)); // where deq feedback looks
            FeedbackSession session = engine.start("my-search", List.of(exampleId), 0); // pool 0: the whole archive
            sessions.create(session); // refused if the name is taken, even by a start at the same moment
            FeedbackRound round = engine.round(session, Strategy.ACTIVE, 20, 10, 42);
            // the user marks some of round.suggestions(): true relevant, false irrelevant
            Map<String, Boolean> marks = new LinkedHashMap<>();
            marks.put(round.suggestions().get(0), true);
            marks.put(round.suggestions().get(1), false);
            session = sessions.update("my-search", current -> engine.mark(current, marks)); // safe beside a server
            round = engine.round(session, Strategy.ACTIVE, 20, 10, 42);
        // [/feedback]
            assertThat(round.results()).hasSize(20);
            assertThat(round.irrelevant()).isEqualTo(1);
            assertThat(new SessionStore(indexDir.resolve("feedback-sessions")).load("my-search").marks()).isEqualTo(marks);
        }
    }

    @Test
    @Order(5)
    void evaluation() throws IOException {
        // [eval]
        try (IndexStore store = IndexStore.open(indexDir)) {
            LabelTruth truth = IndexEvaluation.truthOf(store); // the labels stored with the patches
            EvalProtocol protocol = EvalProtocol.allVsAll();
            EvalSets sets = protocol.resolve(truth);
            EvalReport report = new RetrievalEvaluator().evaluate(protocol, truth,
                    IndexEvaluation.exactRanker(store, sets, store.config().distance()), 10);
            System.out.println(report.toTable());
        // [/eval]
            assertThat(report.queries()).isEqualTo(40);
            assertThat(report.labelRecallAtK()).isBetween(0.0, 1.0);
        }
    }

    @Test
    @Order(6)
    void changeQuery() throws IOException {
        Path pairsIndexDir = work.resolve("pairs-index");
        new SyntheticArchiveWriter(GeoTiffWriter.Compression.NONE, 2).write(new SyntheticArchiveSpec(2, 6, 8, false),
                work.resolve("pairs"), n -> { });
        Archive withPairs = Archives.open(work.resolve("pairs"));
        try (IndexStore store = IndexStore.create(pairsIndexDir, DescriptorSpecs.parse(DescriptorSpecs.DEFAULT_S2), Distance.L1)) {
            new Ingest(2, 10_000).run(withPairs, store, done -> { });
        }
        // [change]
        try (IndexStore store = IndexStore.open(pairsIndexDir)) {
            ChangeSearch changes = new ChangeSearch(store, 4); // finds the pairs: one footprint, consecutive dates
            ChangePairs pairs = changes.index().pairs();
            ChangeExample before = ChangeExample.stored(store.meta(pairs.before()[0]).id()); // or ChangeExample.of(patch)
            ChangeExample after = ChangeExample.stored(store.meta(pairs.after()[0]).id());
            ChangeSearch.Answer answer = changes.query(before, after, 5, Filter.NONE);
            for (ChangeHit h : answer.hits()) {
                System.out.println(h.rank() + " " + h.before().id() + " -> " + h.after().id() + " " + h.distance());
            }
            answer.notes().forEach(System.out::println); // as deq change prints them
        // [/change]
            assertThat(pairs.before()).hasSize(8);
            assertThat(answer.hits()).hasSize(5).noneMatch(h -> h.before().id().equals(before.id()) && h.after().id().equals(after.id()));
        }
    }

    @Test
    @Order(7)
    void everyJavaBlockOfTheDocIsCodeRunHere() throws IOException {
        String source = unindented(Files.readString(SOURCE, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            // a block's closing braces stand here after the assertions
            blocks.add(unindented(m.group(1)).replaceFirst("(}\n)+$", ""));
        }
        assertThat(blocks).hasSize(6);
        for (String block : blocks) {
            assertThat(source).as("docs/library.md block run by this test").contains(block);
        }
    }

    /** Lines without their indentation, so a block reads the same in the doc and inside a method. */
    private static String unindented(String text) {
        return text.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
    }
}
