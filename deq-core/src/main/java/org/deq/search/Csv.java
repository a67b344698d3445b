package org.deq.search;

/** CSV output of search results (RFC 4180), shared by the server's export and {@code deq batch-query}. */
public final class Csv {

    private Csv() {
    }

    /** The value as one CSV field: quoted when it holds a separator, a quote or a line break. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
