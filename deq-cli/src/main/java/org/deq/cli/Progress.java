package org.deq.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long commands; thread-safe steps. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    /** A bar of {@code total} items; a negative total (not known) shows the count without a percentage or an estimate. */
    Progress(String task, long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    /** Advances by one item. */
    void step() {
        bar.step();
    }

    /** Sets the absolute position. */
    void stepTo(long n) {
        bar.stepTo(n);
    }

    /** Changes the total once it is known. */
    void maxHint(long total) {
        bar.maxHint(total);
    }

    @Override
    public void close() {
        boolean finished = bar.getCurrent() >= bar.getMax();
        bar.close();
        if (!finished) {
            // the bar ends its line only when it is full: an error after an early stop would otherwise join it
            System.err.println();
        }
    }
}
