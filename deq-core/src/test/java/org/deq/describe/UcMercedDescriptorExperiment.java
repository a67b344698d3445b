package org.deq.describe;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.deq.raster.Patch;

/**
 * Descriptor quality on the full real UC Merced set (a program, not a test): every image a query, k = 20, exact
 * k-NN, query excluded. Raw part vectors are cached under /tmp/deq-describe-cache so that composites, weights and
 * distances can be varied without describing again.
 *
 * <p>Usage: {@code UcMercedDescriptorExperiment <uc-merced-folder> "<spec>@L2,CHI2" ... "time:<spec>"}; a
 * {@code time:} argument prints the CPU milliseconds (thread CPU time, so shared cores do not inflate it) to describe
 * one image, over 5 images per class, after fitting on them.
 */
public final class UcMercedDescriptorExperiment {

    private static final Path CACHE = Paths.get("/tmp/deq-describe-cache");
    private static final int K = 20;
    private static final int THREADS = 2;
    private static final long FIT_SEED = 7;
    /** Every fifth image trains codebooks: an unsupervised sample, no labels used. */
    private static final int FIT_STRIDE = 5;

    private UcMercedDescriptorExperiment() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args[0]);
        UcMercedSet set = UcMercedSet.load(root, 100);
        Files.createDirectories(CACHE);
        List<Patch> patches = null;
        System.out.println("| spec | distance | label recall@20 | label precision@20 | mAP@20 | ms/image |");
        for (int a = 1; a < args.length; a++) {
            if (args[a].startsWith("time:")) {
                timeOne(DescriptorSpecs.parse(args[a].substring(5)), UcMercedSet.load(root, 5).patches(root, 1));
                continue;
            }
            String[] specAndDist = args[a].split("@");
            Descriptor d = DescriptorSpecs.parse(specAndDist[0]);
            List<Descriptor> parts = d instanceof Composite c
                    ? c.parts().stream().map(Composite.Part::descriptor).toList() : List.of(d);
            float[][][] raw = new float[parts.size()][][];
            double ms = 0;
            for (int p = 0; p < parts.size(); p++) {
                Path file = CACHE.resolve(parts.get(p).spec().replaceAll("[^A-Za-z0-9=.-]", "_") + ".bin");
                if (!Files.exists(file)) {
                    if (patches == null) {
                        patches = set.patches(root, THREADS);
                    }
                    describeAll(parts.get(p), patches, file);
                }
                raw[p] = new float[set.ids().size()][];
                ms += readCache(file, raw[p]);
            }
            float[][] vectors = new float[set.ids().size()][];
            for (int i = 0; i < vectors.length; i++) {
                float[][] partVectors = new float[parts.size()][];
                for (int p = 0; p < parts.size(); p++) {
                    partVectors[p] = raw[p][i].clone();
                }
                vectors[i] = d instanceof Composite c ? c.combine(partVectors) : partVectors[0];
            }
            for (String dist : specAndDist.length > 1 ? specAndDist[1].split(",") : new String[] {"L2"}) {
                KnnScores s = KnnScores.of(vectors, KnnScores.Distance.valueOf(dist), K, set.classes(), set.labels(),
                        THREADS);
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.1f |%n", d.spec(), dist,
                        s.labelRecall(), s.labelPrecision(), s.map(), ms);
            }
        }
    }

    private static void timeOne(Descriptor d, List<Patch> patches) {
        Descriptor fitted = d.needsFit() ? d.fit(patches, FIT_SEED) : d;
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        fitted.describe(patches.get(0));
        long t = bean.getCurrentThreadCpuTime();
        for (Patch p : patches) {
            fitted.describe(p);
        }
        double ms = (bean.getCurrentThreadCpuTime() - t) / 1e6 / patches.size();
        System.out.printf(Locale.ROOT, "cpu ms/image %s: %.1f%n", fitted.spec(), ms);
    }

    /** Fits on the sample when needed, describes every patch on 2 threads, writes vectors and ms/image to the cache. */
    private static void describeAll(Descriptor part, List<Patch> patches, Path file) throws IOException {
        Descriptor d = part;
        if (d.needsFit()) {
            List<Patch> sample = new ArrayList<>();
            for (int i = 0; i < patches.size(); i += FIT_STRIDE) {
                sample.add(patches.get(i));
            }
            long t = System.nanoTime();
            d = d.fit(sample, FIT_SEED);
            System.err.printf(Locale.ROOT, "fit %s: %.1f s%n", d.spec(), (System.nanoTime() - t) / 1e9);
        }
        Descriptor fitted = d;
        float[][] out = new float[patches.size()][];
        long t = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(THREADS);
        try {
            pool.submit(() -> IntStream.range(0, out.length).parallel()
                    .forEach(i -> out[i] = fitted.describe(patches.get(i)))).join();
        } finally {
            pool.shutdown();
        }
        double msPerImage = (System.nanoTime() - t) / 1e6 * THREADS / patches.size();
        System.err.printf(Locale.ROOT, "described %s: %.1f ms/image%n", fitted.spec(), msPerImage);
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            o.writeDouble(msPerImage);
            o.writeInt(out.length);
            o.writeInt(out[0].length);
            for (float[] v : out) {
                for (float x : v) {
                    o.writeFloat(x);
                }
            }
        }
    }

    private static double readCache(Path file, float[][] into) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            double ms = in.readDouble();
            int n = in.readInt();
            int dim = in.readInt();
            for (int i = 0; i < n; i++) {
                into[i] = new float[dim];
                for (int j = 0; j < dim; j++) {
                    into[i][j] = in.readFloat();
                }
            }
            return ms;
        }
    }
}
