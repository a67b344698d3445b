package org.deq.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.deq.archive.Archive;
import org.deq.archive.IngestNotes;
import org.deq.archive.PatchSource;
import org.deq.concurrent.Workers;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.io.Failures;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;

/**
 * The archive → describe → store pipeline shared by every front end: reads and describes patches in parallel (on local
 * threads, or on a cluster through a {@link BatchDescriber} such as deq-spark's), adds them in archive order (so the
 * same archive always gives the same ordinals) and commits every {@code commitEvery} patches. A bad patch is reported, never fatal; ids already in the store are skipped, which makes re-running an
 * interrupted ingest, or adding new patches to an archive, incremental.
 */
public final class Ingest {

    /** One patch that could not be indexed, with the one-line reason. */
    public record BadPatch(String id, String error) {
    }

    /**
     * What an ingest did; {@code stopped} when {@link #requestStop()} ended it before the archive's end, and
     * {@code dropped} the patches then handed to the describer whose batch failed with the stop (a cluster shut down
     * under it) and were not stored; {@code notes} what the archive noted about the whole of it ({@link Archive#notes}),
     * none after a stop.
     */
    public record Report(long indexed, long skippedExisting, List<BadPatch> bad, double seconds, boolean stopped, long dropped,
                         List<String> notes) {

        public Report {
            bad = List.copyOf(bad);
            notes = List.copyOf(notes);
        }

        /** Patches read, described and stored per second. */
        public double patchesPerSecond() {
            return seconds > 0 ? indexed / seconds : 0;
        }

        /**
         * This report with a note when a whole ingest found fewer patches than {@code counted} at its start (-1: not
         * counted): files removed while it ran, which a folder archive lists only when it reaches their folder, so they
         * would leave the totals short without a word.
         */
        public Report checkedAgainst(long counted) {
            long found = indexed + skippedExisting + bad.size();
            if (stopped || counted < 0 || found >= counted) {
                return this;
            }
            List<String> more = new ArrayList<>(notes);
            more.add((counted - found) + " of the " + counted + " patches counted at the start were not found when read"
                    + " (removed or moved while the ingest ran?); indexed, present and bad add up to " + found);
            return new Report(indexed, skippedExisting, bad, seconds, stopped, dropped, more);
        }
    }

    /** One patch described, or the one-line reason it could not be; serializable so a cluster can send it back. */
    public record Described(PatchMeta meta, float[] vector, String error) implements Serializable {

        /** A patch that could not be described. */
        public static Described failed(String error) {
            return new Described(null, null, error);
        }
    }

    /**
     * The step that differs between one machine and a cluster: describing a batch of the archive's patches. Listing,
     * skipping stored ids, adding in archive order, committing and reporting are {@link #run}'s, the same for both.
     * {@link #run} hands over the next batch before it stores the last one, so describing and storing overlap.
     */
    public interface BatchDescriber extends AutoCloseable {

        /**
         * How many patches {@link #run} hands over next (asked before every batch, once the archive has a patch to
         * describe: a cluster may have grown, and one need not start while nothing is new).
         */
        int batchSize();

        /** Starts describing {@code sources}; the batch's results come, one per patch and in order, from {@link Pending#await}. */
        Pending submit(List<PatchSource> sources) throws IOException;

        @Override
        void close();
    }

    /** A batch being described. */
    @FunctionalInterface
    public interface Pending {

        /** Waits for the batch: one result per patch, in the order handed over. */
        List<Described> await() throws IOException;
    }

    private final int threads;
    private final int commitEvery;
    private volatile boolean stopRequested;
    private volatile Adder running;

    /** An ingest with {@code threads} local workers that commits every {@code commitEvery} patches. */
    public Ingest(int threads, int commitEvery) {
        if (threads < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("threads and commitEvery must be at least 1, got " + threads + " and " + commitEvery);
        }
        this.threads = threads;
        this.commitEvery = commitEvery;
    }

    /** An ingest that commits every {@code commitEvery} patches, for {@link #run(Archive, BatchDescriber, IndexStore, LongConsumer)}. */
    public Ingest(int commitEvery) {
        this(1, commitEvery);
    }

