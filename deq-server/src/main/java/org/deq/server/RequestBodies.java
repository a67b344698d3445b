package org.deq.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies, JSON objects and multipart uploads, turning each way a body goes wrong into a one-line 4xx:
 * the wrong Content-Type (415), too large however it is sent (413), stopped arriving (408), malformed (400).
 */
final class RequestBodies {

    /** Largest JSON body: a few hundred ids fit many times over; the upload limit is for images only. */
    static final int MAX_JSON_BYTES = 1 << 20;

    // one value per body and one value per field: a second object, trailing text or a field given twice is an error,
    // not silently dropped
    private static final ObjectReader STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private RequestBodies() {
    }

    /** A 415 unless the request's Content-Type is {@code expected} (parameters such as a boundary allowed). */
    static void requireContentType(Context ctx, String expected) {
        String type = ctx.contentType();
        if (type == null || type.isBlank()) {
            throw new ApiException(415, "send the body as " + expected + "; the request has no Content-Type");
        }
        if (!type.toLowerCase(Locale.ROOT).startsWith(expected)) {
            throw new ApiException(415, "send the body as " + expected + ", not " + type);
        }
    }

    /**
     * The request body, received through {@code gate}, as one JSON object with only the given fields; anything else
     * (not JSON, trailing data, a misspelt field that would otherwise be ignored) is a 400 showing the expected shape.
     */
    static JsonNode jsonObject(Context ctx, BodyGate gate, String shape, String... fields) {
        // a form post from another site cannot send application/json without the browser asking first
        requireContentType(ctx, "application/json");
        byte[] bytes = gate.read(ctx, () -> boundedJson(ctx));
        JsonNode body;
        try {
            body = STRICT_JSON.readTree(bytes);
        } catch (StreamReadException e) {
            throw duplicate(e, shape);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be one JSON object of the form " + shape);
        }
        List<String> allowed = List.of(fields);
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in the body; expected " + shape);
            }
        });
        return body;
    }

    /** A 400 naming a field the body gives twice (only the last would count), else the expected shape. */
    private static ApiException duplicate(StreamReadException e, String shape) {
        Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (m.find()) {
            return ApiException.badRequest("field '" + m.group(1) + "' is given twice in the body; give it once");
        }
        return ApiException.badRequest("body must be one JSON object of the form " + shape);
    }

    /** The body's bytes, refused past the limit whether its length is declared or it comes chunked. */
    private static byte[] boundedJson(Context ctx) {
        if (ctx.contentLength() > MAX_JSON_BYTES) {
            throw tooLarge("JSON body of " + ctx.contentLength() + " bytes is");
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw cutShort(ctx, "the JSON body", e);
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw tooLarge("chunked JSON body goes");
        }
        return bytes;
    }

    private static ApiException tooLarge(String what) {
        return new ApiException(413, what + " over the limit of " + MAX_JSON_BYTES + " bytes");
    }

    /** Parts of a multipart body; a body that is malformed (400) or stops arriving (408) is not a server error. */
    static <T> T multipart(Context ctx, Supplier<T> parts) {
        try {
            return parts.get();
        } catch (Exception e) { // Jetty's parser throws IOException undeclared, through Kotlin
            if (DiskFull.is(e)) { // parts are spooled to the temporary folder: the server's fault, not the body's
                DiskFull.releaseSpooledParts();
                throw e; // the server's 507 for a full disk, naming the request in its WARN line
            }
            if (timedOut(e)) {
                throw cutShort(ctx, "the upload", e);
            }
            String reason = innermost(e).getMessage();
            throw ApiException.badRequest("body is not valid multipart/form-data" + (reason == null ? "" : " (" + reason + ")"));
        }
    }

    /**
     * Refuses a multipart part the endpoint does not take (it would otherwise be ignored, as an unknown query parameter
     * or JSON field would be), a form field where a file is expected, and a part given twice unless {@code repeatable}:
     * a 400 naming the part. The first look at the parts receives the whole body, through {@code gate}; the handler's
     * later looks read what it kept.
     */
    static void checkParts(Context ctx, BodyGate gate, List<String> names, boolean repeatable) {
        String operation = ctx.method().name() + " " + ctx.path();
        Map<String, List<UploadedFile>> files = gate.read(ctx, () -> multipart(ctx, ctx::uploadedFileMap));
        Map<String, List<String>> fields = multipart(ctx, ctx::formParamMap);
        for (String name : concat(files.keySet(), fields.keySet())) {
            if (!names.contains(name)) {
                throw ApiException.badRequest("unknown part '" + name + "' in the upload; " + operation + " takes file parts "
                        + String.join(" and ", names.stream().map(n -> "'" + n + "'").toList()));
            }
        }
        fields.forEach((name, values) -> { // Javalin lists the file parts among the form's too
            if (values.size() > files.getOrDefault(name, List.of()).size()) {
                throw ApiException.badRequest("part '" + name + "' must be a file, not a form field (with curl: -F " + name
                        + "=@FILE)");
            }
        });
        files.forEach((name, parts) -> {
            if (parts.size() > 1 && !repeatable) {
                throw ApiException.badRequest("part '" + name + "' is given " + parts.size() + " times; " + operation
                        + " takes one " + name + " image");
            }
        });
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A body that stopped arriving: a 408 when the server gave up waiting, else a 400 (the client cut it short). */
    private static ApiException cutShort(Context ctx, String what, Exception e) {
        if (timedOut(e)) {
            long seconds = Request.getBaseRequest(ctx.req()).getHttpChannel().getIdleTimeout() / 1000;
            return new ApiException(408, what + " stopped arriving before its end: nothing came for " + seconds + " s");
        }
        return ApiException.badRequest(what + " ended before the length it announced");
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
