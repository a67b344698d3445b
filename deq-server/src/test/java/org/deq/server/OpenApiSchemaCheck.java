package org.deq.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON response against its schema in the served OpenAPI document: types, nullable, enums, required fields,
 * and no field the schema does not list, so that the document says exactly what the API sends.
 */
final class OpenApiSchemaCheck {

    private final JsonNode document;

    OpenApiSchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** The schema of {@code method path}'s JSON response of this status; an undocumented one is a failure. */
    JsonNode responseSchema(String method, String path, int status) {
        JsonNode response = document.path("paths").path(path).path(method).path("responses").path(String.valueOf(status));
        if (response.has("$ref")) { // a response shared by many operations (the wrong method's 405)
            response = document.at(response.path("$ref").asText().substring(1));
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError(method + " " + path + " documents no JSON response for status " + status);
        }
        return schema;
    }

    /** Every way {@code value} differs from {@code schema}, one line each naming where; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            check(value, document.at(ref.substring(1)), at, out);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(at + " is null but not nullable");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean typed = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
        if (!typed) {
            out.add(at + " is " + value.getNodeType() + ", documented as '" + type + "'");
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.path("enum")) {
                listed |= e.equals(value);
            }
            if (!listed) {
                out.add(at + " is " + value + ", not one of " + schema.path("enum"));
            }
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), at + "[" + i + "]", out);
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    out.add(at + " lacks the required field '" + name.asText() + "'");
                }
            }
            JsonNode props = schema.path("properties");
            JsonNode extra = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = at + "." + field.getKey();
                if (props.has(field.getKey())) {
                    check(field.getValue(), props.path(field.getKey()), where, out);
                } else if (extra.isObject()) {
                    check(field.getValue(), extra, where, out);
                } else {
                    out.add(where + " is not documented");
                }
            }
        }
    }
}
