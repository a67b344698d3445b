package org.deq.cli;

/** Shutdown hooks that say what a Ctrl-C left, and whether the JVM is stopping. */
final class StopHooks {

    private StopHooks() {
    }

    /** Whether the JVM is running its shutdown hooks (Ctrl-C, a kill): work failing now fails because of that. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Removes {@code hook} unless the JVM is already running it. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }
}
