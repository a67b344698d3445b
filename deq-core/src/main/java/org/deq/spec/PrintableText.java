package org.deq.spec;

/**
 * Text of the archive's (an id, a file name) as an error line or a terminal shows it: each character that would act
 * rather than show written as a backslash, u and four hex digits — a control character (a newline splits the line, an escape sequence takes
 * over the terminal), a line or paragraph separator, a bidirectional control (U+202E shows {@code rtl}, U+202E,
 * {@code gpj.exe} as {@code rtlexe.jpg}), an invisible character (zero-width space, word joiner, soft hyphen, byte-order
 * mark: two ids that differ would look the same). The joiners scripts and emoji need, U+200C and U+200D, and Mongolian's
 * vowel separator U+180E are kept; the web UI's {@code visible()} escapes the same set.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /** {@code text} with every such character escaped; the same string when it holds none. */
    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (acts(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether {@code c} would act or hide rather than show: a control character, a line separator, a bidirectional
     * control, an invisible character.
     */
    public static boolean acts(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e'
                || c == '\u200f' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u00ad' || c == '\u200b' || c >= '\u2060' && c <= '\u2064' || c == '\ufeff';
    }
}
