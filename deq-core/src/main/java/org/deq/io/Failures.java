package org.deq.io;

/** A failure as users read it: its message, never a class's package name, and on one line where a line is all there is. */
public final class Failures {

    private Failures() {
    }

    /** {@code t}'s message, or its simple class name when it has none. */
    public static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The first line of {@link #message} (some libraries' messages run on with details), stripped. */
    public static String firstLine(Throwable t) {
        String m = message(t).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
