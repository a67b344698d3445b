package org.deq.server;

import org.deq.spec.PrintableText;

/**
 * A client's or an archive's text (a request target, a User-Agent, a patch id) as it may go into a log line: printable,
 * one line, bounded, read in its order.
 */
final class LogText {

    /** Longest text logged: a User-Agent of kilobytes would bury the line it is on. */
    static final int MAX_LENGTH = 300;

    private LogText() {
    }

    /**
     * The text with each control character as {@code \xNN}, each line or paragraph separator and bidirectional control
     * as a backslash, u and four hex digits (a log viewer breaks the line at the one, and shows the text around the
     * other reordered), a quote or backslash escaped (so that a quoted field ends where the log says), cut at {@link
     * #MAX_LENGTH} with {@code ...}; {@code -} when there is none.
     */
    static String line(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (PrintableText.acts(c)) { // a line separator or a bidirectional control
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.length() < MAX_LENGTH || text.length() <= MAX_LENGTH ? out.toString() : out.append("...").toString();
    }
}
