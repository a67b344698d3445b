package org.deq.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map from an index build and a patch id to PNG bytes, bounded by the total size of the PNGs it
 * holds. Keyed by the build (the index's creation time), not the id alone: a folder built again from another archive
 * may give an id another picture, while a commit that only adds patches keeps every stored patch's.
 */
final class ThumbnailCache {

    private record Key(String build, String id) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ThumbnailCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached PNG of patch {@code id} in the index build {@code build}, or null. */
    synchronized byte[] get(String build, String id) {
        return entries.get(new Key(build, id));
    }

    /** Caches a PNG, evicting the least recently used ones beyond the bound; a PNG larger than the bound is not kept. */
    synchronized void put(String build, String id, byte[] png) {
        if (png.length > maxBytes) {
            return;
        }
        byte[] old = entries.put(new Key(build, id), png);
        bytes += png.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Key, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

}
