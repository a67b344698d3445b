package org.deq.archive;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;

/**
 * The last scenes read for their patches, held softly: an ingest reads a scene's patches one after another, and a
 * server shows several patches of one scene, so each file is read once for all of them rather than once per patch. A
 * file changed on disk (other size or time) is read again.
 */
final class SceneCache {

    /** Scenes kept: the one an ingest is cutting and the one before, which a slow thread may still be reading. */
    private static final int SCENES = 2;
    private static final Map<Key, SoftReference<GeoTiffScene>> SCENES_READ = new LinkedHashMap<>(4, 0.75f, true);

    private SceneCache() {
    }

    private record Key(Path file, long size, long modified) {
    }

    /**
     * The scene in {@code file}, read now or earlier. Reading holds the cache's lock, so threads after the same scene
     * wait for one read instead of each reading it.
     */
    static synchronized GeoTiffScene scene(Path file) throws BadInputException {
        Key key = keyOf(file);
        SoftReference<GeoTiffScene> held = SCENES_READ.get(key);
        GeoTiffScene scene = held == null ? null : held.get();
        if (scene == null) {
            scene = GeoTiffReader.scene(file);
            SCENES_READ.put(key, new SoftReference<>(scene));
            Iterator<Key> oldest = SCENES_READ.keySet().iterator();
            while (SCENES_READ.size() > SCENES) {
                oldest.next();
                oldest.remove();
            }
        }
        return scene;
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
