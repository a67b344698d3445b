package org.deq.hash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.deq.vectors.SymmetricEigen;

/**
 * Supervised hashing with kernels, KSH (Liu, Wang, Ji, Jiang &amp; Chang, CVPR 2012). On l labelled samples with
 * S_ij = +1 when items share a label and −1 otherwise, bits are learned greedily so that code inner products fit
 * bits·S: each bit starts from the spectral relaxation (top generalized eigenvector of K̄ᵀRK̄ w.r.t. K̄ᵀK̄) and is
 * refined by gradient descent on the sigmoid-smoothed objective; the residual R then drops that bit's y yᵀ.
 */
public final class SupervisedKernelHashing {

    /** Spec method name. */
    public static final String METHOD = "ksh";
    static final int DEFAULT_ANCHORS = 300;
    static final int DEFAULT_SAMPLES = 1000;
    /** Caps the labelled sample: S between distinct label sets is dense, up to l × l. */
    static final int MAX_SAMPLES = 8000;
    private static final int DESCENT_STEPS = 60;
    private static final int POWER_STEPS = 300;
    /** Ridge on K̄ᵀK̄ so the generalized eigenproblem stays well posed (as in the authors' code). */
    private static final double RIDGE = 1e-4;

    private SupervisedKernelHashing() {
    }

    /** The trainer for {@code ksh:bits=B[,anchors=m][,samples=l]}; it needs labels. */
    static EncoderTrainer trainer(HashSpec spec) {
        spec.requireKeys(Set.of("bits", "anchors", "samples"));
        int bits = spec.bits();
        int anchors = spec.positive("anchors", DEFAULT_ANCHORS, KernelFeatures.MAX_ANCHORS);
        int samples = spec.positive("samples", DEFAULT_SAMPLES, MAX_SAMPLES);
        return (packed, n, dim, labels, seed) -> train(packed, n, dim, labels, bits, anchors, samples, seed);
    }

    /** Trains on n labelled descriptors, using min(anchors, n) anchors and min(samples, n) labelled samples. */
    public static KernelHashEncoder train(float[] packed, int n, int dim, int[][] labels, int bits, int anchors,
                                          int samples, long seed) {
        Training.checkPacked(packed, n, dim);
        Training.checkLabels("ksh", labels, n);
        Random rnd = new Random(seed);
        int[] anchorRows = Training.sampleRows(n, anchors, rnd);
        int[] sampleRows = Training.sampleRows(n, samples, rnd);
        LabelGroups groups = LabelGroups.of(labels, sampleRows);
        if (!groups.usable()) { // before the kernel features, the costly part
            throw new IllegalArgumentException("ksh needs images that share a label and images that share none; the "
                    + sampleRows.length + " labelled samples drawn from " + n + " give " + (groups.count() == 1
                    && groups.similarity()[0] > 0 ? "one label set" : "no such pair"));
        }
        KernelFeatures kernel = KernelFeatures.fit(packed, dim, anchorRows, sampleRows);
        int m = anchorRows.length;
        int l = sampleRows.length;
        float[] kk = new float[l * m];
        for (int r = 0; r < l; r++) {
            kernel.features(packed, sampleRows[r] * dim, kk, r * m);
        }
        Problem problem = new Problem(kk, l, m, groups, bits);
        float[] w = new float[bits * m];
        for (int b = 0; b < bits; b++) {
            double[] a = problem.learnBit();
            for (int i = 0; i < m; i++) {
                w[b * m + i] = (float) a[i];
            }
        }
        String spec = METHOD + ":anchors=" + m + ",bits=" + bits + ",samples=" + l;
        return new KernelHashEncoder(spec, kernel, new SignProjection(bits, m, w, new float[bits]));
    }

    /**
     * Samples grouped by identical label set, with S between groups (+1 when the sets share a label, else −1): rows
     * of S within a group are equal, so S·v needs only group sums — G² work instead of l² for G label sets.
     */
    private record LabelGroups(int[] group, int count, float[] similarity) {

        static LabelGroups of(int[][] labels, int[] rows) {
            Map<String, Integer> ids = new HashMap<>();
            List<int[]> sets = new ArrayList<>();
            int[] group = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                int[] set = labels[rows[r]].clone();
                Arrays.sort(set);
                Integer id = ids.get(Arrays.toString(set));
                if (id == null) {
                    id = sets.size();
                    ids.put(Arrays.toString(set), id);
                    sets.add(set);
                }
                group[r] = id;
            }
            int g = sets.size();
            float[] sim = new float[g * g];
            for (int a = 0; a < g; a++) {
                for (int b = 0; b < g; b++) {
                    sim[a * g + b] = Training.sharesLabel(sets.get(a), sets.get(b)) ? 1f : -1f;
                }
            }
            return new LabelGroups(group, g, sim);
        }

