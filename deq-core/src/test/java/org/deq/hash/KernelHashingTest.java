package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kernel LSH, supervised kernel hashing and deep hashing on seeded synthetic data: codes that follow the labels. */
class KernelHashingTest {

    @Test
    void kernelLshRecallGrowsWithBitsAndBitsAreUsed() {
        int n = 1500;
        int dim = 24;
        float[] data = Synthetic.clustered(n, dim, 15, 31);
        KernelHashEncoder k16 = KernelLsh.train(data, n, dim, 16, 200, 30, 32);
        KernelHashEncoder k64 = KernelLsh.train(data, n, dim, 64, 200, 30, 32);
        KernelHashEncoder k256 = KernelLsh.train(data, n, dim, 256, 200, 30, 32);
        double r16 = Synthetic.recallAt(k16, data, n, dim, 50, 10);
        double r64 = Synthetic.recallAt(k64, data, n, dim, 50, 10);
        double r256 = Synthetic.recallAt(k256, data, n, dim, 50, 10);
        assertThat(r16).isLessThan(r64 - 0.03);
        assertThat(r64).isLessThan(r256 - 0.03);
        // no constant bits: every bit splits the data
        long[] codes = k64.encodeAll(data, n);
        for (int b = 0; b < 64; b++) {
            int ones = 0;
            for (int i = 0; i < n; i++) {
                ones += (int) (codes[i] >>> b & 1L);
            }
            assertThat(ones).as("bit %d", b).isBetween(n / 20, n - n / 20);
        }
    }

    @Test
    void supervisedKernelHashingBeatsLshOnLabelledData() {
        int n = 1200;
        int dim = 20;
        int classes = 8;
        Labelled train = labelled(n, dim, classes, 41);
        Labelled queries = labelled(100, dim, classes, 42);
        int bits = 32;
        BinaryEncoder lsh = RandomHyperplaneLsh.train(train.x, n, dim, bits, 43);
        BinaryEncoder ksh = SupervisedKernelHashing.train(train.x, n, dim, train.labels, bits, 120, 600, 43);
        double mapLsh = meanAveragePrecision(lsh, train, queries, 20);
        double mapKsh = meanAveragePrecision(ksh, train, queries, 20);
        assertThat(mapKsh).as("KSH mAP@20 vs LSH %.3f", mapLsh).isGreaterThan(mapLsh + 0.15);
    }

    @Test
    void supervisedMethodsRefuseLabelsWithNothingToLearnInOneLine() {
        int n = 60;
        int dim = 4;
        float[] x = Synthetic.clustered(n, dim, 3, 7);
        int[][] same = new int[n][];
        int[][] none = new int[n][];
        int[][] holed = new int[n][];
        for (int i = 0; i < n; i++) {
            same[i] = new int[] {2};
            none[i] = new int[0];
            holed[i] = new int[] {i % 3};
        }
        holed[7] = null;
        assertThatThrownBy(() -> SupervisedKernelHashing.train(x, n, dim, same, 16, 20, 40, 1))
                .hasMessage("ksh needs images that share a label and images that share none; the 40 labelled samples drawn from 60 give one label set");
        assertThatThrownBy(() -> SupervisedKernelHashing.train(x, n, dim, none, 16, 20, 40, 1))
                .hasMessageEndingWith("give no such pair");
        assertThatThrownBy(() -> SupervisedKernelHashing.train(x, n, dim, holed, 16, 20, 40, 1))
                .hasMessage("ksh: training descriptor 7 has no label set (null); an unlabelled descriptor has an empty one");
        assertThatThrownBy(() -> DeepMetricHashing.train(x, n, dim, holed, 16, 8, 1, 1))
                .hasMessageStartingWith("deep hashing: training descriptor 7 has no label set");
        assertThatThrownBy(() -> DeepMetricHashing.train(x, n, dim, same, 16, 8, 1, 1)).hasMessageContaining("no such triplet");
    }

