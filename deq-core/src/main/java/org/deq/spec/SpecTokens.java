package org.deq.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one grammar of the parameters of descriptor, encoder and search specs, {@code key=value,key=value} after the
 * name's colon: comma-separated, an empty parameter refused, a key given once, whole numbers checked alike.
 */
public final class SpecTokens {

    private SpecTokens() {
    }

    /**
     * Splits {@code text} (the part after the colon) on commas, refusing an empty parameter: a trailing or doubled
     * comma would otherwise be dropped silently by {@link String#split(String)}. {@code what} starts the message.
     */
    public static String[] split(String what, String text) {
        String[] tokens = text.split(",", -1);
        for (String t : tokens) {
            if (t.isBlank()) {
                throw new IllegalArgumentException(what + ": empty parameter (a comma too many?)");
            }
        }
        return tokens;
    }

    /**
     * The text after the colon of {@code spec} ({@code name:params}), empty when it has no colon; a colon with nothing
     * after it is refused, as a comma too many is.
     */
    public static String afterColon(String what, String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return "";
        }
        String rest = spec.substring(colon + 1);
        if (rest.isBlank()) {
            throw new IllegalArgumentException(what + ": nothing after ':' (give key=value, or leave out the colon)");
        }
        return rest;
    }

    /**
     * The parameters of {@code text} (may be empty) in their order, keys and values stripped. With {@code lists}, a
     * token without {@code =} continues the previous value, so lists read naturally ({@code lbp:radii=1,2,3});
     * without, it is an error. A key given twice is an error; {@code what} starts every message.
     */
    public static Map<String, String> keyValues(String what, String text, boolean lists) {
        Map<String, String> values = new LinkedHashMap<>();
        String last = null;
        for (String token : text.isEmpty() ? new String[0] : split(what, text)) {
            String t = token.strip();
            int eq = t.indexOf('=');
            if (eq < 0 && lists && last != null) {
                values.put(last, values.get(last) + "," + t);
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException(what + ": expected key=value, got '" + t + "'");
            }
            last = t.substring(0, eq).strip();
            if (values.put(last, t.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(what + ": parameter " + last + " given twice");
            }
        }
        return values;
    }

    /**
     * {@code value} of {@code key} as a whole number in [min, max]; otherwise one line saying which it is not (a whole
     * number past int's range is out of range, not "not a whole number").
     */
    public static int integer(String what, String key, String value, int min, int max) {
        int i;
        try {
            i = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            String why = !value.matches("[+-]?\\d+") ? " is not a whole number"
                    : min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? " is beyond the whole numbers taken (at most "
                    + Integer.MAX_VALUE + " either way)" : " must be in [" + min + ", " + max + "]";
            throw new IllegalArgumentException(what + ": " + key + "=" + value + why);
        }
        if (i < min || i > max) {
            throw new IllegalArgumentException(what + ": " + key + "=" + value + " must be in [" + min + ", " + max + "]");
        }
        return i;
    }
}
