package org.deq.concurrent;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map of at most {@code capacity} entries that forgets the least recently used one first; not thread-safe itself. */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    /** An empty map that keeps at most {@code capacity} entries. */
    public LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
