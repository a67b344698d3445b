package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.deq.index.Distance;
import org.deq.raster.BadInputException;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackSessionTest {

    @TempDir
    Path tmp;

    @Test
    void sessionSurvivesARestartAndExports() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            SessionStore sessions = new SessionStore(tmp.resolve("sessions"));
            FeedbackSession s = engine.start("harbour-1", List.of("p0", "p3"), 50);
            assertThat(s.pool()).hasSize(52).contains("p0", "p3"); // the query examples and 50 images besides them
            s = engine.mark(s, marks("p6", true, "p1", false, "p2", false));
            sessions.create(s);
            FeedbackRound before = engine.round(s, Strategy.ACTIVE, 10, 5, 7);

            FeedbackSession reopened = new SessionStore(tmp.resolve("sessions")).load("harbour-1");
            assertThat(reopened).isEqualTo(s);
            assertThat(reopened.marks().keySet()).containsExactly("p6", "p1", "p2");
            assertThat(reopened.round()).isEqualTo(1);
            FeedbackRound after = engine.round(reopened, Strategy.ACTIVE, 10, 5, 7);
            assertThat(after.results()).isEqualTo(before.results());
            assertThat(after.suggestions()).isEqualTo(before.suggestions());
            assertThat(sessions.names()).containsExactly("harbour-1");

            Path exported = tmp.resolve("out/harbour.json");
            sessions.export("harbour-1", exported);
            assertThat(SessionStore.read(exported)).isEqualTo(s);

            // a copied session file is a fork under the copy's name: marking it never rewrites the original
            Files.copy(tmp.resolve("sessions/harbour-1.json"), tmp.resolve("sessions/harbour-2.json"));
            FeedbackSession fork = sessions.load("harbour-2");
            assertThat(fork.name()).isEqualTo("harbour-2");
            assertThat(fork.marks()).isEqualTo(s.marks());
            sessions.update("harbour-2", current -> engine.mark(current, marks("p7", true)));
            assertThat(sessions.load("harbour-1")).isEqualTo(s);
            assertThat(sessions.load("harbour-2").marks()).containsKey("p7");
        }
    }

    @Test
    void aSessionsFolderThatIsAFileIsNamedAndAnUnchangedSessionKeepsItsFile() throws Exception {
        Path file = tmp.resolve("not-a-folder");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new SessionStore(file).names()).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": not a folder; the sessions folder must be a folder");
        SessionStore store = new SessionStore(tmp.resolve("kept"));
        store.create(FeedbackSession.start("s", "idx", List.of("q"), List.of()).mark(Map.of("a", true)));
        Path saved = tmp.resolve("kept/s.json");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(saved, old);
        store.update("s", current -> current.mark(Map.of("a", true))); // the mark it holds: no round, no write
        assertThat(Files.getLastModifiedTime(saved)).isEqualTo(old);
    }

    @Test
    void marksThatChangeOrRepeatEarlierOnesAreNoted() {
        FeedbackSession s = FeedbackSession.start("s", "idx", List.of("q"), List.of()).mark(Map.of("a", true, "b", false));
        assertThat(s.changedMarks(Map.of("a", false))).containsExactly("a was marked relevant, now irrelevant");
        assertThat(s.changedMarks(Map.of("a", true)))
                .containsExactly("a was already marked so; the model is unchanged and no round is counted");
        assertThat(s.mark(Map.of("a", true))).isSameAs(s); // nothing new: no round
        assertThat(s.mark(Map.of("a", true, "c", true)).round()).isEqualTo(2);
        assertThat(s.changedMarks(new java.util.LinkedHashMap<>(Map.of("b", false, "c", true))))
                .containsExactly("b was already marked so; only the other marks are new");
        assertThat(s.changedMarks(Map.of("c", true))).isEmpty();
    }

    @Test
    void concurrentUpdatesFromTwoStoresOnOneFolderKeepEveryMark() throws Exception {
        Path dir = tmp.resolve("shared-sessions");
        new SessionStore(dir).create(FeedbackSession.start("busy", "idx", List.of("q"), List.of()));
        Path link = Files.createSymbolicLink(tmp.resolve("sessions-link"), dir);
        int writers = 4;
        int marksEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            // as a CLI process and a server would each have their own; half by a link to the folder, which the
            // lock must see as the same folder (a second lock on one file in one JVM threw OverlappingFileLockException)
            SessionStore own = new SessionStore(writer % 2 == 0 ? dir : link);
            done.add(pool.submit(() -> {
                for (int m = 0; m < marksEach; m++) {
                    Map<String, Boolean> mark = Map.of("w" + writer + "-" + m, m % 2 == 0);
                    own.update("busy", current -> current.mark(mark));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        FeedbackSession last = new SessionStore(dir).load("busy");
        assertThat(last.marks()).hasSize(writers * marksEach);
        assertThat(last.round()).isEqualTo(writers * marksEach);
        assertThat(new SessionStore(dir).names()).containsExactly("busy");
    }

    @Test
    void aWriterGivesUpOnALockAnotherProcessHoldsAndWritesNothing() throws Exception {
        Path dir = tmp.resolve("held");
        SessionStore sessions = new SessionStore(dir, Duration.ofSeconds(1));
        sessions.create(FeedbackSession.start("s1", "idx", List.of("q"), List.of()));
        byte[] before = Files.readAllBytes(dir.resolve("s1.json"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), dir.resolve(".lock").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            long start = System.nanoTime();
            assertThatThrownBy(() -> sessions.update("s1", s -> s.mark(Map.of("x", true))))
                    .isInstanceOf(SessionsBusyException.class)
                    .hasMessageStartingWith(dir.resolve(".lock") + ": another deq process (or request) has held the feedback"
                            + " sessions' lock for 1 s; nothing was written");
            assertThat((System.nanoTime() - start) / 1e9).isBetween(0.9, 6.0);
            assertThatThrownBy(() -> sessions.delete("s1")).isInstanceOf(SessionsBusyException.class);
            assertThat(Files.readAllBytes(dir.resolve("s1.json"))).isEqualTo(before);
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        // the holder gone, the same store writes again
        sessions.update("s1", s -> s.mark(Map.of("x", true)));
        assertThat(sessions.load("s1").marks()).containsKey("x");
        // work under the lock that takes it again is a bug told as one, not the JVM's OverlappingFileLockException
        assertThatThrownBy(() -> sessions.update("s1", s -> {
            sessions.delete("s1");
            return s;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("taken again");
        assertThat(sessions.names()).containsExactly("s1");
    }

    @Test
    void leftoversOfAKilledWriteAreClearedByPruneDeleteAndAServerStartButNothingElse() throws IOException {
        Path dir = tmp.resolve("leftovers");
        SessionStore sessions = new SessionStore(dir);
        sessions.create(FeedbackSession.start("s1", "idx", List.of("q"), List.of()));
        sessions.create(FeedbackSession.start("s2", "idx", List.of("q"), List.of()));
        List<String> leftovers = List.of(".s1.json.69a3e4cde7e981b2.tmp", ".web-00ff.json.1.tmp");
        List<String> others = List.of(".notes.tmp", "s1.json.tmp", ".s1.json.xyz.tmp", "readme.txt");
        for (String name : Stream.concat(leftovers.stream(), others.stream()).toList()) {
            Files.writeString(dir.resolve(name), "{");
        }
        sessions.clearLeftovers();
        assertThat(leftovers).noneMatch(n -> Files.exists(dir.resolve(n)));
        assertThat(others).allMatch(n -> Files.exists(dir.resolve(n)));
        Files.writeString(dir.resolve(leftovers.get(0)), "{");
        sessions.delete("s2");
        assertThat(dir.resolve(leftovers.get(0))).doesNotExist();
        Files.writeString(dir.resolve(leftovers.get(0)), "{");
        assertThat(sessions.prune(Instant.EPOCH)).isEqualTo(new SessionStore.Pruned(List.of(), List.of()));
        assertThat(dir.resolve(leftovers.get(0))).doesNotExist();
        assertThat(sessions.names()).containsExactly("s1");
        // a start killed before its first save left only its temporary file: deleting the session clears it
        Files.writeString(dir.resolve(".k1.json.ac21b8b048481fad.tmp"), "{");
        assertThatThrownBy(() -> sessions.delete("k1")).hasMessageEndingWith("no feedback session named 'k1'");
        assertThat(dir.resolve(".k1.json.ac21b8b048481fad.tmp")).doesNotExist();
    }

    @Test
    void concurrentStartsOfOneNameSaveOneSessionAndRefuseTheOthers() throws Exception {
        Path dir = tmp.resolve("race-sessions");
        int starters = 6;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < starters; i++) {
            String query = "q" + i;
            SessionStore own = new SessionStore(dir); // as separate CLI processes would each have their own
            done.add(pool.submit(() -> {
                try {
                    own.create(FeedbackSession.start("race1", "idx", List.of(query), List.of()));
                    return query;
                } catch (SessionExistsException e) {
                    assertThat(e.name()).isEqualTo("race1");
                    return null;
                }
            }));
        }
        List<String> won = new ArrayList<>();
        for (Future<String> f : done) {
            if (f.get() != null) {
                won.add(f.get());
            }
        }
        pool.shutdown();
        assertThat(won).hasSize(1);
        SessionStore sessions = new SessionStore(dir);
        assertThat(sessions.load("race1").query()).isEqualTo(won);
        // a later start of the name never overwrites the marks the session got meanwhile
        sessions.update("race1", s -> s.mark(Map.of("a", true)));
        assertThatThrownBy(() -> sessions.create(FeedbackSession.start("race1", "idx", List.of("q9"), List.of())))
                .isInstanceOf(SessionExistsException.class)
                .hasMessage(dir.resolve("race1.json") + ": feedback session 'race1' exists; delete it first to replace it,"
                        + " or pick another name");
        assertThat(sessions.load("race1").marks()).containsEntry("a", true);
    }

    @Test
    void aRefusedMarkLeavesTheSavedFileUntouched() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            SessionStore sessions = new SessionStore(tmp.resolve("refused"));
            // a session whose query examples this index lacks (started on another index): it cannot be ranked
            sessions.create(FeedbackSession.start("x1", "elsewhere", List.of("ghost"), List.of()));
            Path file = tmp.resolve("refused/x1.json");
            String before = Files.readString(file);
            assertThatThrownBy(() -> sessions.update("x1", s -> engine.mark(s, marks("p1", false))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("session 'x1': none of its query examples is in the index " + store.dir());
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(sessions.load("x1").round()).isZero();
            assertThat(sessions.exists("x1")).isTrue();
            assertThat(sessions.exists("x2")).isFalse();
        }
    }

    @Test
    void marksPastTheLimitAreRefusedAndLeaveTheSavedFileUntouched() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            SessionStore sessions = new SessionStore(tmp.resolve("full"));
            // a session at the limit: two marks of the index and marks saved earlier of ids it no longer holds
            Map<String, Boolean> full = marks("p1", false, "p2", true);
            for (int i = full.size(); i < FeedbackEngine.MAX_MARKS; i++) {
                full.put("gone-" + i, i % 2 == 0);
            }
            sessions.create(FeedbackSession.start("full", "idx", List.of("p0"), List.of()).mark(full));
            Path file = tmp.resolve("full/full.json");
            String before = Files.readString(file);
            assertThatThrownBy(() -> sessions.update("full", s -> engine.mark(s, marks("p3", true))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("session 'full': 1001 marks with these; a session holds at most 1000 (it has 1000): start"
                            + " a new session from its best results");
            assertThat(Files.readString(file)).isEqualTo(before);
            // changing a mark adds none: still allowed at the limit
            assertThat(sessions.update("full", s -> engine.mark(s, marks("p1", true))).marks())
                    .hasSize(FeedbackEngine.MAX_MARKS).containsEntry("p1", true);
        }
    }

    @Test
    void aSimulationNeedingMoreMarksThanASessionHoldsIsRefused() {
        assertThatThrownBy(() -> SimulationSpec.rounds(101, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rounds × marks: 101 × 10 (and 0 + 0 initial marks) make 1010 marks per session; a session"
                        + " holds at most 1000");
        assertThat(SimulationSpec.rounds(100, 10, 1).rounds()).isEqualTo(100);
        assertThat(SimulationSpec.demir2015(1).marks()).isEqualTo(5);
    }

    @Test
    void aSessionKeepsWhichMarksCameInWhichRoundAndNamesItsIndexAbsolutely() throws IOException {
        try (IndexStore relative = IndexStore.open(Path.of("").toAbsolutePath().relativize(blobStoreDir()))) {
            FeedbackEngine engine = new FeedbackEngine(relative);
            FeedbackSession s = engine.start("h", List.of("p0"), 0);
            assertThat(Path.of(s.index())).isAbsolute().isEqualTo(tmp.resolve("index").toAbsolutePath().normalize());
            s = engine.mark(engine.mark(s, marks("p3", true, "p1", false)), marks("p1", false, "p6", true));
            assertThat(s.history()).containsExactly(marks("p3", true, "p1", false), marks("p6", true));
            SessionStore sessions = new SessionStore(tmp.resolve("history"));
            sessions.create(s);
            assertThat(sessions.load("h").history()).isEqualTo(s.history());

            // a file saved before sessions kept their history still reads, with none
            Files.writeString(tmp.resolve("history/old.json"), "{\"name\": \"old\", \"index\": \"ucm\", \"query\": [\"p0\"],"
                    + " \"pool\": [], \"marks\": {\"p3\": true}, \"round\": 1}");
            FeedbackSession old = sessions.load("old");
            assertThat(old.history()).isEmpty();
            assertThat(engine.mark(old, marks("p6", true)).history()).containsExactly(marks("p6", true));

            List<String> twice = List.of("p0", "p3", "p0");
            assertThatThrownBy(() -> engine.start("d", twice, 0)).hasMessage("query gives 'p0' twice");
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 65; i++) {
                many.add("p" + i);
            }
            assertThatThrownBy(() -> engine.start("m", many, 0))
                    .hasMessage("session 'm': 65 query examples; at most 64 make one query");
        }
    }

    @Test
    void summariesNameDamagedFilesWhichCanStillBeDeleted() throws IOException {
        SessionStore sessions = new SessionStore(tmp.resolve("summaries"));
        sessions.create(FeedbackSession.start("a", "idx", List.of("q"), List.of()).mark(Map.of("m1", true, "m2", false)));
        Files.writeString(tmp.resolve("summaries/b.json"), "{\"name\": \"b\", \"ind"); // truncated
        Files.writeString(tmp.resolve("summaries/c.json"), "{}");
        Files.createDirectory(tmp.resolve("summaries/d.json")); // a folder so named is no session
        List<SessionSummary> all = sessions.summaries();
        assertThat(all).extracting(SessionSummary::name).containsExactly("a", "b", "c");
        assertThat(all.get(2).error()).contains("the field name is missing").doesNotContain("'null'");
        assertThat(all.get(0).round()).isEqualTo(1);
        assertThat(all.get(0).marks()).isEqualTo(2);
        assertThat(all.get(0).error()).isNull();
        assertThat(all.get(1).round()).isNull();
        assertThat(all.get(1).error()).startsWith("b.json: not a feedback session");
        sessions.delete("b");
        sessions.delete("c");
        assertThat(sessions.names()).containsExactly("a");
    }

    @Test
    void aFolderNamedLikeASessionIsNoSessionToDelete() throws IOException {
        Path dir = tmp.resolve("folders");
        SessionStore sessions = new SessionStore(dir);
        Path empty = Files.createDirectories(dir.resolve("e.json"));
        Path full = Files.createDirectories(dir.resolve("full.json"));
        Files.writeString(full.resolve("inside.txt"), "kept");
        for (String name : List.of("e", "full")) {
            assertThatThrownBy(() -> sessions.delete(name)).as(name).isInstanceOf(BadInputException.class)
                    .hasMessage(dir.resolve(name + ".json") + ": no feedback session named '" + name + "'");
        }
        assertThat(empty).isDirectory();
        assertThat(full.resolve("inside.txt")).hasContent("kept");
    }

    @Test
    void simulationJsonNamesStrategiesInLowerCaseAsItsRowsDo() throws IOException {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(SimulationSpec.rounds(1, 5, 1));
        assertThat(json).contains("\"strategies\":[\"top\",\"active\"]");
    }

    @Test
    void roundTrainsAnSvmRanksRelevantClusterFirstAndNeverSuggestsMarkedImages() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            FeedbackSession s = engine.start("s", List.of("p0"), 0);
            s = engine.mark(s, marks("p3", true, "p6", true, "p1", false, "p2", false, "p4", false));
            FeedbackRound round = engine.round(s, Strategy.ACTIVE, 30, 8, 1);
            assertThat(round.model()).isEqualTo("svm");
            assertThat(round.notes()).isEmpty();
            assertThat(round.relevant()).isEqualTo(3);
            assertThat(round.irrelevant()).isEqualTo(3);
            // the blobs are well apart: the relevant cluster (ids p0, p3, p6, ...) fills the top 30 exactly
            for (FeedbackRound.Result r : round.results()) {
                assertThat(Integer.parseInt(r.id().substring(1)) % 3).as(r.id()).isZero();
                assertThat(r.mark()).as(r.id()).isEqualTo(Set.of("p0", "p3", "p6").contains(r.id()) ? Boolean.TRUE : null);
            }
            assertThat(round.suggestions()).hasSize(8).doesNotContainAnyElementsOf(s.marks().keySet()).doesNotContain("p0");
            // the engine keeps the whole archive's pool between rounds: a second round, and a fresh engine's, rank alike
            FeedbackRound again = engine.round(s, Strategy.ACTIVE, 30, 8, 1);
            FeedbackRound fresh = new FeedbackEngine(store).round(s, Strategy.ACTIVE, 30, 8, 1);
            for (FeedbackRound other : List.of(again, fresh)) {
                assertThat(other.results()).isEqualTo(round.results());
                assertThat(other.suggestions()).isEqualTo(round.suggestions());
            }
            FeedbackSession marked = s;
            assertThatThrownBy(() -> engine.round(marked, Strategy.ACTIVE, 30, FeedbackEngine.MAX_SUGGESTIONS + 1, 1))
                    .hasMessage("number of images to suggest must be within 0..50, got 51");
            assertThatThrownBy(() -> engine.round(marked, Strategy.ACTIVE, 30, -1, 1)).hasMessageContaining("got -1");
            assertThatThrownBy(() -> engine.round(marked, null, 30, 8, 1)).hasMessage("strategy");
        }
    }

    @Test
    void aFilterLimitsResultsAndSuggestionsButNotTraining() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            FeedbackSession s = engine.mark(engine.start("s", List.of("p0"), 0),
                    marks("p3", true, "p6", true, "p1", false, "p2", false, "p4", false));
            // odd ids only: half of the relevant cluster, and none of the query or of p6, p2, p4
            BitSet odd = new BitSet(store.size());
            Set<String> oddIds = new HashSet<>();
            for (int i = 1; i < store.size(); i += 2) {
                odd.set(store.ordinal("p" + i));
                oddIds.add("p" + i);
            }
            for (Strategy strategy : Strategy.values()) {
                FeedbackRound round = engine.round(s, strategy, 30, 8, 1, odd);
                assertThat(round.relevant()).as(strategy.key()).isEqualTo(3);
                assertThat(round.irrelevant()).as(strategy.key()).isEqualTo(3);
                assertThat(round.results()).as(strategy.key()).hasSize(30)
                        .allMatch(r -> oddIds.contains(r.id()), "allowed");
                assertThat(round.suggestions()).as(strategy.key()).hasSize(8)
                        .allMatch(oddIds::contains, "allowed")
                        .doesNotContainAnyElementsOf(s.marks().keySet());
            }
            assertThat(engine.round(s, Strategy.ACTIVE, 5, 3, 1, new BitSet()).suggestions()).isEmpty();
        }
    }

    @Test
    void badInputGivesClearMessagesAndFallbacks() throws IOException {
        try (IndexStore store = blobStore()) {
            FeedbackEngine engine = new FeedbackEngine(store);
            FeedbackSession s = engine.start("s", List.of("p0"), 0);
            assertThatThrownBy(() -> engine.mark(s, marks("p1", true, "nope", false)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("1 marked image id(s) not in the index " + store.dir() + ": 'nope'");
            assertThatThrownBy(() -> engine.start("s", List.of("ghost"), 0))
                    .hasMessageContaining("query example id(s) not in the index").hasMessageContaining("'ghost'");
            assertThatThrownBy(() -> s.mark(Map.of())).hasMessageContaining("no marks given");
            assertThatThrownBy(() -> s.mark(Map.of("p0", false))).hasMessageContaining("'p0' is a query example");
            assertThatThrownBy(() -> engine.start("../x", List.of("p0"), 0)).hasMessageContaining("session name '../x'");

            FeedbackRound empty = engine.round(s, Strategy.ACTIVE, 5, 3, 1);
            assertThat(empty.model()).isEqualTo("similarity");
            assertThat(empty.notes()).anyMatch(n -> n.startsWith("no marks yet"));
            // the query example is left out of the ranking, as a search leaves it out
            assertThat(empty.results()).hasSize(5).noneMatch(h -> h.id().equals("p0")).allMatch(h -> h.mark() == null);
            assertThat(empty.suggestions()).hasSize(3).doesNotContain("p0");

            FeedbackRound positivesOnly = engine.round(s.mark(marks("p3", true)), Strategy.TOP, 5, 3, 1);
            assertThat(positivesOnly.model()).isEqualTo("similarity");
            assertThat(positivesOnly.notes()).anyMatch(n -> n.startsWith("no image marked irrelevant"));

            // a session saved against an index that later lost ids: those marks are ignored, with a note
            FeedbackSession stale = s.mark(marks("p1", false, "gone-1", false, "gone-2", true));
            FeedbackRound r = engine.round(stale, Strategy.ACTIVE, 5, 3, 1);
            assertThat(r.model()).isEqualTo("svm");
            assertThat(r.notes()).containsExactly("ignored 1 marked image id(s) not in the index: 'gone-2'",
                    "ignored 1 marked image id(s) not in the index: 'gone-1'");

            Path broken = tmp.resolve("sessions/broken.json");
            Files.createDirectories(broken.getParent());
            Files.writeString(broken, "{\"name\": \"broken\", \"index\": \"x\", \"query\": []}");
            assertThatThrownBy(() -> new SessionStore(broken.getParent()).load("broken"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(broken + ": not a feedback session: session 'broken': no query example; give at least one patch id");
            assertThatThrownBy(() -> new SessionStore(broken.getParent()).load("absent"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("no feedback session named 'absent'");
        }
    }

    private static Map<String, Boolean> marks(Object... idAndRelevance) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < idAndRelevance.length; i += 2) {
            out.put((String) idAndRelevance[i], (Boolean) idAndRelevance[i + 1]);
        }
        return out;
    }

    /** The folder of {@link #blobStore}'s index, written and closed. */
    private Path blobStoreDir() throws IOException {
        blobStore().close();
        return tmp.resolve("index");
    }

    /** 300 patches p0..p299 in three well separated clusters: cluster = number mod 3. */
    private IndexStore blobStore() throws IOException {
        Blobs blobs = new Blobs(3, 100, 6, 4, 0.5, 21);
        IndexStore store = IndexStore.create(tmp.resolve("index"), new StoreConfig("blobs", Distance.L2, 6, new byte[0]));
        try (StoreWriter w = store.writer()) {
            for (int i = 0; i < blobs.size(); i++) {
                w.add(new PatchMeta("p" + i, "blobs", Instant.EPOCH, null, List.of("c" + blobs.cluster[i]), Set.of()),
                        Arrays.copyOfRange(blobs.vectors, i * 6, i * 6 + 6));
            }
            w.commit();
        }
        return store;
    }
}
