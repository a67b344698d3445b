package org.deq.cli;

import java.io.PrintWriter;
import java.util.List;
import org.deq.change.ChangeHit;
import org.deq.raster.PatchMeta;
import org.deq.search.Hit;
import org.deq.spec.PrintableText;

/** Text rendering of results for the terminal. */
final class Format {

    private Format() {
    }

    /** {@code text} as one shell word: as it is when it holds only safe characters, else in single quotes. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9_./:=@%+,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** A count and its noun, singular for 1 ({@code "1 patch"}, {@code "2 patches"}). */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A score with {@code digits} decimals, or "n/a" when it is undefined (NaN). */
    static String score(double value, int digits) {
        return Double.isNaN(value) ? "n/a" : String.format("%." + digits + "f", value);
    }

    /** One result line: rank, distance, id, date and labels. */
    static String hit(Hit h) {
        PatchMeta m = h.meta();
        return String.format("%3d  %9.4f  %-48s %s  %s", h.rank(), h.distance(), PrintableText.of(h.id()), date(m),
                PrintableText.of(String.join("; ", m.labels())));
    }

    /** One change result line: rank, distance, the two ids and dates, and the later patch's labels. */
    static String changeHit(ChangeHit h) {
        return String.format("%3d  %9.4f  %s %s -> %s %s  %s", h.rank(), h.distance(), PrintableText.of(h.before().id()),
                date(h.before()), PrintableText.of(h.after().id()), date(h.after()),
                PrintableText.of(String.join("; ", h.after().labels())));
    }

    /** The first 20 one-line errors of a long run, then how many more; {@code more} says where the rest are, if anywhere. */
    static void badLines(PrintWriter out, List<String> errors, String more) {
        lines(out, "bad", errors, more);
    }

    /**
     * The first 20 of {@code lines}, each after {@code "  kind: "}, then how many more (and {@code more}); what in them
     * would act on the terminal rather than show (an archive's file names) escaped ({@link PrintableText}).
     */
    static void lines(PrintWriter out, String kind, List<String> lines, String more) {
        for (int i = 0; i < Math.min(20, lines.size()); i++) {
            out.println("  " + kind + ": " + PrintableText.of(lines.get(i)));
        }
        if (lines.size() > 20) {
            out.println("  ... " + (lines.size() - 20) + " more" + more);
        }
    }

    private static String date(PatchMeta m) {
        return m.acquired() == null ? "-" : m.acquired().toString().substring(0, 10);
    }

    /** A fraction as a percentage of one decimal that reads 100.0 only when it is whole: 0.99995 is 99.9, not 100.0. */
    static String percentBelowWhole(double fraction) {
        double percent = 100 * fraction;
        return String.format("%.1f", fraction < 1 ? Math.min(percent, 99.9) : percent); // the line's own locale
    }
}
