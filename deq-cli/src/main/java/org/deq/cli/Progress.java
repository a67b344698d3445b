package org.deq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/** A progress bar on stderr for long commands; thread-safe steps. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    // items counted as done that took no work (patches an interrupted ingest stored): no part of the rate
    private final AtomicLong free = new AtomicLong();
    // a log gets the full bar once: the library renders it on its last update and again on close
    private volatile boolean fullLineWritten;
    // a stop hook closes the bar before its last line: the work's later steps must not draw it again
    private boolean closed;

    /** A bar of {@code total} items; a negative total (not known) shows the count without a percentage or an estimate. */
    Progress(String task, long total) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setEtaFunction(this::eta).continuousUpdate();
        if (!STDERR_IS_TERMINAL) {
            // output to a log, not a terminal: a line every few seconds instead of a carriage return twice a second
            builder.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS).setConsumer(new DelegatingProgressBarConsumer(this::logLine));
        } else {
            builder.setUpdateIntervalMillis(500);
        }
        bar = builder.build();
    }

    private void logLine(String line) {
        boolean full = bar != null && bar.getMax() > 0 && bar.getCurrent() >= bar.getMax();
        if (!(full && fullLineWritten)) {
            System.err.println(line);
        }
        fullLineWritten |= full;
    }

    /** How often a bar writes a line when deq's output goes to a file or a pipe. */
    private static final int LOG_INTERVAL_MILLIS = 10_000;

    /** Whether the bars' stream, stderr, is a terminal (Java only says so for stdin and stdout together). */
    private static final boolean STDERR_IS_TERMINAL = stderrIsTerminal();

    private static boolean stderrIsTerminal() {
        try { // Linux names where descriptor 2 points: a terminal is /dev/pts/N or /dev/ttyN
            String target = Files.readSymbolicLink(Paths.get("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Advances by one item; none once closed. */
    synchronized void step() {
        if (!closed) {
            bar.step();
        }
    }

    /** Sets the absolute position; none once closed. */
    synchronized void stepTo(long n) {
        if (!closed) {
            bar.stepTo(n);
        }
    }

    /** Sets the absolute position, of which {@code free} items took no work: the estimate leaves them out of the rate. */
    synchronized void stepTo(long n, long free) {
        if (!closed) {
            this.free.set(free);
            bar.stepTo(n);
        }
    }

    /** The position the bar shows (its last, once closed). */
    synchronized long current() {
        return bar.getCurrent();
    }

    /** The time left at the rate of the items that took work so far; none before the first of them. */
    private Optional<Duration> eta(ProgressState state) {
        long worked = state.getCurrent() - state.getStart() - free.get();
        if (state.getMax() <= 0 || state.isIndefinite() || worked <= 0) {
            return Optional.empty();
        }
        return Optional.of(state.getElapsedAfterStart().dividedBy(worked).multipliedBy(state.getMax() - state.getCurrent()));
    }

    /** Draws the bar a last time and ends its line; closing it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean finished = bar.getCurrent() >= bar.getMax();
        bar.close();
        if (!finished) {
            // the bar ends its line only when it is full: an error after an early stop would otherwise join it
            System.err.println();
        }
    }
}
