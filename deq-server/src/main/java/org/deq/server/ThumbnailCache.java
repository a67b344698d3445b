package org.deq.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A least-recently-used map from patch id to PNG bytes, bounded by the total size of the PNGs it holds. */
final class ThumbnailCache {

    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ThumbnailCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached PNG, or null. */
    synchronized byte[] get(String id) {
        return entries.get(id);
    }

    /** Caches a PNG, evicting the least recently used ones beyond the bound; a PNG larger than the bound is not kept. */
    synchronized void put(String id, byte[] png) {
        if (png.length > maxBytes) {
            return;
        }
        byte[] old = entries.put(id, png);
        bytes += png.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

}
