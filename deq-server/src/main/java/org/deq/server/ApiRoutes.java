package org.deq.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The API's paths and their methods, read from the served {@code openapi.json} (the test that checks it lists every
 * route keeps the two in step): what tells a wrong method (405) from an unknown path (404).
 */
final class ApiRoutes {

    private record Route(Pattern path, Set<String> methods) {
    }

    private final List<Route> routes;

    private ApiRoutes(List<Route> routes) {
        this.routes = routes;
    }

    /** The routes of the bundled OpenAPI document. */
    static ApiRoutes fromOpenApi() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
            JsonNode paths = new ObjectMapper().readTree(in).path("paths");
            List<Route> routes = new ArrayList<>();
            paths.fieldNames().forEachRemaining(path -> {
                Set<String> methods = new TreeSet<>();
                paths.path(path).fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
                // {sid} and the like match one path segment; the rest is literal
                String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                routes.add(new Route(Pattern.compile(regex), Set.copyOf(methods)));
            });
            return new ApiRoutes(List.copyOf(routes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled openapi.json", e);
        }
    }

    /** The methods the API answers on {@code path} (empty when no route matches it). */
    Set<String> methods(String path) {
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            if (r.path().matcher(path).matches()) {
                out.addAll(r.methods());
            }
        }
        return out;
    }
}
