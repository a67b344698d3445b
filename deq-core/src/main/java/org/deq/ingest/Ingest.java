package org.deq.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.deq.archive.Archive;
import org.deq.archive.PatchSource;
import org.deq.describe.Descriptor;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreWriter;

/**
 * The archive → describe → store pipeline shared by every front end: reads and describes patches in parallel, adds
 * them in archive order (so the same archive always gives the same ordinals) and commits every {@code commitEvery}
 * patches. A bad patch is reported, never fatal; ids already in the store are skipped, which makes re-running an
 * interrupted ingest, or adding new patches to an archive, incremental.
 */
public final class Ingest {

    /** One patch that could not be indexed, with the one-line reason. */
    public record BadPatch(String id, String error) {
    }

    /** What an ingest did. */
    public record Report(long indexed, long skippedExisting, List<BadPatch> bad, double seconds) {

        public Report {
            bad = List.copyOf(bad);
        }

        /** Patches read, described and stored per second. */
        public double patchesPerSecond() {
            return seconds > 0 ? indexed / seconds : 0;
        }
    }

    private final int threads;
    private final int batchSize;
    private final int commitEvery;

    /** An ingest with {@code threads} workers that commits every {@code commitEvery} patches. */
    public Ingest(int threads, int commitEvery) {
        this.threads = Math.max(1, threads);
        this.batchSize = 64 * this.threads;
        this.commitEvery = Math.max(1, commitEvery);
    }

    /**
     * Fits a trainable descriptor on a seeded random sample of at most {@code sampleSize} patches of the archive
     * (reservoir sampling over the listing, so the archive is listed once and only the sample is read).
     */
    public static Descriptor fit(Descriptor descriptor, Archive archive, int sampleSize, long seed) throws IOException {
        if (!descriptor.needsFit()) {
            return descriptor;
        }
        List<PatchSource> reservoir = new ArrayList<>(sampleSize);
        SplittableRandom random = new SplittableRandom(seed);
        long seen = 0;
        for (PatchSource source : archive) {
            seen++;
            if (reservoir.size() < sampleSize) {
                reservoir.add(source);
            } else {
                long j = random.nextLong(seen);
                if (j < sampleSize) {
                    reservoir.set((int) j, source);
                }
            }
        }
        List<Patch> sample = new ArrayList<>(reservoir.size());
        for (PatchSource source : reservoir) {
            try {
                sample.add(source.read());
            } catch (BadInputException e) {
                // a bad file is reported by the ingest itself; the codebook just learns from the good ones
            }
        }
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("archive " + archive.name() + ": no readable patch to fit descriptor "
                    + descriptor.spec());
        }
        return descriptor.fit(sample, seed);
    }

    /** Describes every patch of the archive not yet in the store and commits them; {@code progress} gets the count of patches handled. */
    public Report run(Archive archive, Descriptor descriptor, IndexStore store, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        long indexed = 0;
        long skipped = 0;
        long handled = 0;
        List<BadPatch> bad = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "deq-ingest");
            t.setDaemon(true);
            return t;
        });
        try (StoreWriter writer = store.writer()) {
            List<PatchSource> batch = new ArrayList<>(batchSize);
            var it = archive.iterator();
            while (it.hasNext()) {
                batch.clear();
                while (it.hasNext() && batch.size() < batchSize) {
                    PatchSource source = it.next();
                    if (store.ordinal(source.id()) >= 0) {
                        skipped++;
                        handled++;
                    } else {
                        batch.add(source);
                    }
                }
                List<Future<Described>> futures = new ArrayList<>(batch.size());
                for (PatchSource source : batch) {
                    futures.add(pool.submit(() -> describe(source, descriptor)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    Described d = await(futures.get(i));
                    String error = d.error;
                    if (error == null) {
                        try {
                            writer.add(d.meta, d.vector);
                            indexed++;
                        } catch (IllegalArgumentException e) {
                            error = e.getMessage();
                        }
                    }
                    if (error != null) {
                        bad.add(new BadPatch(batch.get(i).id(), error));
                    }
                    handled++;
                    if (writer.pending() >= commitEvery) {
                        writer.commit();
                    }
                }
                progress.accept(handled);
            }
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
        return new Report(indexed, skipped, bad, (System.nanoTime() - start) / 1e9);
    }

    private record Described(PatchMeta meta, float[] vector, String error) {
    }

    private static Described describe(PatchSource source, Descriptor descriptor) {
        try {
            Patch patch = source.read();
            return new Described(patch.meta(), descriptor.describe(patch), null);
        } catch (BadInputException e) {
            return new Described(null, null, e.getMessage());
        } catch (RuntimeException e) {
            // a descriptor failing on one odd patch must not abort a long ingest; the report names it
            return new Described(null, null, source.location() + ": cannot describe: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private static Described await(Future<Described> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("ingest interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("ingest worker failed: " + e.getCause(), e.getCause());
        }
    }
}
