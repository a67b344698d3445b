package org.deq.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deq.index.Distance;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;

/**
 * Prints the time to add and commit N random patches to a fresh store and to reopen it (a measurement program, not a
 * test). Usage: {@code java -cp <test classpath> org.deq.store.StoreTiming [n] [dim]}.
 */
public final class StoreTiming {

    private StoreTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        Path dir = Files.createTempDirectory("deq-store-timing").resolve("idx");
        Random r = new Random(42);
        float[] v = new float[dim];
        long t0 = System.nanoTime();
        long tAdded;
        try (IndexStore store = IndexStore.create(dir, new StoreConfig("timing", Distance.L2, dim, null));
             StoreWriter w = store.writer()) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    v[j] = r.nextFloat();
                }
                w.add(new PatchMeta("patch-" + i, "timing", Instant.ofEpochSecond(1_500_000_000L + i),
                        new GeoBox(i % 360 - 180, 0, i % 360 - 179.99, 0.01), List.of("Pastures", "Water bodies"),
                        Set.of()), v);
            }
            tAdded = System.nanoTime();
            w.commit();
        }
        long t1 = System.nanoTime();
        try (IndexStore store = IndexStore.open(dir)) {
            long t2 = System.nanoTime();
            System.out.printf("n=%d dim=%d: add %.1f s, commit %.2f s, open %.2f s (%d patches)%n", n, dim,
                    (tAdded - t0) / 1e9, (t1 - tAdded) / 1e9, (t2 - t1) / 1e9, store.size());
        }
        System.out.println("store left at " + dir);
    }
}
