package org.deq.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.describe.RegionDescriptor;
import org.deq.eval.EvalProtocol;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.hash.BinaryEncoder;
import org.deq.hash.Codes;
import org.deq.hash.EncoderTrainer;
import org.deq.hash.Encoders;
import org.deq.hash.HashSpec;
import org.deq.index.MultiCodeIndex;
import org.deq.index.MultiCodeModel;
import org.deq.search.QueryByExample;
import org.deq.spec.EnumNames;
import org.deq.store.IndexStore;
import org.deq.store.StoreWriter;
import org.deq.store.TrainingSplit;

/**
 * What {@code deq index --hash} and {@code --multi-code} do to a built index: train the encoder (supervised ones on a
 * split's train part) or the multi-code model on the stored descriptors, commit it, and say what changed.
 *
 * @param index     the index folder, as the user named it
 * @param hash      the --hash spec, or null
 * @param multiCode the --multi-code cluster count, or null
 * @param split     the --split whose train part a supervised encoder learns from
 * @param fitSeed   the seed of training
 * @param splitSeed the seed of the split
 * @param threads   the workers of training and encoding (--threads)
 * @param console   where the lines go
 */
record HashTraining(Path index, String hash, Integer multiCode, String split, long fitSeed, long splitSeed, int threads,
                    PrintWriter console) {

    /** A --multi-code needs a descriptor of regions (local-hist) and an unsupervised encoder whose spec its codes take. */
    static void checkMultiCode(String descriptorSpec, String encoderSpec) {
        if (!DescriptorSpecs.describesRegions(descriptorSpec)) { // decided from the spec: no model loaded to refuse it
            throw new IllegalArgumentException("--multi-code needs an index built with --descriptor local-hist:..., not "
                    + descriptorSpec);
        }
        if (encoderSpec == null || Encoders.supervised(encoderSpec)) {
            throw new IllegalArgumentException("--multi-code takes the code spec from the index's unsupervised encoder"
                    + (encoderSpec == null ? "" : " (" + encoderSpec + " is supervised)")
                    + "; add one in the same command with --hash lsh:bits=32");
        }
    }

    /**
     * Trains multi-code hashing on the regions of the stored local-hist descriptors, with the index's unsupervised
     * encoder spec for the codes, and commits the model.
     */
    void multiCode(IndexStore store) throws IOException {
        store.checkWritable(); // before the training, which the commit would refuse after it
        onThreads(() -> storeMultiCode(store));
    }

    private void storeMultiCode(IndexStore store) throws IOException {
        checkMultiCode(store.config().descriptorSpec(), store.encoder() == null ? null : store.encoder().spec());
        RegionDescriptor regions = regions(QueryByExample.descriptorOf(store));
        if (store.size() == 0) {
            throw new IllegalArgumentException(index + ": the index is empty; there is nothing to train --multi-code on");
        }
        long start = System.nanoTime();
        MultiCodeModel previous = store.multiCodeModel();
        MultiCodeIndex trained = whileTraining("the multi-code training was not finished; the index keeps "
                + (previous == null ? "no multi-code model" : "its multi-code model of " + previous),
                () -> trainMultiCode(store, regions, multiCode, store.encoder().spec()));
        try (StoreWriter writer = store.writer()) {
            writer.setMultiCode(trained);
            writer.commit();
        }
        console.printf("multi-code model of %s (%s codes) trained on %s and stored in %.1f s%n",
                Format.count(multiCode, "primitive cluster", "primitive clusters"), store.encoder().spec(),
                Format.count(store.size(), "patch", "patches"), (System.nanoTime() - start) / 1e9);
    }

    /** The stored descriptor as one of regions, which a multi-code model takes the regions of (checked before). */
    private static RegionDescriptor regions(Descriptor descriptor) {
        if (!(descriptor instanceof RegionDescriptor regions)) {
            throw new IllegalStateException("not a descriptor of regions: " + descriptor.spec()); // checkMultiCode said so
        }
        return regions;
    }

    /** A multi-code model of {@code clusters} primitive clusters of the stored descriptors' regions, its codes by {@code codeSpec}. */
    private MultiCodeIndex trainMultiCode(IndexStore store, RegionDescriptor regions, int clusters, String codeSpec) {
        checkClusters(store, regions, clusters);
        // a local-hist vector is its regions' histograms concatenated and divided by the region count
        return MultiCodeIndex.train(store.vectors(), regions.regionCount(), regions.regionDimension(),
                regions.regionCount(), clusters, codeSpec, fitSeed);
    }

    /** Refuses more clusters than the stored patches have regions: k-means takes at most one cluster per region. */
    private static void checkClusters(IndexStore store, RegionDescriptor regions, int clusters) {
        long regionCount = (long) store.size() * regions.regionCount();
        if (clusters > regionCount) {
            throw new IllegalArgumentException("--multi-code " + clusters + ": at most " + regionCount + " clusters, the regions of "
                    + Format.count(store.size(), "patch", "patches") + " (" + regions.regionCount() + " each)");
        }
    }

    /**
     * Runs a training; a Ctrl-C or kill meanwhile ends the JVM without it, so a hook says so, as the ingest's does:
     * {@code deq: stopped; } and {@code kept}, what the index keeps.
     */
    private static <T> T whileTraining(String kept, java.util.function.Supplier<T> training) {
        return whileTraining(kept, null, training);
    }

    /** As above, with {@code bar} (or null) closed first on a stop: it must not draw after the stop's line. */
    private static <T> T whileTraining(String kept, Progress bar, java.util.function.Supplier<T> training) {
        Thread stopped = new Thread(() -> {
            if (bar != null) {
                bar.close();
            }
            System.err.printf("%ndeq: stopped; %s%n", kept);
        });
        Runtime.getRuntime().addShutdownHook(stopped);
        try {
            return training.get();
        } finally {
            StopHooks.remove(stopped);
        }
    }

    /**
     * Trains the --hash encoder on the stored descriptors (supervised: the split's train part and its labels) and
     * commits it with every code, and with the model of a --multi-code given with it (one commit: a model the encoder
     * cannot code refuses both). Else a stored multi-code model, built for the codes of the replaced encoder, is retrained
     * with the new one (same cluster count) when it learns without labels, else dropped; one line says which.
     */
    void hash(IndexStore store) throws IOException {
        store.checkWritable(); // before the training, which the commit would refuse after it
        onThreads(() -> storeHash(store));
    }

    /** Work on the index that may throw what reading and writing it throws. */
    private interface IndexWork {
        void run() throws IOException;
    }

    /**
     * Runs {@code work} with its parallel steps (training, encoding every patch) on {@link #threads} workers, as
     * {@code --threads} says: the common pool would take every core.
     */
    private void onThreads(IndexWork work) throws IOException {
        ForkJoinPool pool = new ForkJoinPool(threads);
        Throwable[] failed = new Throwable[1]; // caught in the task: a pool rethrows a copy, its message the original's toString
        try {
            pool.submit(() -> {
                try {
                    work.run();
                } catch (IOException | RuntimeException | Error e) {
                    failed[0] = e;
                }
            }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while training");
        } finally {
            pool.shutdownNow();
        }
        if (failed[0] instanceof IOException io) {
            throw io;
        }
        if (failed[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failed[0] instanceof Error err) {
            throw err;
        }
    }

    private void storeHash(IndexStore store) throws IOException {
        EncoderTrainer trainer = Encoders.parse(hash);
        if (store.size() == 0) {
            throw new IllegalArgumentException(index + ": the index is empty; there is nothing to train --hash on");
        }
        boolean supervised = Encoders.supervised(hash);
        int dim = store.config().dimension();
        int[] rows = new int[store.size()];
        int count = 0;
        int[][] labels = null;
        if (supervised) {
            LabelTruth truth;
            try {
                truth = IndexEvaluation.truthOf(store);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--hash " + hash + " learns from labels and " + index + " has none (index a labelled "
                        + "archive, or use " + EnumNames.either(Encoders.methods(false)) + ")");
            }
            EvalProtocol protocol = new EvalProtocol(EvalProtocol.Scope.TRAIN, EvalProtocol.Scope.TEST,
                    EvalProtocol.parseSplit(split), splitSeed, false);
            boolean[] train = protocol.trainMask(truth);
            labels = new int[store.size()][];
            for (int i = 0; i < train.length; i++) {
                if (train[i]) {
                    labels[count] = truth.labelsOf(i);
                    rows[count++] = i;
                }
            }
            labels = Arrays.copyOf(labels, count);
            if (count == 0) {
                throw noTrainingImages();
            }
        } else {
            for (; count < rows.length; count++) {
                rows[count] = count;
            }
        }
        float[] sample = new float[count * dim];
        for (int r = 0; r < count; r++) {
            System.arraycopy(store.vectors(), rows[r] * dim, sample, r * dim, dim);
        }
        String replaced = store.encoder() == null ? null : store.encoder().spec();
        // built for the old codes: retrained with the new encoder, replaced by this command's --multi-code, or dropped
        MultiCodeModel stale = store.multiCodeModel();
        // a --multi-code of this command is trained here and committed with the encoder, so that one it cannot train
        // leaves the index as it was; its cluster count is checked before any training
        RegionDescriptor regions = multiCode != null || (stale != null && !supervised)
                ? regions(QueryByExample.descriptorOf(store)) : null;
        if (multiCode != null) {
            checkClusters(store, regions, multiCode);
        }
        String kept = "the hash training was not finished; the index keeps its " + (replaced == null
                ? "patches without codes" : "encoder " + replaced + " and its codes");
        long start = System.nanoTime();
        int trainingRows = count;
        int[][] trainingLabels = labels;
        BinaryEncoder encoder;
        // training shows no steps of its own (deep hashing at 50k patches takes minutes): the bar shows it is running
        try (Progress bar = new Progress("training " + hash, -1)) {
            encoder = whileTraining(kept, bar, () -> trainer.train(sample, trainingRows, dim, trainingLabels, fitSeed));
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        MultiCodeIndex retrained = null;
        String regionsRefuse = null; // the encoder trains on whole descriptors; its spec may not fit a region's few values
        if (multiCode != null) {
            try {
                retrained = whileTraining(kept, () -> trainMultiCode(store, regions, multiCode, encoder.spec()));
            } catch (IllegalArgumentException e) { // the clusters were checked: the encoder's spec refuses a region
                throw new IllegalArgumentException("--multi-code " + multiCode + " codes each region of "
                        + regions.regionDimension() + " values with " + encoder.spec() + ", which it cannot take (" + e.getMessage()
                        + "); nothing was stored: give --hash an encoder the regions can take");
            }
        } else if (regions != null) {
            try {
                retrained = whileTraining(kept, () -> trainMultiCode(store, regions, stale.clusters(), encoder.spec()));
            } catch (IllegalArgumentException e) {
                regionsRefuse = e.getMessage();
            }
        }
        double modelSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        try (StoreWriter writer = store.writer()) {
            writer.setEncoder(encoder, supervised ? new TrainingSplit(split, splitSeed, store.size()) : null);
            if (retrained != null) {
                writer.setMultiCode(retrained);
            } else if (stale != null) {
                writer.dropMultiCode();
            }
            writer.commit();
        }
        Integer sampled = HashSpec.parse(encoder.spec()).params().get("samples"); // ITQ's and KSH's training sample
        console.printf("hash encoder %s trained%s on %s%s in %.1f s; %s encoded and stored in %.1f s%n",
                encoder.spec(), replaced == null ? "" : " (replaces " + replaced + ")",
                Format.count(count, "descriptor", "descriptors") + (sampled != null && sampled < count ? " (" + sampled
                        + " sampled)" : ""),
                supervised ? " with the labels of the " + split + " split's train part (seed " + splitSeed + "; "
                        + evaluationHint() + ")" : "",
                trainSeconds, Format.count(store.size(), "patch", "patches"), (System.nanoTime() - start) / 1e9);
        if (multiCode != null) {
            console.printf("multi-code model of %s (%s codes) trained on %s in %.1f s and stored with it%n",
                    Format.count(multiCode, "primitive cluster", "primitive clusters"), encoder.spec(),
                    Format.count(store.size(), "patch", "patches"), modelSeconds);
        } else if (stale != null) {
            console.println(retrained != null ? "multi-code model retrained with " + retrained.model().codes() + " codes ("
                    + stale.clusters() + " clusters; it had " + stale.codes() + " codes)"
                    : regionsRefuse != null ? "multi-code model of " + stale + " dropped: its regions of "
                    + regions.regionDimension() + " values cannot take " + encoder.spec() + " codes (" + regionsRefuse
                    + "); --multi-code " + stale.clusters() + " with an encoder the regions can take trains one again"
                    : "multi-code model of " + stale + " dropped: its codes take an unsupervised encoder and " + encoder.spec()
                    + " learns from labels (deq index --out " + index + " --hash lsh:bits=32 --multi-code " + stale.clusters()
                    + " trains one again)");
        }
        noteReduced(encoder.spec(), count);
        int constant = Codes.constantBits(store.codes(), store.size(), encoder.bits());
        if (constant > 0 && store.size() > 1) { // an encoder with too few anchors or samples, or labels of one class
            console.printf("note: %d of the %d bits are the same for every patch, so they tell no patches apart%s%n", constant,
                    encoder.bits(), constant == encoder.bits() ? ": every patch has the same code" : "");
        }
    }

    /** How to evaluate on images the supervised encoder did not learn from, or that the split leaves none. */
    private String evaluationHint() {
        return EvalProtocol.parseSplit(split) == 100
                ? "the split has no test part, so every labelled image is a training image: no evaluation on unseen images"
                : "evaluate with --queries test --split " + split + " --seed " + splitSeed;
    }

    IllegalArgumentException noTrainingImages() {
        return new IllegalArgumentException("--split " + split + " leaves no training images for --hash " + hash);
    }

    /**
     * Kernel methods take at most as many anchors as there are descriptors (and kernel LSH a subset of at most half the
     * anchors): a note for each parameter, given or by default, that training reduced.
     */
    private void noteReduced(String trainedSpec, int trainingRows) {
        Map<String, Integer> given = HashSpec.parse(hash).params();
        Map<String, Integer> asked = Encoders.askedParams(hash);
        Map<String, Integer> used = HashSpec.parse(trainedSpec).params();
        for (Map.Entry<String, Integer> e : asked.entrySet()) {
            Integer value = used.get(e.getKey());
            if (value != null && e.getKey().equals("samples")) { // ITQ's spec keeps the size asked, to retrain alike
                value = Math.min(value, trainingRows);
            }
            if (value != null && !value.equals(e.getValue())) {
                console.printf("note: %s=%d%s was asked and %d used (%s)%n", e.getKey(), e.getValue(),
                        given.containsKey(e.getKey()) ? "" : " (the default)", value,
                        e.getKey().equals("subset") ? "at most half the " + used.get("anchors") + " anchors"
                                : "limited by the " + trainingRows + " training descriptors");
            }
        }
    }
}
