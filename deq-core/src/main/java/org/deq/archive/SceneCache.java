package org.deq.archive;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.deq.concurrent.LruMap;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;

/**
 * The last scenes read for their patches, held softly: an ingest reads a scene's patches one after another, and a
 * server shows several patches of one scene, so each file's layout is read once for all of them, and its row bands
 * decoded once ({@link GeoTiffScene#window}), rather than once per patch. A scene holds no open file. A
 * scene that could not be read is not remembered (the failure may pass: an interrupted thread, a network file system's
 * hiccup), so its next patch reads its header again; a file changed on disk (other size or time) is read again.
 */
final class SceneCache {

    /** Scenes kept: the one an ingest is cutting and the one before, which a slow thread may still be reading. */
    private static final int SCENES = 2;
    private static final Map<Key, FutureTask<SoftReference<GeoTiffScene>>> READ = new LruMap<>(SCENES);

    private SceneCache() {
    }

    private record Key(Path file, long size, long modified) {
    }

    /**
     * The scene in {@code file}, read now or earlier. The first thread to ask reads it, outside the cache's lock, and
     * threads after the same scene wait for that read instead of each reading it.
     */
    static GeoTiffScene scene(Path file) throws BadInputException {
        Key key = keyOf(file);
        while (true) {
            FutureTask<SoftReference<GeoTiffScene>> task;
            boolean readHere = false;
            synchronized (READ) {
                task = READ.get(key);
                if (task == null) {
                    task = new FutureTask<>(() -> new SoftReference<>(GeoTiffReader.scene(file)));
                    READ.put(key, task);
                    readHere = true;
                }
            }
            if (readHere) {
                task.run();
            }
            try {
                GeoTiffScene scene = task.get().get();
                if (scene != null) {
                    return scene;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException(file, "interrupted while reading the scene");
            } catch (ExecutionException e) {
                // not kept, a bad file's failure neither: it may be passing (an interrupted thread, a network file
                // system's hiccup), and reading a bad header again costs little against a scene's windows
                forget(key, task);
                if (e.getCause() instanceof BadInputException bad) {
                    if (interrupted(bad) && !Thread.currentThread().isInterrupted()) {
                        continue; // the reading thread was stopped, not this one: read it here
                    }
                    throw bad;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new BadInputException(file, "cannot read the scene (" + e.getCause() + ")", e.getCause());
            }
            forget(key, task); // collected under memory pressure: read it again
        }
    }

    /** Whether a read failed because its thread was interrupted ({@link GeoTiffReader}'s "reading was interrupted"). */
    private static boolean interrupted(BadInputException e) {
        return e.getCause() instanceof java.nio.channels.ClosedChannelException || e.getCause() instanceof java.io.InterruptedIOException;
    }

    private static void forget(Key key, FutureTask<SoftReference<GeoTiffScene>> task) {
        synchronized (READ) {
            READ.remove(key, task);
        }
    }

    private static Key keyOf(Path file) throws BadInputException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Key(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new BadInputException(file, "no such file");
        }
    }
}