    /**
     * Fits a trainable descriptor on a seeded random sample of at most {@code sampleSize} patches of the archive
     * (reservoir sampling over the listing, so the archive is listed once and only the sample is read).
     */
    public static Descriptor fit(Descriptor descriptor, Archive archive, int sampleSize, long seed) throws IOException {
        if (!descriptor.needsFit()) {
            return descriptor;
        }
        if (sampleSize < 1) {
            throw new IllegalArgumentException("the fit sample must hold at least 1 patch, got " + sampleSize);
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
        String firstBad = null;
        for (PatchSource source : reservoir) {
            try {
                sample.add(source.read());
            } catch (BadInputException e) {
                // a bad file is reported by the ingest itself; the codebook just learns from the good ones
                firstBad = firstBad == null ? e.getMessage() : firstBad;
            }
        }
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("archive " + archive.name() + ": no readable patch to fit descriptor "
                    + descriptor.spec() + (firstBad == null ? "" : " (the first: " + firstBad + ")"));
        }
        return descriptor.fit(sample, seed);
    }

    /**
     * Describes every patch of the archive not yet in the store on local threads with the store's own descriptor and
     * commits them; {@code progress} gets the count of patches handled.
     */
    public Report run(Archive archive, IndexStore store, LongConsumer progress) throws IOException {
        return run(archive, store.config().restoreDescriptor(), store, progress);
    }

    /**
     * Describes every patch of the archive not yet in the store on local threads and commits them; {@code progress} gets
     * the count of patches handled. {@code descriptor} must be the store's own, spec and fitted state: another one, even
     * of the same dimension, is refused, as its vectors would not be comparable with the stored ones.
     */
    public Report run(Archive archive, Descriptor descriptor, IndexStore store, LongConsumer progress) throws IOException {
        checkSameDescriptor(descriptor, store.config());
        try (BatchDescriber local = new ThreadDescriber(threads, descriptor)) {
            return run(archive, local, store, progress);
        }
    }

    /**
     * Describes every patch of the archive not yet in the store with {@code describer}, which must describe with the
     * store's own descriptor (deq-spark's restores it from the store's config), and commits them in archive order.
     */
    public Report run(Archive archive, BatchDescriber describer, IndexStore store, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        try (StoreWriter writer = store.writer()) {
            Adder adder = new Adder(writer, progress, archive.notes());
            running = adder;
            boolean complete = false;
            try {
                complete = describeAndAdd(archive, describer, store, adder);
            } catch (IOException | RuntimeException e) {
                if (!stopRequested) {
                    keepStored(writer, e);
                    throw e;
                }
                // a cluster stopping with the JVM fails the batch in flight: what was stored before it is committed below
            }
            writer.commit();
            return new Report(adder.indexed, adder.skipped, adder.bad, (System.nanoTime() - start) / 1e9, !complete,
                    adder.submitted - (adder.handled - adder.skipped), complete ? adder.notes.lines() : List.of());
        }
    }

    /**
     * Describes the archive's new patches batch by batch and adds them; the patches already stored are skipped. True
     * when the whole archive was handled, false when a stop ended it first.
     */
    private boolean describeAndAdd(Archive archive, BatchDescriber describer, IndexStore store, Adder adder) throws IOException {
        List<PatchSource> inFlight = List.of();
        Pending pending = null;
        var it = archive.iterator();
        while (it.hasNext() && !stopRequested) {
            int size = 0; // asked at the batch's first new patch
            List<PatchSource> batch = new ArrayList<>();
            // a stop is seen here too: skipping the stored part of a large archive takes a while
            while (it.hasNext() && (size == 0 || batch.size() < size) && !stopRequested) {
                PatchSource source = it.next();
                adder.notes.listed(source.id());
                if (store.ordinal(source.id()) >= 0) {
                    adder.skipped++;
                    adder.handled++;
                } else {
                    batch.add(source);
                    size = size == 0 ? Math.max(1, describer.batchSize()) : size;
                }
            }
            // the next batch is described while the last one is stored
            Pending next = batch.isEmpty() ? null : describer.submit(batch);
            adder.submitted += batch.size();
            if (pending != null) {
                adder.add(inFlight, pending.await());
            }
            inFlight = batch;
            pending = next;
            adder.progress.accept(adder.handled);
        }
        if (pending != null) {
            adder.add(inFlight, pending.await());
        }
        return !it.hasNext();
    }

