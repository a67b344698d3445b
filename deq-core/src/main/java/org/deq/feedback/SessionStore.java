package org.deq.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;
import org.deq.spec.JsonErrors;

/**
 * Feedback sessions persisted as one JSON file each ({@code <name>.json}) in a folder, so that they survive a restart.
 * A save replaces the file atomically: a crash leaves the previous version.
 */
public final class SessionStore {

    private static final String SUFFIX = ".json";
    private static final String LOCK_FILE = ".lock";
    private static final Map<Object, ReentrantLock> FOLDER_MONITORS = new ConcurrentHashMap<>();
    /** How long a writer waits for the folder's lock before giving up with {@link SessionsBusyException}. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final long LOCK_POLL_MILLIS = 20;
    /** The temporary files of session writes ({@link AtomicFiles}): left only by a process killed while writing. */
    private static final Pattern LEFTOVER = Pattern.compile("\\." + FeedbackSession.NAME.pattern()
            + Pattern.quote(SUFFIX + ".") + "[0-9a-f]{1,16}" + Pattern.quote(".tmp"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Duration lockWait;

    /**
     * The folder where {@code deq feedback} and {@code deq serve} keep an index's sessions unless given another one:
     * {@code <index>/feedback-sessions}, so both see the same sessions.
     */
    public static Path defaultFolder(Path indexDir) {
        return indexDir.resolve("feedback-sessions");
    }

    /** Sessions in {@code dir}, created on the first save. */
    public SessionStore(Path dir) {
        this(dir, LOCK_WAIT);
    }

    /** Sessions in {@code dir} whose writers wait {@code lockWait} for the folder's lock (tests wait less). */
    SessionStore(Path dir, Duration lockWait) {
        this.dir = dir;
        this.lockWait = lockWait;
    }

    /** The sessions folder. */
    public Path dir() {
        return dir;
    }

    /** A change to a saved session: the session to save, or an exception that leaves the file as it was. */
    @FunctionalInterface
    public interface Change {
        /** The changed session. */
        FeedbackSession apply(FeedbackSession current) throws IOException;
    }

    /**
     * Loads, changes and saves a session as one step under the folder's lock file, so that a CLI and a server marking
     * the same session at once both keep their marks (a plain load and save would lose one of them).
     */
    public FeedbackSession update(String name, Change change) throws IOException {
        return locked(() -> {
            FeedbackSession current = load(name);
            FeedbackSession next = change.apply(current);
            if (next != current) { // an unchanged session keeps its file and its age (prune goes by it)
                save(next);
            }
            return next;
        });
    }

    /**
     * Saves a new session, under the folder's lock: checking that the name is free and writing the file are one step,
     * so of two starts with one name at once, one wins and the other is refused ({@link SessionExistsException}),
     * rather than the later overwriting the first and the marks it got meanwhile.
     */
    public void create(FeedbackSession session) throws IOException {
        create(session, () -> { });
    }

    /**
     * As {@link #create(FeedbackSession)}, running {@code check} under the lock first (a server's cap on the number of
     * sessions: counted where no other start, in this process or another, can pass it meanwhile).
     */
    public void create(FeedbackSession session, Check check) throws IOException {
        locked(() -> {
            check.run();
            Path file = file(session.name());
            if (Files.exists(file)) {
                throw new SessionExistsException(file, session.name());
            }
            save(session);
            return null;
        });
    }

    /**
     * Deletes a saved session under the same lock, so a concurrent mark never brings it back; a missing one is an error,
     * and so is a folder of that name (no session, as {@link #names} and {@link #load} say, and never deleted), a damaged
     * one (that no longer reads as a session) is deleted too.
     */
    public void delete(String name) throws IOException {
        locked(() -> {
            removeLeftovers(); // also what a start killed before its first save left, the session never saved
            Path file = file(name);
            if (!Files.isRegularFile(file) || !Files.deleteIfExists(file)) {
                throw new BadInputException(file, "no feedback session named '" + name + "'");
            }
            return null;
        });
    }

    /**
     * Work on the folder's sessions that no other thread or process does at the same time; a {@link
     * SessionsBusyException} when the lock is not free within the wait ({@link #LOCK_WAIT}; a stopped process holding it would
     * otherwise hang every writer without a word).
     */
    private <T> T locked(Locked<T> work) throws IOException {
        Files.createDirectories(dir);
        long deadline = System.nanoTime() + lockWait.toNanos();
        // a JVM may hold a file lock only once: threads queue on one lock per folder, processes on the file lock;
        // by the folder's file key (device and inode), as the JVM's own lock table goes: a link to the folder, a bind
        // mount of it or another case of its name on a case-insensitive file system is the same folder
        Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        ReentrantLock monitor = FOLDER_MONITORS.computeIfAbsent(key != null ? key : dir.toRealPath(),
                d -> new ReentrantLock());
        if (monitor.isHeldByCurrentThread()) { // a second lock of the file would throw OverlappingFileLockException
            throw new IllegalStateException("the sessions' lock of " + dir + " is taken again by the work done under it");
        }
        try {
            if (!monitor.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + dir.resolve(LOCK_FILE));
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = fileLock(channel, deadline)) {
            return work.run();
        } finally {
            monitor.unlock();
        }
    }

    /** The file lock of {@code channel}, tried until {@code deadline} (nanoTime). */
    private FileLock fileLock(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                throw busy();
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + dir.resolve(LOCK_FILE));
            }
        }
    }

    private SessionsBusyException busy() {
        return new SessionsBusyException(dir.resolve(LOCK_FILE), lockWait.toSeconds());
    }

    /**
     * Deletes the temporary files of session writes that a killed process left ({@code .NAME.json.HEX.tmp}); only
     * under the lock, where no write is under way. Prune and delete call it, and a server when it starts.
     */
    private void removeLeftovers() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {@link #removeLeftovers} under the lock, when the folder exists: for a server starting on it. */
    public void clearLeftovers() throws IOException {
        if (Files.isDirectory(dir)) {
            locked(() -> {
                removeLeftovers();
                return null;
            });
        }
    }

    /** A check made under the folder's lock; it refuses by throwing. */
    @FunctionalInterface
    public interface Check {
        /** Throws when what is to be done under the lock must not be. */
        void run() throws IOException;
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    /** Writes the session, replacing any with the same name; only under the folder's lock ({@link #locked}). */
    private void save(FeedbackSession session) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(file(session.name()), toJson(session));
    }

    /** Whether a session of this name is saved (its file, damaged or not): one look, where {@link #names} lists all. */
    public boolean exists(String name) {
        return Files.isRegularFile(file(name));
    }

    /**
     * Reads a saved session; a missing or malformed file is a one-line error naming it. The file name is the session's
     * name, whatever name the JSON inside holds: a copied file is a fork of the session, saved under its own name.
     */
    public FeedbackSession load(String name) throws IOException {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no feedback session named '" + name + "'");
        }
        FeedbackSession s = read(file);
        return s.name().equals(name) ? s : s.withName(name);
    }

    /** Reads a session from any JSON file, e.g. one exported elsewhere. */
    public static FeedbackSession read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), FeedbackSession.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not a feedback session: "
                    + JsonErrors.reason(e, "a JSON object with name, index, query, pool, marks and round"));
        }
    }

    /** Names of the saved sessions (regular {@code .json} files: a folder so named is no session), sorted. */
    public List<String> names() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir, "not a folder; the sessions folder must be a folder");
        }
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted()
                        .forEach(n -> out.add(n.substring(0, n.length() - SUFFIX.length())));
            }
        }
        return out;
    }

    /** What {@link #prune} did: the sessions deleted, and the old ones kept because this deq cannot read them; sorted. */
    public record Pruned(List<String> deleted, List<String> unreadable) {
    }

    /**
     * Deletes, under the folder's lock, the saved sessions whose file was last written before {@code cutoff} (a session
     * is rewritten by every mark). Sessions pile up otherwise: the web page starts one at the first Refine of every list
     * queried by archive images. A session this deq cannot read is kept: a newer deq's (after a rollback) or a damaged
     * one is the user's to delete by name, never lost to an age.
     */
    public Pruned prune(Instant cutoff) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Pruned(List.of(), List.of());
        }
        return locked(() -> {
            removeLeftovers();
            List<String> deleted = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            for (String name : names()) {
                Path file = file(name);
                if (!Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    continue;
                }
                try {
                    load(name);
                } catch (BadInputException e) {
                    unreadable.add(name);
                    continue;
                }
                if (Files.deleteIfExists(file)) {
                    deleted.add(name);
                }
            }
            return new Pruned(deleted, unreadable);
        });
    }

    /** Every saved session, sorted by name: its round and marks, or why its file cannot be read (one never hides the others). */
    public List<SessionSummary> summaries() throws IOException {
        return summaries(names());
    }

    /**
     * The summaries of these sessions (a page of {@link #names()}), in their order; one deleted since it was listed is
     * left out. Only their files are read, so a page of a large folder costs what the page holds.
     */
    public List<SessionSummary> summaries(List<String> names) throws IOException {
        List<SessionSummary> out = new ArrayList<>();
        for (String name : names) {
            Instant written;
            try {
                written = lastWritten(name);
            } catch (IOException gone) { // deleted or pruned since it was listed: one missing never hides the others
                continue;
            }
            try {
                FeedbackSession s = load(name);
                out.add(new SessionSummary(name, s.round(), s.marks().size(), written, null));
            } catch (BadInputException e) {
                out.add(new SessionSummary(name, null, null, written, e.getMessage()
                        .replace(e.file().toString(), String.valueOf(e.file().getFileName()))));
            }
        }
        return out;
    }

    /** When a saved session was last written (started or marked). */
    private Instant lastWritten(String name) throws IOException {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no feedback session named '" + name + "'");
        }
        return Files.getLastModifiedTime(file).toInstant();
    }

    /** Copies a saved session to {@code target} (a JSON file that {@link #read} opens), whole or not at all. */
    public void export(String name, Path target) throws IOException {
        FeedbackSession session = load(name);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(target, toJson(session));
    }

    /** The session as indented JSON. */
    public static String toJson(FeedbackSession session) {
        try {
            return JSON.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write session '" + session.name() + "' as JSON", e);
        }
    }

    private Path file(String name) {
        // the name pattern keeps the file inside the folder
        return dir.resolve(FeedbackSession.checkName(name) + SUFFIX);
    }
}
