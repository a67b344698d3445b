package org.deq.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.index.Distance;

/** Child JVM for the crash test: appends batches of fixture patches and commits, until killed. */
public final class StoreCrashChild {

    static final int BATCH = 40;

    private StoreCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (IndexStore store = Files.exists(dir.resolve(IndexStore.MANIFEST)) ? IndexStore.open(dir)
                : IndexStore.create(dir, new StoreConfig("crash-test", Distance.L2, StoreFixtures.DIM, new byte[] {1, 2, 3}));
             StoreWriter w = store.writer()) {
            for (int i = store.size(); i < 200_000; i++) {
                w.add(StoreFixtures.meta(i), StoreFixtures.vector(i));
                if ((i + 1) % BATCH == 0) {
                    w.commit();
                }
            }
        }
    }
}