    @Test
    void deepHashingLearnsTheLabelsReproduciblyAndSurvivesASaveAndRestore() throws IOException {
        int n = 1200;
        int dim = 20;
        Labelled train = labelled(n, dim, 8, 41);
        Labelled queries = labelled(100, dim, 8, 42);
        BinaryEncoder lsh = RandomHyperplaneLsh.train(train.x, n, dim, 32, 43);
        BinaryEncoder deep = DeepMetricHashing.train(train.x, n, dim, train.labels, 32, 64, 15, 43);
        double mapLsh = meanAveragePrecision(lsh, train, queries, 20);
        assertThat(meanAveragePrecision(deep, train, queries, 20)).as("deep mAP@20 vs LSH %.3f", mapLsh).isGreaterThan(mapLsh + 0.15);

        BinaryEncoder again = DeepMetricHashing.train(train.x, n, dim, train.labels, 32, 64, 15, 43);
        assertThat(again.encodeAll(queries.x, 100)).containsExactly(deep.encodeAll(queries.x, 100));
        java.io.ByteArrayOutputStream state = new java.io.ByteArrayOutputStream();
        deep.writeState(new java.io.DataOutputStream(state));
        BinaryEncoder restored = Encoders.read(deep.spec(), new java.io.DataInputStream(new java.io.ByteArrayInputStream(state.toByteArray())));
        assertThat(restored.spec()).isEqualTo("deep:bits=32,epochs=15,hidden=64");
        assertThat(restored.encodeAll(queries.x, 100)).containsExactly(deep.encodeAll(queries.x, 100));
        assertThat(Encoders.supervised("deep:bits=16")).isTrue();
        assertThat(Encoders.supervised("itq:bits=16")).isFalse();

        assertThatThrownBy(() -> DeepMetricHashing.train(train.x, n, dim, null, 32, 8, 1, 1)).hasMessageContaining("needs labels");
        int[][] oneLabel = new int[n][];
        java.util.Arrays.fill(oneLabel, new int[] {3});
        assertThatThrownBy(() -> DeepMetricHashing.train(train.x, n, dim, oneLabel, 32, 8, 1, 1)).hasMessageContaining("no such triplet");
        assertThatThrownBy(() -> Encoders.parse("deep:bits=32,layers=3")).hasMessageContaining("unknown parameter 'layers'");
        assertThatThrownBy(() -> Encoders.parse("deep:bits=32,hidden=100000")).hasMessageContaining("at most 8192");
        java.io.DataInputStream truncated = new java.io.DataInputStream(new java.io.ByteArrayInputStream(
                java.util.Arrays.copyOf(state.toByteArray(), 40)));
        assertThatThrownBy(() -> Encoders.read(deep.spec(), truncated)).isInstanceOf(IOException.class);
        int[][] repeated = new int[n][];
        for (int r = 0; r < n; r++) {
            repeated[r] = new int[] {train.labels[r][0], train.labels[r][0]};
        }
        BinaryEncoder fromRepeated = DeepMetricHashing.train(train.x, n, dim, repeated, 32, 64, 15, 43);
        assertThat(fromRepeated.encodeAll(queries.x, 100)).as("a repeated label is one label").containsExactly(deep.encodeAll(queries.x, 100));
    }

    @Test
    void deepHashingGradientsMatchFiniteDifferencesOfItsLoss() {
        int dim = 5;
        int hidden = 4;
        int bits = 3;
        Random rnd = new Random(9);
        DeepMetricHashing.Network net = new DeepMetricHashing.Network(dim, hidden, bits, rnd);
        for (int j = 0; j < hidden; j++) {
            net.b1[j] = j == 0 ? -20f : 20f; // unit 0 always closed, the others always open: no kink within reach
        }
        int triplets = 4;
        float[] xs = new float[3 * triplets * dim];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextGaussian();
        }
        double margin = 10; // every triplet active, away from the hinge
        net.gradients(xs, triplets, margin);
        float[][] params = {net.w1, net.b1, net.w2, net.b2};
        float[][] grads = {net.gw1.clone(), net.gb1.clone(), net.gw2.clone(), net.gb2.clone()}; // the loss calls below overwrite them
        for (int k = 0; k < params.length; k++) {
            for (int i = 0; i < params[k].length; i++) {
                float kept = params[k][i];
                double eps = 1e-2;
                params[k][i] = (float) (kept + eps);
                double up = net.gradients(xs, triplets, margin);
                params[k][i] = (float) (kept - eps);
                double down = net.gradients(xs, triplets, margin);
                params[k][i] = kept;
                double numeric = (up - down) / (2 * eps);
                assertThat((double) grads[k][i]).as("parameter array %d, index %d", k, i)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 0.05 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void deepHashingGradientsDoNotDependOnTheNumberOfThreads() throws Exception {
        // sizes that split into several parallel chunks of samples and of hidden units, the last ones partial
        int dim = 30;
        int hidden = 70;
        int bits = 8;
        int triplets = 20;
        Random rnd = new Random(11);
        DeepMetricHashing.Network net = new DeepMetricHashing.Network(dim, hidden, bits, rnd);
        float[] xs = new float[3 * triplets * dim];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextGaussian();
        }
        double parallel = net.gradients(xs, triplets, 4);
        float[][] parallelGrads = {net.gw1.clone(), net.gb1.clone(), net.gw2.clone(), net.gb2.clone()};
        // the parallel streams run in the pool that calls them: one thread does every chunk in turn
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            double sequential = one.submit(() -> net.gradients(xs, triplets, 4)).get();
            assertThat(sequential).isEqualTo(parallel);
        } finally {
            one.shutdown();
        }
        assertThat(net.gw1).containsExactly(parallelGrads[0]);
        assertThat(net.gb1).containsExactly(parallelGrads[1]);
        assertThat(net.gw2).containsExactly(parallelGrads[2]);
        assertThat(net.gb2).containsExactly(parallelGrads[3]);
        assertThat(parallelGrads[0]).as("a gradient that is not all zero").isNotEqualTo(new float[hidden * dim]);
    }

