package org.deq.server;

import io.javalin.http.Context;
import org.deq.store.IndexStore;

/**
 * Browser caching of the images the server draws from its index's patches (thumbnails, change maps, biophysical maps):
 * an {@code ETag} naming the index's build (its creation time) and {@code Cache-Control: no-cache}, so that a browser
 * asks again each time and gets a body-less 304 while the index is the same build, and the new picture once the
 * folder was built again, where a {@code max-age} kept the old build's picture for a day.
 */
final class ImageCaching {

    private ImageCaching() {
    }

    /** The validator of every image drawn from {@code store}: a patch id keeps its picture until the index is rebuilt. */
    static String tag(IndexStore store) {
        return "\"" + store.created() + "\"";
    }

    /**
     * True when the request's {@code If-None-Match} names {@code tag}: the response is then a 304 without a body, and the
     * caller draws nothing.
     */
    static boolean notModified(Context ctx, String tag) {
        String asked = ctx.header("If-None-Match");
        if (asked == null) {
            return false;
        }
        for (String candidate : asked.split(",")) {
            String t = candidate.strip();
            if (t.startsWith("W/")) { // a weak comparison, as If-None-Match asks
                t = t.substring(2);
            }
            if (t.equals(tag) || t.equals("*")) {
                cacheable(ctx, tag);
                ctx.status(304);
                return true;
            }
        }
        return false;
    }

    /** Marks a drawn image valid for {@code tag}; set only on success, so that no error is taken for the image. */
    static void cacheable(Context ctx, String tag) {
        ctx.header("ETag", tag).header("Cache-Control", "no-cache");
    }
}
