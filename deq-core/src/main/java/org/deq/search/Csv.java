package org.deq.search;

/** CSV output of search results (RFC 4180), shared by the server's export and {@code deq batch-query}. */
public final class Csv {

    private Csv() {
    }

    /**
     * The value as one CSV field for a file people open in a spreadsheet: a value starting with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return, which a spreadsheet would run as a formula, gets a leading
     * {@code '} (OWASP's advice against CSV injection: an id or label is data, never a formula); then as {@link #field}.
     */
    public static String spreadsheetField(String value) {
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        return field(formula ? "'" + value : value);
    }

    /** The value as one CSV field: quoted when it holds a separator, a quote or a line break. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
