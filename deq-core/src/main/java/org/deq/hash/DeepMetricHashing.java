package org.deq.hash;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.deq.vectors.Shuffle;

/**
 * Supervised deep hashing after MiLaN (Roy, Sangineto, Demir & Sebe, "Metric-learning based deep hashing network for
 * content based retrieval of remote sensing images", GRSL 2020): a small network on the index's descriptors (such as a
 * CNN's embeddings) learns codes from labelled triplets. Its sigmoid outputs u ∈ (0, 1)^B are trained with a triplet
 * loss, max(0, |u_a − u_p|² − |u_a − u_n|² + margin), where the positive shares a label with the anchor and the
 * negative none; a push loss, −mean (u − ½)², drives outputs towards 0 or 1 so that binarising loses little; and a
 * balance loss, Σ_b (mean u_b − ½)², keeps each bit on for half the archive. Adam, mini-batches of triplets, seeded.
 * MiLaN stacks two hidden layers on a fixed CNN; here one hidden layer (512 units by default) trains on all cores in
 * under half a minute on 1,260 CNN embeddings (under two minutes on 1,078-value hand-crafted descriptors).
 */
public final class DeepMetricHashing {

    /** The method name in hash specs: {@code deep:bits=B}. */
    public static final String METHOD = "deep";
    static final int DEFAULT_HIDDEN = 512;
    static final int DEFAULT_EPOCHS = 40;
    /** Largest hidden layer: beyond it the weights outgrow any sensible heap. */
    static final int MAX_HIDDEN = 8192;
    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 1e-3;
    private static final double PUSH_WEIGHT = 0.1;
    private static final double BALANCE_WEIGHT = 0.1;
    private static final int NEGATIVE_TRIES = 50;
    /** Samples per parallel task of the forward pass, hidden units per task of the backward pass. */
    private static final int SAMPLES_PER_TASK = 16;
    private static final int UNITS_PER_TASK = 32;

    private DeepMetricHashing() {
    }

    /** The trainer for {@code deep:bits=B[,hidden=H][,epochs=E]}; it needs labels. */
    static EncoderTrainer trainer(HashSpec spec) {
        spec.requireKeys(Set.of("bits", "hidden", "epochs"));
        int bits = spec.bits();
        int hidden = spec.positive("hidden", DEFAULT_HIDDEN, MAX_HIDDEN);
        int epochs = spec.positive("epochs", DEFAULT_EPOCHS);
        return (packed, n, dim, labels, seed) -> train(packed, n, dim, labels, bits, hidden, epochs, seed);
    }

