package org.deq.concurrent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * At most {@code capacity} open things (an ONNX session, a worker's opened index) by key, shared by concurrent calls
 * that each hold a {@link Lease}; the least recently used is evicted first, and an evicted one is closed when the last
 * call holding it lets it go, never under a running call.
 */
public final class LeasedCache<V extends AutoCloseable> {

    /** Opens the value of a key that is not held. */
    @FunctionalInterface
    public interface Loader<V, E extends Exception> {
        V load() throws E;
    }

    /** One call's hold on a value; closing it lets the value go. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The value, open until this lease is closed. */
        public V value() {
            return entry.value.join();
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(entry);
            }
        }
    }

    /** A value, loaded by the first call that asked for it while the others wait, and the calls holding it. */
    private final class Entry {
        private final CompletableFuture<V> value = new CompletableFuture<>();
        private int users;
        private boolean evicted;
    }

    private final int capacity;
    /** In access order, so the first entry is the least recently used. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** A cache that keeps at most {@code capacity} values open between calls. */
    public LeasedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The value of {@code key}, opened by {@code load} when absent, held until the lease is closed. Loading happens
     * outside the lock, so a large model or index loading does not stall calls on the others; calls that ask for the
     * same key meanwhile wait for it rather than load a second copy, and load it themselves if it fails.
     */
    public <E extends Exception> Lease acquire(String key, Loader<V, E> load) throws E {
        while (true) {
            Entry entry;
            boolean loading;
            List<V> closing = new ArrayList<>();
            synchronized (this) {
                entry = entries.get(key);
                loading = entry == null;
                if (loading) {
                    entry = new Entry();
                    entries.put(key, entry);
                    evictDownTo(capacity, closing);
                }
                entry.users++;
            }
            closing.forEach(LeasedCache::closeQuietly);
            Lease lease = new Lease(entry);
            if (loading) {
                boolean loaded = false;
                try {
                    entry.value.complete(load.load());
                    loaded = true;
                } finally {
                    if (!loaded) {
                        forget(key, entry);
                        lease.close();
                    }
                }
                return lease;
            }
            try {
                entry.value.join();
                return lease;
            } catch (CompletionException e) {
                lease.close(); // the load failed in the call that tried it: try again, with this call's own error
            }
        }
    }

    /** Evicts every value: those no call holds are closed now, the others after their last call. */
    public void clear() {
        List<V> closing = new ArrayList<>();
        synchronized (this) {
            evictDownTo(0, closing);
        }
        closing.forEach(LeasedCache::closeQuietly);
    }

    /** Drops an entry whose load failed, so that the next call loads afresh, and wakes the calls waiting for it. */
    private void forget(String key, Entry entry) {
        synchronized (this) {
            entries.remove(key, entry);
        }
        entry.value.completeExceptionally(new IllegalStateException("loading " + key + " failed"));
    }

    /** Evicts the least recently used entries past {@code size}; loaded ones no call holds go to {@code closing}. */
    private void evictDownTo(int size, List<V> closing) {
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > size) {
            Entry e = eldest.next();
            eldest.remove();
            e.evicted = true;
            if (e.users == 0) { // a value still loading has its loader among the users
                closing.add(e.value.join());
            }
        }
    }

    private void release(Entry entry) {
        boolean close;
        synchronized (this) {
            entry.users--;
            close = entry.evicted && entry.users == 0 && !entry.value.isCompletedExceptionally();
        }
        if (close) {
            closeQuietly(entry.value.join());
        }
    }

    private static void closeQuietly(AutoCloseable value) {
        try {
            value.close();
        } catch (Exception e) {
            // a value that fails to close leaks its memory at worst; the call that let it go has its own result to give
        }
    }
}
