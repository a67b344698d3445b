package org.deq.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a session's ids come from the index it is used on: a session names the folder and the creation time of the
 * index it was started on, and its ids are read as any index's, so one used on another index, or on its folder built
 * again, gets a note rather than a refusal (the ids may still mean the same images, and the marks are the user's work).
 */
final class SessionOrigin {

    private SessionOrigin() {
    }

    /**
     * The note for {@code session} used on the index in {@code dir} created at {@code created}, if any: the same build
     * (same creation time), wherever it lies now, needs none; another folder is named by its last name only (the server
     * gives this note too, and its answers name no server path); the same folder with another creation time was rebuilt.
     * A session saved before deq kept the creation time is checked by its folder alone, and one naming its folder as
     * typed (a relative path, relative to a working folder no one knows) not at all.
     */
    static Optional<String> note(FeedbackSession session, Path dir, String created) {
        String startedOn = session.indexCreated();
        if (startedOn != null && startedOn.equals(created)) {
            return Optional.empty();
        }
        Path folder = absolute(session.index());
        if (folder != null && !sameFolder(folder, dir)) {
            return Optional.of("session '" + session.name() + "' was started on another index (folder "
                    + (folder.getFileName() == null ? folder : folder.getFileName()) + "): its ids are read as this index's");
        }
        if (startedOn != null && folder != null) {
            return Optional.of("the index was built again since session '" + session.name() + "' started (created "
                    + created + ", not " + startedOn + "): its ids are read as the new index's");
        }
        if (startedOn != null) { // a folder's name alone (the server's export): this one built again, or another
            return Optional.of("session '" + session.name() + "' was started on another index, or on this one before it"
                    + " was built again (created " + startedOn + ", this one " + created + "): its ids are read as this index's");
        }
        return Optional.empty();
    }

    /**
     * The folder a session names, or null when it cannot be told: a relative path (older files hold it as typed, relative
     * to a working folder no one knows) or one that is no path here (written by hand or on another system).
     */
    private static Path absolute(String recorded) {
        try {
            Path path = Path.of(recorded);
            return path.isAbsolute() ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Whether {@code folder} is {@code dir}, links followed; a folder gone or unreadable is not. */
    private static boolean sameFolder(Path folder, Path dir) {
        try {
            return Files.exists(folder) && Files.isSameFile(folder, dir);
        } catch (IOException e) {
            return false;
        }
    }
}
