package org.deq.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** What is wrong with one of deq's own JSON files (a manifest, a feedback session), in the file's terms rather than the JSON library's classes and tokens. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * One line: the object's own check, invalid JSON with its line and column, an unknown field, a field of the wrong
     * type, or else {@code expected} (such as "a JSON object with name, index, ...").
     */
    public static String reason(JsonProcessingException e, String expected) {
        if (e.getCause() instanceof IllegalArgumentException iae) { // the object's own checks
            return iae.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) { // databind may wrap the parser's error
            if (t instanceof StreamReadException read) {
                JsonLocation at = read.getLocation();
                return "not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof MismatchedInputException m) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return field.isEmpty() ? "expected " + expected : "field '" + field + "' has the wrong type";
        }
        return "expected " + expected; // never the library's own text, which names its classes
    }
}
