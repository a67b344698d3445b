package org.deq.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The API's paths, their methods and the query parameters each operation takes, read from the served
 * {@code openapi.json} (the test that checks it lists every route keeps the two in step): what tells a wrong method
 * (405) from an unknown path (404), and a parameter the endpoint takes from one it would silently ignore (400).
 */
final class ApiRoutes {

    /** A query parameter of an operation; {@code repeatable} when its schema is an array (a repeated {@code id}). */
    record Param(String name, boolean repeatable) {
    }

    private record Route(Pattern path, Map<String, List<Param>> paramsByMethod) {
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
                Map<String, List<Param>> methods = new LinkedHashMap<>();
                paths.path(path).fields().forEachRemaining(op -> methods.put(op.getKey().toUpperCase(Locale.ROOT),
                        queryParams(op.getValue())));
                // {sid} and the like match one path segment; the rest is literal
                String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                routes.add(new Route(Pattern.compile(regex), Map.copyOf(methods)));
            });
            return new ApiRoutes(List.copyOf(routes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled openapi.json", e);
        }
    }

    private static List<Param> queryParams(JsonNode operation) {
        List<Param> out = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("in").asText().equals("query")) {
                out.add(new Param(p.path("name").asText(), p.path("schema").path("type").asText().equals("array")));
            }
        }
        return List.copyOf(out);
    }

    /** The methods the API answers on {@code path} (empty when no route matches it). */
    Set<String> methods(String path) {
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            if (r.path().matcher(path).matches()) {
                out.addAll(r.paramsByMethod().keySet());
            }
        }
        return out;
    }

    /** The query parameters of the operation {@code method path}, in document order; null when there is no such operation. */
    List<Param> queryParams(String method, String path) {
        for (Route r : routes) {
            if (r.path().matcher(path).matches() && r.paramsByMethod().containsKey(method)) {
                return r.paramsByMethod().get(method);
            }
        }
        return null;
    }
}
