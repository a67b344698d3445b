package org.deq.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.deq.concurrent.LruMap;
import org.deq.store.IndexStore;

/**
 * Browser caching of the images the server draws from its index's patches (thumbnails, change maps, biophysical maps):
 * an {@code ETag} naming the index's build (its creation time) and {@code Cache-Control: no-cache}, so that a browser
 * asks again each time and gets a body-less 304 while the index is the same build, and the new picture once the
 * folder was built again, where a {@code max-age} kept the old build's picture for a day. A 304 is sent only for a
 * request this server answered with the image for that build: the tag says nothing of whether a request's image can
 * be drawn at all (a biophysical map of a picture, a change map of two grids), which a 304 must not claim. A restarted
 * server remembers none, so it draws each image once more.
 */
final class ImageCaching {

    /** Requests remembered as drawn, the least recently asked forgotten first: a forgotten one is drawn again. */
    static final int REMEMBERED = 50_000;

    // keyed by a digest: a request may be kilobytes long (padded parameters, ids encoded many ways), 50,000 of them
    private final Map<UUID, Boolean> drawn = new LruMap<>(REMEMBERED);

    /** The validator of every image drawn from {@code store}: a patch id keeps its picture until the index is rebuilt. */
    static String tag(IndexStore store) {
        return "\"" + store.created() + "\"";
    }

    /**
     * True when the request's {@code If-None-Match} names {@code tag} and this server drew the request's image for it:
     * the response is then a 304 without a body, and the caller draws nothing.
     */
    boolean notModified(Context ctx, String tag) {
        String asked = ctx.header("If-None-Match");
        if (asked == null || !wasDrawn(key(ctx, tag))) {
            return false;
        }
        for (String candidate : asked.split(",")) {
            String t = candidate.strip();
            if (t.startsWith("W/")) { // a weak comparison, as If-None-Match asks
                t = t.substring(2);
            }
            if (t.equals(tag) || t.equals("*")) {
                ctx.header("ETag", tag).header("Cache-Control", "no-cache");
                ctx.status(304);
                return true;
            }
        }
        return false;
    }

    /** Marks the request's image drawn and valid for {@code tag}; called only on success, so no error is taken for it. */
    void cacheable(Context ctx, String tag) {
        synchronized (drawn) {
            drawn.put(key(ctx, tag), Boolean.TRUE);
        }
        ctx.header("ETag", tag).header("Cache-Control", "no-cache");
    }

    private boolean wasDrawn(UUID key) {
        synchronized (drawn) {
            return drawn.get(key) != null; // get, not containsKey: it marks the entry recently used
        }
    }

    /**
     * The build and the request as asked (a browser revalidates the URL it fetched, parameters in the same order), as a
     * 128-bit digest of fixed size.
     */
    private static UUID key(Context ctx, String tag) {
        String query = ctx.queryString();
        return UUID.nameUUIDFromBytes((tag + ' ' + ctx.path() + (query == null ? "" : "?" + query))
                .getBytes(StandardCharsets.UTF_8));
    }
}
