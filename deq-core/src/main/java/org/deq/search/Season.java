package org.deq.search;

import org.deq.spec.EnumNames;

/** A meteorological season of the northern hemisphere (three whole months), as searched by {@link Filter}. */
public enum Season {
    WINTER(12, 1, 2), SPRING(3, 4, 5), SUMMER(6, 7, 8), AUTUMN(9, 10, 11);

    private static final long MS_PER_DAY = 86_400_000L;

    private final int[] months;

    Season(int... months) {
        this.months = months;
    }

    /** True when the month (1-12) belongs to this season. */
    public boolean contains(int month) {
        return month == months[0] || month == months[1] || month == months[2];
    }

    /** The season of a name such as {@code summer} (case-insensitive); anything else is a clear error. */
    public static Season parse(String name) {
        return EnumNames.parse(Season.class, name, "season");
    }

    /** The UTC month (1-12) of an epoch-millisecond time, without allocating: it runs once per row in filter scans. */
    public static int monthOf(long epochMs) {
        // Hinnant's civil-from-days, shifted so that years start on 1 March
        long z = Math.floorDiv(epochMs, MS_PER_DAY) + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (mp < 10 ? mp + 3 : mp - 9);
    }
}
