package org.deq.archive;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acquisition times read from file and folder names, for GeoTIFFs whose own metadata carries none: Sentinel-2's
 * {@code 20200604T103031}, or {@code 20200604} / {@code 2020-06-04} (UTC).
 */
final class FileNameDates {

    private static final Pattern DATE_TIME = Pattern.compile("(?<!\\d)(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(?!\\d)");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(\\d{4})-?(\\d{2})-?(\\d{2})(?!\\d)");

    private FileNameDates() {
    }

    /**
     * The acquisition time in a file's path below its archive's root: of its file name, else of the nearest folder name
     * holding a date; null when none does.
     */
    static Instant acquired(Path relative) {
        for (Path p = relative; p != null && p.getFileName() != null; p = p.getParent()) {
            Instant t = acquired(p.getFileName().toString());
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /**
     * The acquisition time of a file given on its own (a query example, a stored patch read again): its name's, else the
     * nearest folder's above it holding a date, the rule an ingest applies below its root, so that a file read both ways
     * gets one date whenever no dated folder lies above the archive's root.
     */
    static Instant acquiredOnItsOwn(Path file) {
        return acquired(file.toAbsolutePath().normalize());
    }

    /** The acquisition time in a file name (its first date, with the time that follows it), or null. */
    static Instant acquired(String fileName) {
        Matcher m = DATE_TIME.matcher(fileName);
        try {
            if (m.find()) {
                return LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6))
                        .toInstant(ZoneOffset.UTC);
            }
            m = DATE.matcher(fileName);
            while (m.find()) {
                if (number(m, 1) >= 1970 && number(m, 1) <= 2100) {
                    return LocalDate.of(number(m, 1), number(m, 2), number(m, 3)).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
            }
        } catch (DateTimeException e) {
            return null; // digits that only look like a date
        }
        return null;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
