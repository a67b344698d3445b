package org.deq.cli;

import org.deq.change.ChangeHit;
import org.deq.raster.PatchMeta;
import org.deq.search.Hit;

/** Text rendering of results for the terminal. */
final class Format {

    private Format() {
    }

    /** One result line: rank, distance, id, date and labels. */
    static String hit(Hit h) {
        PatchMeta m = h.meta();
        return String.format("%3d  %9.4f  %-48s %s  %s", h.rank(), h.distance(), h.id(), date(m), String.join("; ", m.labels()));
    }

    /** One change result line: rank, distance, the two ids and dates, and the later patch's labels. */
    static String changeHit(ChangeHit h) {
        return String.format("%3d  %9.4f  %s %s -> %s %s  %s", h.rank(), h.distance(), h.before().id(), date(h.before()),
                h.after().id(), date(h.after()), String.join("; ", h.after().labels()));
    }

    private static String date(PatchMeta m) {
        return m.acquired() == null ? "-" : m.acquired().toString().substring(0, 10);
    }
}
