package org.deq.cli;

import org.deq.raster.PatchMeta;
import org.deq.search.Hit;

/** Text rendering of results for the terminal. */
final class Format {

    private Format() {
    }

    /** One result line: rank, distance, id, date and labels. */
    static String hit(Hit h) {
        PatchMeta m = h.meta();
        String date = m.acquired() == null ? "-" : m.acquired().toString().substring(0, 10);
        return String.format("%3d  %9.4f  %-48s %s  %s", h.rank(), h.distance(), h.id(), date, String.join("; ", m.labels()));
    }
}
