package org.deq.server;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images the server draws from its index's patches (thumbnails, change maps, biophysical maps), each drawn once: a
 * least-recently-used cache bounded by the total size of the bodies it holds, and a drawing under way shared by the
 * requests that ask for it meanwhile. One drawing gives every format the UI asks for together (a map's PNG and its
 * figures, fetched at once), so the second is not drawn again. Keyed by the index build (its creation time), not the
 * picture alone: a folder built again from another archive may give an id another picture, while a commit that only
 * adds patches keeps every stored patch's.
 */
final class DrawnImages {

    /** Draws one picture: its bodies by format. */
    interface Drawing {
        Map<String, byte[]> draw() throws IOException;
    }

    private record Key(String build, String picture, String format) {
    }

    private record Picture(String build, String picture) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<Picture, CompletableFuture<Map<String, byte[]>>> drawing = new ConcurrentHashMap<>();
    private long bytes;

    DrawnImages(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body of {@code picture} in {@code format} in the index build {@code build}: cached, or drawn by the request
     * already drawing it, or drawn now with {@code drawing}, whose other formats are cached with it. A failed drawing
     * fails every request waiting for it, with its own exception, and is not cached.
     */
    byte[] get(String build, String picture, String format, Drawing drawing) throws IOException {
        byte[] cached = cached(new Key(build, picture, format));
        if (cached != null) {
            return cached;
        }
        Picture key = new Picture(build, picture);
        CompletableFuture<Map<String, byte[]>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, byte[]>> running = this.drawing.putIfAbsent(key, mine);
        if (running != null) {
            return SharedWork.await(running).get(format);
        }
        try {
            Map<String, byte[]> bodies = drawing.draw();
            bodies.forEach((f, body) -> put(new Key(build, picture, f), body));
            mine.complete(bodies);
            return bodies.get(format);
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            this.drawing.remove(key, mine);
        }
    }

    private synchronized byte[] cached(Key key) {
        return entries.get(key);
    }

    /** Caches a body, evicting the least recently used ones beyond the bound; a body larger than the bound is not kept. */
    private synchronized void put(Key key, byte[] body) {
        if (body.length > maxBytes) {
            return;
        }
        byte[] old = entries.put(key, body);
        bytes += body.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Key, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}
