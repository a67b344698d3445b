package org.deq.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.deq.raster.PatchMeta;
import org.deq.search.Filter;

/** Reads the common query parameters: {@code k} and the filter terms, named as in the CLI's {@code --filter key=value}. */
final class RequestParams {

    /** Query parameters that are filter terms; values as in {@link Filter#parse(List)} (lists separated by {@code |}). */
    static final List<String> FILTER_KEYS = List.of("labels-any", "labels-all", "from", "to", "season", "bbox", "exclude-flags");

    /**
     * Longest id accepted, in UTF-8 bytes: what any index may hold (Lucene's term limit; an index built before ingest
     * took ids of at most {@link PatchMeta#MAX_ID_BYTES} may hold longer ones, which a request body can still name).
     * Ids are looked up, never used as paths; the bound keeps garbage out of logs and errors.
     */
    static final int MAX_ID_BYTES = 32_766;

    private RequestParams() {
    }

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /**
     * Refuses a query parameter the endpoint does not take (a misspelt filter, or one of another endpoint, would
     * otherwise be ignored and return an unfiltered answer) and a single-valued one given twice. The parameters of
     * each operation are those {@code openapi.json} lists; a path or method it lacks is left to the 404 or 405.
     */
    static void checkNames(Context ctx, ApiRoutes routes) {
        String raw = ctx.queryString();
        if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
            // an undecodable value would otherwise read as a missing parameter
            throw ApiException.badRequest("the query string has a '%' not followed by two hex digits; encode '%' as %25");
        }
        List<ApiRoutes.Param> params = routes.queryParams(ctx.method().name(), ctx.path());
        if (params == null) {
            return;
        }
        ctx.queryParamMap().forEach((name, values) -> {
            // a filter value would otherwise be trimmed of it and accepted, where an id with one is refused: all alike
            if (values.stream().anyMatch(RequestParams::hasControl)) {
                throw ApiException.badRequest(controlCharacter(name));
            }
            ApiRoutes.Param param = params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (param == null) {
                String operation = ctx.method().name() + " " + ctx.path();
                throw ApiException.badRequest("unknown query parameter '" + name + "' for " + operation + (params.isEmpty()
                        ? ", which takes none"
                        : "; it takes " + String.join(", ", params.stream().map(ApiRoutes.Param::name).toList())));
            }
            if (values.size() > 1 && !param.repeatable()) {
                throw ApiException.badRequest("parameter " + name + " is given twice"
                        + (name.equals("id") ? " (only GET /api/search takes several ids)" : ""));
            }
        });
    }

    /** {@code k} within 1..maxK, {@code fallback} (at most maxK) when absent; an empty one is a 400. */
    static int k(Context ctx, int fallback, int maxK) {
        return intParam(ctx, "k", Math.min(fallback, maxK), 1, maxK);
    }

    /** A page of a list: from item {@code offset}, at most {@code limit} items. */
    record Page(int offset, int limit) {
    }

    /** The page {@code offset} (default 0) and {@code limit} (1..maxLimit, default {@code defaultLimit}) ask for. */
    static Page page(Context ctx, int defaultLimit, int maxLimit) {
        return new Page(intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE), intParam(ctx, "limit", defaultLimit, 1, maxLimit));
    }

    /**
     * The integer parameter {@code name} within [min, max], {@code fallback} when absent; given empty ({@code k=}) it is a
     * 400 naming it, as any other value that is no such integer, rather than silently the default.
     */
    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        return text == null ? fallback : intWithin(name, text, min, max);
    }

    /** An integer parameter within [min, max]; a bad value is a 400 naming the parameter. */
    static int intWithin(String name, String text, int min, int max) {
        try {
            String digits = text.trim();
            // ASCII digits and a minus only: parseInt also takes '+' and other scripts' digits (a fullwidth '５')
            if (!digits.matches("-?[0-9]{1,10}")) {
                throw new NumberFormatException(digits);
            }
            int v = Integer.parseInt(digits);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the one error message below
        }
        throw ApiException.badRequest(name + " must be an integer within " + min + ".." + max + ", got '" + text + "'");
    }

    /** The filter of the request's filter parameters; {@link Filter#NONE} when there are none. */
    static Filter filter(Context ctx) {
        List<String> terms = new ArrayList<>();
        for (String key : FILTER_KEYS) {
            List<String> values = ctx.queryParams(key);
            if (values.size() == 1) { // an empty one is refused, as the CLI refuses it, rather than ignored
                terms.add(key + "=" + values.get(0));
            }
        }
        try {
            return terms.isEmpty() ? Filter.NONE : Filter.parse(terms);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** A patch id: non-empty, bounded, printable (no control characters). */
    static String id(String text) {
        return id("id", text);
    }

    /** The same checks, naming the parameter (e.g. {@code before}) in the error. */
    static String id(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("parameter " + name + " is required");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw ApiException.badRequest(name + " is longer than " + MAX_ID_BYTES + " bytes of UTF-8, the most an index"
                    + " holds");
        }
        if (hasControl(text)) {
            throw ApiException.badRequest(controlCharacter(name));
        }
        return text;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static String controlCharacter(String name) {
        return name + " contains a control character";
    }
}