        /**
         * Whether two distinct samples are similar and two are dissimilar: without both, S holds nothing to learn (all
         * one label set, or no label shared, as when every set is empty).
         */
        boolean usable() {
            int[] members = new int[count];
            for (int g : group) {
                members[g]++;
            }
            boolean similar = false;
            boolean dissimilar = false;
            for (int a = 0; a < count; a++) {
                for (int b = a; b < count; b++) {
                    if (a != b || members[a] > 1) {
                        similar |= similarity[a * count + b] > 0;
                        dissimilar |= similarity[a * count + b] < 0;
                    }
                }
            }
            return similar && dissimilar;
        }

        /** out = S v over the l samples. */
        void times(double[] v, double[] out) {
            double[] sums = new double[count];
            for (int r = 0; r < group.length; r++) {
                sums[group[r]] += v[r];
            }
            double[] perGroup = new double[count];
            for (int a = 0; a < count; a++) {
                double acc = 0;
                for (int b = 0; b < count; b++) {
                    acc += similarity[a * count + b] * sums[b];
                }
                perGroup[a] = acc;
            }
            for (int r = 0; r < group.length; r++) {
                out[r] = perGroup[group[r]];
            }
        }
    }

    /** The greedy optimisation state: kernel features K̄ (l × m), S, the bits learned so far and K̄ᵀRK̄. */
    private static final class Problem {
        private final float[] kk;
        private final int l;
        private final int m;
        private final LabelGroups groups;
        private final int bits;
        private final float[] learned;
        private int done;
        private final double[] ktrk;
        private final double[] cInvSqrt;

        Problem(float[] kk, int l, int m, LabelGroups groups, int bits) {
            this.kk = kk;
            this.l = l;
            this.m = m;
            this.groups = groups;
            this.bits = bits;
            this.learned = new float[bits * l];
            // S K̄ column by column, through the label groups
            double[] sk = new double[l * m];
            double[] column = new double[l];
            double[] sColumn = new double[l];
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < l; r++) {
                    column[r] = kk[r * m + c];
                }
                groups.times(column, sColumn);
                for (int r = 0; r < l; r++) {
                    sk[r * m + c] = sColumn[r];
                }
            }
            this.ktrk = new double[m * m];
            double[] ktk = new double[m * m];
            for (int r = 0; r < l; r++) {
                for (int a = 0; a < m; a++) {
                    double ka = kk[r * m + a];
                    for (int c = 0; c < m; c++) {
                        ktrk[a * m + c] += bits * ka * sk[r * m + c];
                        ktk[a * m + c] += ka * kk[r * m + c];
                    }
                }
            }
            for (int a = 0; a < m; a++) {
                ktk[a * m + a] += RIDGE;
            }
            this.cInvSqrt = SymmetricEigen.of(ktk, m).inverseSqrt(0);
        }

        /** Learns the next bit's projection a (length m) and removes its contribution from the residual. */
        double[] learnBit() {
            double[] spectral = spectralStart();
            double[] refined = descend(spectral.clone());
            float[] ySpectral = signs(spectral);
            float[] yRefined = signs(refined);
            boolean keepRefined = fit(yRefined) >= fit(ySpectral);
            double[] a = keepRefined ? refined : spectral;
            float[] y = keepRefined ? yRefined : ySpectral;
            System.arraycopy(y, 0, learned, done * l, l);
            done++;
            double[] kty = new double[m];
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < m; c++) {
                    kty[c] += y[r] * kk[r * m + c];
                }
            }
            for (int a1 = 0; a1 < m; a1++) {
                for (int c = 0; c < m; c++) {
                    ktrk[a1 * m + c] -= kty[a1] * kty[c];
                }
            }
            return a;
        }

        /** Top generalized eigenvector of (K̄ᵀRK̄, K̄ᵀK̄), scaled so that ‖K̄a‖² = l. */
        private double[] spectralStart() {
            // power iteration on G = C^(-1/2) M C^(-1/2); if the dominant eigenvalue is negative, shifting by its
            // magnitude makes the largest algebraic one dominant
            double[] u = new double[m];
            Arrays.fill(u, 1 / Math.sqrt(m));
            double dominant = powerIterate(u, 0);
            if (dominant < 0) {
                Arrays.fill(u, 1 / Math.sqrt(m));
                powerIterate(u, -dominant);
            }
            double[] a = new double[m];
            multiply(cInvSqrt, u, a);
            double[] z = project(a);
            double zz = 0;
            for (double v : z) {
                zz += v * v;
            }
            double scale = zz > 0 ? Math.sqrt(l / zz) : 1;
            for (int i = 0; i < m; i++) {
                a[i] *= scale;
            }
            return a;
        }

        /** Power iteration on G + shift·I from unit vector u (left as the eigenvector); returns uᵀGu. */
        private double powerIterate(double[] u, double shift) {
            double[] t1 = new double[m];
            double[] t2 = new double[m];
            double rayleigh = 0;
            for (int it = 0; it < POWER_STEPS; it++) {
                multiply(cInvSqrt, u, t1);
                multiply(ktrk, t1, t2);
                multiply(cInvSqrt, t2, t1);
                rayleigh = 0;
                double norm = 0;
                for (int i = 0; i < m; i++) {
                    rayleigh += u[i] * t1[i];
                    t1[i] += shift * u[i];
                    norm += t1[i] * t1[i];
                }
                norm = Math.sqrt(norm);
                if (norm == 0) {
                    break;
                }
                double change = 0;
                for (int i = 0; i < m; i++) {
                    double v = t1[i] / norm;
                    change += Math.abs(v - u[i]);
                    u[i] = v;
                }
                if (change < 1e-8) {
                    break;
                }
            }
            return rayleigh;
        }

        /** Gradient descent with backtracking on −φᵀRφ, φ = tanh(K̄a/2) (the paper's 2/(1+e^−x) − 1). */
        private double[] descend(double[] a) {
            double[] phi = new double[l];
            double[] rphi = new double[l];
            double[] grad = new double[m];
            double[] trial = new double[m];
            double[] tphi = new double[l];
            double[] trphi = new double[l];
            double value = smoothObjective(a, phi, rphi);
            double step = 1e-3;
            for (int it = 0; it < DESCENT_STEPS; it++) {
                // ∂/∂a of −φᵀRφ = −K̄ᵀ((Rφ) ⊙ (1 − φ²)), using φ' = (1 − φ²)/2 and R symmetric
                Arrays.fill(grad, 0);
                double gg = 0;
                for (int r = 0; r < l; r++) {
                    double g = -rphi[r] * (1 - phi[r] * phi[r]);
                    for (int c = 0; c < m; c++) {
                        grad[c] += g * kk[r * m + c];
                    }
                }
                for (double g : grad) {
                    gg += g * g;
                }
                if (gg == 0) {
                    break;
                }
                boolean improved = false;
                for (int tries = 0; tries < 30 && !improved; tries++) {
                    for (int c = 0; c < m; c++) {
                        trial[c] = a[c] - step * grad[c];
                    }
                    double tv = smoothObjective(trial, tphi, trphi);
                    if (tv <= value - 1e-4 * step * gg) {
                        improved = true;
                        boolean converged = value - tv < 1e-6 * Math.abs(value);
                        System.arraycopy(trial, 0, a, 0, m);
                        double[] swap = phi;
                        phi = tphi;
                        tphi = swap;
                        swap = rphi;
                        rphi = trphi;
                        trphi = swap;
                        value = tv;
                        step *= 2;
                        if (converged) {
                            return a;
                        }
                    } else {
                        step /= 2;
                    }
                }
                if (!improved) {
                    break;
                }
            }
            return a;
        }

        /** −φᵀRφ at a, leaving φ and Rφ in the given arrays. */
        private double smoothObjective(double[] a, double[] phi, double[] rphi) {
            double[] z = project(a);
            for (int r = 0; r < l; r++) {
                phi[r] = Math.tanh(z[r] / 2);
            }
            residualTimes(phi, rphi);
            double v = 0;
            for (int r = 0; r < l; r++) {
                v += phi[r] * rphi[r];
            }
            return -v;
        }

        /** yᵀRy for a ±1 vector: how well one more bit y fits the residual. */
        private double fit(float[] y) {
            double[] yd = new double[l];
            for (int r = 0; r < l; r++) {
                yd[r] = y[r];
            }
            double[] ry = new double[l];
            residualTimes(yd, ry);
            double v = 0;
            for (int r = 0; r < l; r++) {
                v += yd[r] * ry[r];
            }
            return v;
        }

        /** out = R v with R = bits·S − Σ_learned y yᵀ, never formed. */
        private void residualTimes(double[] v, double[] out) {
            groups.times(v, out);
            for (int i = 0; i < l; i++) {
                out[i] *= bits;
            }
            for (int b = 0; b < done; b++) {
                int base = b * l;
                double dot = 0;
                for (int j = 0; j < l; j++) {
                    dot += learned[base + j] * v[j];
                }
                for (int i = 0; i < l; i++) {
                    out[i] -= learned[base + i] * dot;
                }
            }
        }

        private double[] project(double[] a) {
            double[] z = new double[l];
            for (int r = 0; r < l; r++) {
                double acc = 0;
                for (int c = 0; c < m; c++) {
                    acc += kk[r * m + c] * a[c];
                }
                z[r] = acc;
            }
            return z;
        }

        private float[] signs(double[] a) {
            double[] z = project(a);
            float[] y = new float[l];
            for (int r = 0; r < l; r++) {
                y[r] = z[r] > 0 ? 1f : -1f;
            }
            return y;
        }

        private void multiply(double[] matrix, double[] v, double[] out) {
            for (int i = 0; i < m; i++) {
                double acc = 0;
                for (int j = 0; j < m; j++) {
                    acc += matrix[i * m + j] * v[j];
                }
                out[i] = acc;
            }
        }
    }
}