    @Test
    void deepHashingEncodesAnArchiveInParallelAsItEncodesEachItem() {
        // random weights, 70 bits (two words) and 2,500 items: three chunks, the last one partial
        int dim = 12;
        int hidden = 20;
        int bits = 70;
        int n = 2500;
        Random rnd = new Random(5);
        float[][] weights = {new float[dim], new float[dim], new float[hidden * dim], new float[hidden],
                new float[bits * hidden], new float[bits]};
        for (float[] w : weights) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextGaussian();
            }
        }
        MlpHashEncoder encoder = new MlpHashEncoder("deep:bits=70", dim, hidden, bits, weights[0], weights[1],
                weights[2], weights[3], weights[4], weights[5]);
        float[] data = Synthetic.gaussian(n, dim, 6);
        long[] all = encoder.encodeAll(data, n);
        int words = encoder.words();
        for (int r = 0; r < n; r++) {
            assertThat(Synthetic.row(all, r, words)).as("item %d", r).containsExactly(encoder.encode(Synthetic.row(data, r, dim)));
        }
        assertThat(Codes.constantBits(all, n, bits)).as("bits that vary").isLessThan(bits);
    }

    /** Classes differ only in 4 informative dimensions; the other 16 are louder noise that misleads unsupervised codes. */
    private static Labelled labelled(int n, int dim, int classes, long seed) {
        Random centres = new Random(40);
        float[] mean = new float[classes * 4];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (2 * centres.nextGaussian());
        }
        Random rnd = new Random(seed);
        float[] x = new float[n * dim];
        int[][] labels = new int[n][];
        for (int r = 0; r < n; r++) {
            int c = rnd.nextInt(classes);
            labels[r] = new int[] {c};
            for (int i = 0; i < dim; i++) {
                x[r * dim + i] = i < 4 ? mean[c * 4 + i] + (float) (0.5 * rnd.nextGaussian()) : (float) (2 * rnd.nextGaussian());
            }
        }
        return new Labelled(x, labels);
    }

    /** mAP@k with AP over the relevant results in the top k (0 when none), relevance = same label. */
    private static double meanAveragePrecision(BinaryEncoder encoder, Labelled db, Labelled queries, int k) {
        int n = db.labels.length;
        HammingScan scan = new HammingScan(encoder.encodeAll(db.x, n), n, encoder.bits());
        int dim = encoder.dimension();
        double sum = 0;
        for (int q = 0; q < queries.labels.length; q++) {
            int[] ids = scan.search(encoder.encode(Synthetic.row(queries.x, q, dim)), k, null).ids();
            int relevant = 0;
            double ap = 0;
            for (int i = 0; i < ids.length; i++) {
                if (db.labels[ids[i]][0] == queries.labels[q][0]) {
                    relevant++;
                    ap += relevant / (double) (i + 1);
                }
            }
            sum += relevant == 0 ? 0 : ap / relevant;
        }
        return sum / queries.labels.length;
    }

    private record Labelled(float[] x, int[][] labels) {
    }
}
