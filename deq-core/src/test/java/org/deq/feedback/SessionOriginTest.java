package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session used on another index, or on its index built again, is noted; its own index, moved or not, is not. */
class SessionOriginTest {

    private static final String CREATED = "2024-05-01T10:00:00.123Z";

    @TempDir
    Path tmp;

    @Test
    void anotherFolderOrAnotherBuildIsNotedAndTheSameBuildIsNot() throws IOException {
        Path ucm = Files.createDirectories(tmp.resolve("ucm"));
        Path other = Files.createDirectories(tmp.resolve("ucmsub"));
        FeedbackSession riv = FeedbackSession.start("riv", ucm.toString(), CREATED, List.of("river/river00"), List.of());
        assertThat(SessionOrigin.note(riv, ucm, CREATED)).isEmpty();
        assertThat(SessionOrigin.note(riv, other, "2024-06-01T08:00:00Z")).contains("session 'riv' was started on another"
                + " index (folder ucm): its ids are read as this index's");
        assertThat(SessionOrigin.note(riv, ucm, "2024-06-01T08:00:00Z")).contains("the index was built again since session"
                + " 'riv' started (created 2024-06-01T08:00:00Z, not " + CREATED + "): its ids are read as the new index's");
        // the same build moved or copied elsewhere holds the same ids
        assertThat(SessionOrigin.note(riv, other, CREATED)).isEmpty();
        // the folder through a link is the same folder
        Path link = Files.createSymbolicLink(tmp.resolve("link"), ucm);
        assertThat(SessionOrigin.note(riv, link, CREATED + "0")).hasValueSatisfying(n -> n.startsWith("the index was built again"));

        // a session saved before deq kept the creation time: the folder alone, when it can be told
        FeedbackSession old = FeedbackSession.start("old", ucm.toString(), List.of("river/river00"), List.of());
        assertThat(SessionOrigin.note(old, ucm, CREATED)).isEmpty();
        assertThat(SessionOrigin.note(old, other, CREATED)).hasValueSatisfying(n -> n.contains("another index (folder ucm)"));
        FeedbackSession typed = FeedbackSession.start("typed", "ucm", List.of("river/river00"), List.of());
        assertThat(SessionOrigin.note(typed, other, CREATED)).isEmpty();
        // the server's export names its index by the folder's name: another build is another index or this one rebuilt
        FeedbackSession exported = FeedbackSession.start("web", "ucm", CREATED, List.of("river/river00"), List.of());
        assertThat(SessionOrigin.note(exported, other, CREATED)).isEmpty();
        assertThat(SessionOrigin.note(exported, other, "2024-06-01T08:00:00Z")).hasValueSatisfying(n -> n.startsWith(
                "session 'web' was started on another index, or on this one before it was built again"));
        // a marked session keeps where it came from
        assertThat(riv.mark(Map.of("beach/beach00", false)).withName("fork").indexCreated()).isEqualTo(CREATED);
    }

    @Test
    void theCreationTimeIsSavedAndOlderFilesWithoutItStillRead() throws IOException {
        SessionStore store = new SessionStore(tmp.resolve("sessions"));
        store.create(FeedbackSession.start("new", "/abs/ucm", CREATED, List.of("a"), List.of()));
        assertThat(new ObjectMapper().readTree(store.dir().resolve("new.json").toFile()).get("indexCreated").asText())
                .isEqualTo(CREATED);
        assertThat(store.load("new").indexCreated()).isEqualTo(CREATED);
        Files.writeString(store.dir().resolve("old.json"), "{\"name\": \"old\", \"index\": \"/abs/ucm\", \"query\": [\"a\"],"
                + " \"pool\": [], \"marks\": {}, \"round\": 0}");
        assertThat(store.load("old").indexCreated()).isNull();
        store.create(FeedbackSession.start("unknown", "/abs/ucm", List.of("a"), List.of()));
        assertThat(Files.readString(store.dir().resolve("unknown.json"))).doesNotContain("indexCreated");
    }
}
