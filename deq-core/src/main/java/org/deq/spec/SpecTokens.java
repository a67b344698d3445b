package org.deq.spec;

/** The comma-separated parameters of a descriptor, encoder or search spec, with an empty one refused. */
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
}