    /** Trains on n labelled descriptors; every one is an anchor once per epoch. */
    public static BinaryEncoder train(float[] packed, int n, int dim, int[][] labels, int bits, int hidden, int epochs, long seed) {
        Training.checkPacked(packed, n, dim);
        Training.checkLabels("deep hashing", labels, n);
        Triplets triplets = Triplets.of(labels);
        if (!triplets.usable()) {
            throw new IllegalArgumentException("deep hashing needs images that share a label and images that share none; "
                    + "the " + n + " training labels give no such triplet");
        }
        float[] mean = new float[dim];
        float[] invStd = new float[dim];
        standardisation(packed, n, dim, mean, invStd);
        Random rnd = new Random(seed);
        Network net = new Network(dim, hidden, bits, rnd);
        float[] xs = new float[3 * BATCH * dim];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double margin = bits / 4.0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Shuffle.range(order, 0, n, rnd);
            for (int start = 0; start < n; start += BATCH) {
                int size = Math.min(BATCH, n - start);
                int filled = 0;
                for (int t = 0; t < size; t++) {
                    int anchor = order[start + t];
                    int positive = triplets.positive(anchor, rnd);
                    int negative = triplets.negative(anchor, rnd);
                    if (positive < 0 || negative < 0) {
                        continue; // an image alone with its labels, or sharing a label with all: no triplet
                    }
                    for (int k = 0; k < 3; k++) {
                        int row = k == 0 ? anchor : k == 1 ? positive : negative;
                        int o = (3 * filled + k) * dim;
                        for (int i = 0; i < dim; i++) {
                            xs[o + i] = (packed[row * dim + i] - mean[i]) * invStd[i];
                        }
                    }
                    filled++;
                }
                if (filled > 0) {
                    net.step(xs, filled, margin);
                }
            }
        }
        String spec = METHOD + ":bits=" + bits + ",epochs=" + epochs + ",hidden=" + hidden;
        return new MlpHashEncoder(spec, dim, hidden, bits, mean, invStd, net.w1, net.b1, net.w2, net.b2);
    }

    /** Per-dimension mean and 1 / standard deviation (1 where a dimension is constant). */
    private static void standardisation(float[] packed, int n, int dim, float[] mean, float[] invStd) {
        double[] m = Training.mean(packed, n, dim);
        double[] var = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                double d = packed[r * dim + i] - m[i];
                var[i] += d * d;
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) m[i];
            double sd = Math.sqrt(var[i] / n);
            invStd[i] = sd > 1e-9 ? (float) (1 / sd) : 1f;
        }
    }

    /** Draws positives (a shared label) and negatives (no shared label) for an anchor. */
    private record Triplets(int[][] labels, int[][] byLabel) {

        static Triplets of(int[][] given) {
            int[][] labels = new int[given.length][];
            int labelCount = 0;
            for (int i = 0; i < given.length; i++) {
                labels[i] = Arrays.stream(given[i]).distinct().toArray(); // a repeated label would make the anchor its own positive
                for (int l : labels[i]) {
                    if (l < 0) {
                        throw new IllegalArgumentException("deep hashing: label ids are 0 or more, got " + l);
                    }
                    labelCount = Math.max(labelCount, l + 1); // ids are dense (a store's 0..L-1): one list per id
                }
            }
            int[] counts = new int[labelCount];
            for (int[] own : labels) {
                for (int l : own) {
                    counts[l]++;
                }
            }
            int[][] byLabel = new int[labelCount][]; // the items of each label id, in item order
            for (int l = 0; l < labelCount; l++) {
                byLabel[l] = new int[counts[l]];
            }
            int[] filled = new int[labelCount];
            for (int i = 0; i < labels.length; i++) {
                for (int l : labels[i]) {
                    byLabel[l][filled[l]++] = i;
                }
            }
            return new Triplets(labels, byLabel);
        }

        boolean usable() {
            Random probe = new Random(0);
            for (int i = 0; i < labels.length; i++) {
                if (positive(i, probe) >= 0 && negative(i, probe) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Another item sharing one of the anchor's labels (one label drawn, then an item with it), or -1. */
        int positive(int anchor, Random rnd) {
            int[] own = labels[anchor];
            if (own.length == 0) {
                return -1;
            }
            int[] with = byLabel[own[rnd.nextInt(own.length)]];
            if (with.length < 2) {
                return -1;
            }
            int p = with[rnd.nextInt(with.length - 1)];
            return p == anchor ? with[with.length - 1] : p;
        }

        /** An item sharing none of the anchor's labels, drawn by rejection, or -1 after a few tries. */
        int negative(int anchor, Random rnd) {
            for (int t = 0; t < NEGATIVE_TRIES; t++) {
                int c = rnd.nextInt(labels.length);
                if (!Training.sharesLabel(labels[anchor], labels[c])) {
                    return c;
                }
            }
            return -1;
        }
    }

    /** The network with its Adam state: forward and backward passes over a batch of triplets. */
    static final class Network {
        final int dim;
        final int hidden;
        final int bits;
        final float[] w1;
        final float[] b1;
        final float[] w2;
        final float[] b2;
        private final Adam adam;
        final float[] gw1;
        final float[] gb1;
        final float[] gw2;
        final float[] gb2;
        // per-batch buffers, allocated once: pre-activations of the hidden layer, outputs and their gradients
        private final float[] z1;
        private final float[] u;
        private final float[] du;
        private final float[] dz2;
        private final float[] dh;

        Network(int dim, int hidden, int bits, Random rnd) {
            this.dim = dim;
            this.hidden = hidden;
            this.bits = bits;
            w1 = gaussian(hidden * dim, Math.sqrt(2.0 / dim), rnd); // He: ReLU layer
            b1 = new float[hidden];
            w2 = gaussian(bits * hidden, Math.sqrt(1.0 / hidden), rnd);
            b2 = new float[bits];
            gw1 = new float[w1.length];
            gb1 = new float[b1.length];
            gw2 = new float[w2.length];
            gb2 = new float[b2.length];
            adam = new Adam(new float[][] {w1, b1, w2, b2}, new float[][] {gw1, gb1, gw2, gb2});
            z1 = new float[3 * BATCH * hidden];
            u = new float[3 * BATCH * bits];
            du = new float[3 * BATCH * bits];
            dz2 = new float[bits];
            dh = new float[3 * BATCH * hidden];
        }

        /** One optimiser step on {@code triplets} triplets: rows 3t, 3t+1, 3t+2 of {@code xs} are anchor, positive, negative. */
        void step(float[] xs, int triplets, double margin) {
            gradients(xs, triplets, margin);
            adam.step();
        }

        /**
         * The batch loss (triplet + push + balance terms), with its gradient in the gradient arrays; at most
         * {@link #BATCH} triplets.
         */
        double gradients(float[] xs, int triplets, double margin) {
            int m = 3 * triplets;
            float[] z1 = this.z1;
            float[] u = this.u;
            float[] du = this.du;
            // samples in parallel chunks: each writes only its own rows, so the result is the sequential one
            IntStream.range(0, (m + SAMPLES_PER_TASK - 1) / SAMPLES_PER_TASK).parallel().forEach(c -> {
                for (int s = c * SAMPLES_PER_TASK, end = Math.min(m, s + SAMPLES_PER_TASK); s < end; s++) {
                    forward(xs, s, z1, u);
                }
            });
            Arrays.fill(du, 0, m * bits, 0f);
            double loss = 0;
            // triplet loss
            for (int t = 0; t < triplets; t++) {
                int a = 3 * t * bits;
                int p = a + bits;
                int q = p + bits;
                double dp = 0;
                double dn = 0;
                for (int b = 0; b < bits; b++) {
                    dp += sq(u[a + b] - u[p + b]);
                    dn += sq(u[a + b] - u[q + b]);
                }
                if (dp - dn + margin > 0) {
                    loss += (dp - dn + margin) / triplets;
                    for (int b = 0; b < bits; b++) {
                        du[a + b] += (float) (2 * (u[q + b] - u[p + b]) / triplets);
                        du[p + b] += (float) (-2 * (u[a + b] - u[p + b]) / triplets);
                        du[q + b] += (float) (2 * (u[a + b] - u[q + b]) / triplets);
                    }
                }
            }
            // push towards 0 or 1, and balance each bit over the batch
            double[] bitMean = new double[bits];
            for (int s = 0; s < m; s++) {
                for (int b = 0; b < bits; b++) {
                    bitMean[b] += u[s * bits + b] / m;
                }
            }
            for (int b = 0; b < bits; b++) {
                loss += BALANCE_WEIGHT * sq(bitMean[b] - 0.5);
            }
            for (int s = 0; s < m; s++) {
                for (int b = 0; b < bits; b++) {
                    double centred = u[s * bits + b] - 0.5;
                    loss -= PUSH_WEIGHT * centred * centred / (m * bits);
                    du[s * bits + b] += (float) (-2 * PUSH_WEIGHT * centred / (m * bits) + 2 * BALANCE_WEIGHT * (bitMean[b] - 0.5) / m);
                }
            }
            backward(xs, m, z1, u, du);
            return loss;
        }

        private void forward(float[] xs, int s, float[] z1, float[] u) {
            int xo = s * dim;
            int zo = s * hidden;
            for (int j = 0; j < hidden; j++) {
                float acc = b1[j];
                int row = j * dim;
                for (int i = 0; i < dim; i++) {
                    acc += w1[row + i] * xs[xo + i];
                }
                z1[zo + j] = acc;
            }
            int uo = s * bits;
            for (int b = 0; b < bits; b++) {
                float acc = b2[b];
                int row = b * hidden;
                for (int j = 0; j < hidden; j++) {
                    acc += w2[row + j] * Math.max(0f, z1[zo + j]);
                }
                u[uo + b] = (float) (1 / (1 + StrictMath.exp(-acc))); // StrictMath: the same codes on every JVM
            }
        }

        private void backward(float[] xs, int m, float[] z1, float[] u, float[] du) {
            Arrays.fill(gw2, 0);
            Arrays.fill(gb2, 0);
            // the output layer (bits × hidden per sample, cheap) in order; each sample's hidden gradient kept in dh
            for (int s = 0; s < m; s++) {
                int uo = s * bits;
                int zo = s * hidden;
                for (int b = 0; b < bits; b++) {
                    float ub = u[uo + b];
                    dz2[b] = du[uo + b] * ub * (1 - ub);
                    gb2[b] += dz2[b];
                }
                Arrays.fill(dh, zo, zo + hidden, 0f);
                for (int b = 0; b < bits; b++) {
                    float g = dz2[b];
                    if (g == 0) {
                        continue;
                    }
                    int row = b * hidden;
                    for (int j = 0; j < hidden; j++) {
                        gw2[row + j] += g * Math.max(0f, z1[zo + j]);
                        dh[zo + j] += g * w2[row + j];
                    }
                }
            }
            // the hidden layer (hidden × dim per sample, most of the work) in parallel chunks of hidden units: each
            // unit's row still sums its samples in order, so the gradient is the sequential one bit for bit
            IntStream.range(0, (hidden + UNITS_PER_TASK - 1) / UNITS_PER_TASK).parallel().forEach(c -> {
                int from = c * UNITS_PER_TASK;
                int to = Math.min(hidden, from + UNITS_PER_TASK);
                Arrays.fill(gw1, from * dim, to * dim, 0f);
                Arrays.fill(gb1, from, to, 0f);
                for (int s = 0; s < m; s++) {
                    int zo = s * hidden;
                    int xo = s * dim;
                    for (int j = from; j < to; j++) {
                        float g = dh[zo + j];
                        if (z1[zo + j] <= 0 || g == 0) {
                            continue; // ReLU closed
                        }
                        gb1[j] += g;
                        int row = j * dim;
                        for (int i = 0; i < dim; i++) {
                            gw1[row + i] += g * xs[xo + i];
                        }
                    }
                }
            });
        }

        private static double sq(double v) {
            return v * v;
        }

        private static float[] gaussian(int n, double sd, Random rnd) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (rnd.nextGaussian() * sd);
            }
            return a;
        }
    }

    /** Adam (Kingma & Ba 2015) over a fixed list of parameter arrays. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;
        private final float[][] params;
        private final float[][] grads;
        private final float[][] m;
        private final float[][] v;
        private int t;

        Adam(float[][] params, float[][] grads) {
            this.params = params;
            this.grads = grads;
            m = new float[params.length][];
            v = new float[params.length][];
            for (int k = 0; k < params.length; k++) {
                m[k] = new float[params[k].length];
                v[k] = new float[params[k].length];
            }
        }

        void step() {
            t++;
            double c1 = 1 - StrictMath.pow(BETA1, t);
            double c2 = 1 - StrictMath.pow(BETA2, t);
            for (int k = 0; k < params.length; k++) {
                float[] p = params[k];
                float[] g = grads[k];
                float[] mk = m[k];
                float[] vk = v[k];
                for (int i = 0; i < p.length; i++) {
                    mk[i] = (float) (BETA1 * mk[i] + (1 - BETA1) * g[i]);
                    vk[i] = (float) (BETA2 * vk[i] + (1 - BETA2) * g[i] * g[i]);
                    p[i] -= (float) (LEARNING_RATE * (mk[i] / c1) / (StrictMath.sqrt(vk[i] / c2) + EPSILON));
                }
            }
        }
    }
}