    /**
     * Commits the patches stored before a failed batch (a lost executor, a file system error), so a run of the same
     * command starts after them; a commit that fails too is added to the failure.
     */
    private static void keepStored(StoreWriter writer, Exception failure) {
        try {
            writer.commit();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Asks a running {@link #run} to stop reading the archive: it stores the batch being described, commits what it
     * holds and returns a report that says it stopped. For a shutdown hook (Ctrl-C), so a stop loses no described patch
     * (up to {@code commitEvery} of them, minutes of work, were lost before the next commit). An ingest once stopped
     * stays so: a later run of it stops at once.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * The patches the run in progress (or the last one) has skipped so far as already stored, which its progress counts
     * as handled: a progress bar leaves them out of its rate, since they took no time.
     */
    public long skipped() {
        Adder adder = running;
        return adder == null ? 0 : adder.skipped;
    }

    /** Refuses a descriptor other than the one the store was created with: its vectors would mix two feature spaces. */
    private static void checkSameDescriptor(Descriptor descriptor, StoreConfig config) {
        String stored = config.descriptorSpec();
        // the store keeps the spec as given; a descriptor's spec is canonical (defaults written out)
        String canonical = DescriptorSpecs.knows(stored) ? DescriptorSpecs.parse(stored).spec() : stored;
        String differs = !descriptor.spec().equals(canonical) ? "is not"
                : descriptor.needsFit() ? "is not fitted, unlike"
                : !Arrays.equals(DescriptorSpecs.state(descriptor), config.descriptorState()) ? "is fitted otherwise than"
                : null;
        if (differs != null) {
            throw new IllegalArgumentException("descriptor " + descriptor.spec() + " " + differs + " the index's " + canonical
                    + ": ingest with the index's own (Ingest.run(archive, store, progress))");
        }
    }

    /** Adds described batches to the store in order, committing every {@code commitEvery} patches, and counts. */
    private final class Adder {
        private final StoreWriter writer;
        private final LongConsumer progress;
        private final IngestNotes notes;
        private final List<BadPatch> bad = new ArrayList<>();
        private long indexed;
        private long handled;
        private volatile long skipped; // written by the ingest thread alone; skipped() may read it from any
        private long submitted;

        Adder(StoreWriter writer, LongConsumer progress, IngestNotes notes) {
            this.writer = writer;
            this.progress = progress;
            this.notes = notes;
        }

        void add(List<PatchSource> batch, List<Described> described) throws IOException {
            if (described.size() != batch.size()) {
                throw new IOException("ingest: " + batch.size() + " patches handed over, " + described.size() + " described");
            }
            for (int i = 0; i < batch.size(); i++) {
                Described d = described.get(i);
                String error = d.error();
                if (error == null) {
                    try {
                        writer.add(d.meta(), d.vector());
                        notes.read(d.meta());
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
    }

    /** Share of the heap in use above which an out-of-memory error is the heap's, not one patch's. */
    private static final double HEAP_FULL = 0.8;

    /**
     * Reads and describes one patch. Whatever goes wrong with this one patch becomes its error line, so a long ingest
     * never aborts for one file.
     */
    public static Described describe(PatchSource source, Descriptor descriptor) {
        try {
            Patch patch = source.read();
            return new Described(patch.meta(), descriptor.describe(patch), null);
        } catch (BadInputException e) {
            return Described.failed(e.getMessage());
        } catch (RuntimeException e) {
            // a descriptor failing on one odd patch must not abort a long ingest; the report names it
            return Described.failed(source.location() + ": cannot describe: " + Failures.message(e));
        } catch (OutOfMemoryError e) {
            // one huge picture (a 10000 x 10000 JPEG among 256 x 256 scenes) failed its own allocation and left the heap
            // as it was: the ingest goes on without it; a heap full of other things fails the ingest, as before
            Runtime rt = Runtime.getRuntime();
            if (rt.totalMemory() - rt.freeMemory() > HEAP_FULL * rt.maxMemory()) {
                throw e;
            }
            return Described.failed(source.location() + ": too large for the Java heap (at most "
                    + (rt.maxMemory() >> 20) + " MB; DEQ_JAVA_OPTS=-Xmx16g gives more)");
        }
    }

    /** Describes batches on a pool of local threads. */
    private static final class ThreadDescriber implements BatchDescriber {
        private final Descriptor descriptor;
        private final int threads;
        private final ExecutorService pool;

        ThreadDescriber(int threads, Descriptor descriptor) {
            this.descriptor = descriptor;
            this.threads = threads;
            this.pool = Workers.pool(threads, "deq-ingest");
        }

        @Override
        public int batchSize() {
            return 64 * threads;
        }

        @Override
        public Pending submit(List<PatchSource> sources) {
            List<Future<Described>> futures = new ArrayList<>(sources.size());
            for (PatchSource source : sources) {
                futures.add(pool.submit(() -> Ingest.describe(source, descriptor)));
            }
            return () -> {
                List<Described> described = new ArrayList<>(futures.size());
                for (Future<Described> f : futures) {
                    described.add(Workers.await(f, "ingest"));
                }
                return described;
            };
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
