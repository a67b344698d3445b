package org.deq.feedback;

import java.util.Arrays;
import org.deq.vectors.PackedVectors;

/**
 * Trains a binary C-SVM with a {@link Kernel} (RBF or Laplacian) by sequential minimal optimisation (libsvm's
 * solver: second-order working set selection, the same bias rule). Relevance feedback trains on a few dozen marks,
 * so the full kernel matrix is held; classes are weighted by C·n/(2·n_class) so that 3 relevant against 30 irrelevant marks still count.
 */
public final class KernelSvm {

    private static final double EPS = 1e-3;
    private static final double TAU = 1e-12;

    private KernelSvm() {
    }

    /**
     * Trains on the packed rows {@code x} ({@code positive.length * dim} floats), both classes present; returns the
     * support vectors as an {@link RelevanceModel.Kind#SVM} model.
     */
    public static RelevanceModel train(float[] x, int dim, boolean[] positive, Kernel kernel, double gamma, double c) {
        int n = positive.length;
        int nPos = 0;
        for (boolean p : positive) {
            nPos += p ? 1 : 0;
        }
        if (nPos == 0 || nPos == n) {
            throw new IllegalArgumentException("an SVM needs relevant and irrelevant examples, got " + nPos
                    + " relevant of " + n);
        }
        if (!(gamma > 0) || !(c > 0)) {
            throw new IllegalArgumentException("SVM gamma and C must be positive, got gamma=" + gamma + ", C=" + c);
        }
        float[] norms = RelevanceModel.sqNorms(x, dim);
        double[] k = new double[PackedVectors.arrayLength((long) n * n, "the kernel matrix of an SVM of " + n + " examples")];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = Math.exp(-gamma * kernel.distance(x, i * dim, x, j * dim, dim));
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        byte[] y = new byte[n];
        double[] bound = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (positive[i] ? 1 : -1);
            bound[i] = c * n / (2.0 * (positive[i] ? nPos : n - nPos));
        }
        double[] alpha = new double[n];
        double rho = solve(k, y, bound, alpha, n);
        int sv = 0;
        for (double a : alpha) {
            sv += a > 0 ? 1 : 0;
        }
        float[] centres = new float[sv * dim];
        float[] coef = new float[sv];
        float[] centreNorms = new float[sv];
        for (int i = 0, s = 0; i < n; i++) {
            if (alpha[i] > 0) {
                System.arraycopy(x, i * dim, centres, s * dim, dim);
                coef[s] = (float) (alpha[i] * y[i]);
                centreNorms[s] = norms[i];
                s++;
            }
        }
        return new RelevanceModel(RelevanceModel.Kind.SVM, kernel, centres, dim, coef, centreNorms, -rho, gamma, 0);
    }

    /** Minimises ½αᵀQα − Σα subject to 0 ≤ α ≤ bound, yᵀα = 0 (Q = yyᵀ∘K); fills alpha and returns rho. */
    private static double solve(double[] k, byte[] y, double[] bound, double[] alpha, int n) {
        double[] g = new double[n];
        Arrays.fill(g, -1);
        int maxIterations = Math.max(10_000, 100 * n);
        for (int iter = 0; iter < maxIterations; iter++) {
            // i: the most violating index of the "up" set; j: second-order choice in the "low" set
            int i = -1;
            double gMax = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                boolean up = y[t] > 0 ? alpha[t] < bound[t] : alpha[t] > 0;
                if (up && -y[t] * g[t] >= gMax) {
                    gMax = -y[t] * g[t];
                    i = t;
                }
            }
            int j = -1;
            double gMax2 = Double.NEGATIVE_INFINITY;
            double objMin = Double.POSITIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                boolean low = y[t] > 0 ? alpha[t] > 0 : alpha[t] < bound[t];
                if (!low) {
                    continue;
                }
                double yg = y[t] * g[t];
                gMax2 = Math.max(gMax2, yg);
                double b = gMax + yg;
                if (i >= 0 && b > 0) {
                    double a = 2 - 2 * k[i * n + t]; // K(i,i) = K(t,t) = 1 for both kernels
                    double obj = -(b * b) / (a > 0 ? a : TAU);
                    if (obj <= objMin) {
                        objMin = obj;
                        j = t;
                    }
                }
            }
            if (i < 0 || j < 0 || gMax + gMax2 < EPS) {
                break;
            }
            update(k, y, bound, alpha, g, n, i, j);
        }
        return rho(y, bound, alpha, g, n);
    }

    private static void update(double[] k, byte[] y, double[] bound, double[] alpha, double[] g, int n, int i, int j) {
        double ci = bound[i];
        double cj = bound[j];
        double oldI = alpha[i];
        double oldJ = alpha[j];
        double qij = y[i] * y[j] * k[i * n + j];
        if (y[i] != y[j]) {
            double quad = Math.max(2 + 2 * qij, TAU);
            double delta = (-g[i] - g[j]) / quad;
            double diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0 ? alpha[j] < 0 : alpha[i] < 0) {
                alpha[diff > 0 ? j : i] = 0;
                alpha[diff > 0 ? i : j] = Math.abs(diff);
            }
            if (diff > ci - cj) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = ci - diff;
                }
            } else if (alpha[j] > cj) {
                alpha[j] = cj;
                alpha[i] = cj + diff;
            }
        } else {
            double quad = Math.max(2 - 2 * qij, TAU);
            double delta = (g[i] - g[j]) / quad;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > ci) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = sum - ci;
                }
            } else if (alpha[j] < 0) {
                alpha[j] = 0;
                alpha[i] = sum;
            }
            if (sum > cj) {
                if (alpha[j] > cj) {
                    alpha[j] = cj;
                    alpha[i] = sum - cj;
                }
            } else if (alpha[i] < 0) {
                alpha[i] = 0;
                alpha[j] = sum;
            }
        }
        double dI = alpha[i] - oldI;
        double dJ = alpha[j] - oldJ;
        for (int t = 0; t < n; t++) {
            g[t] += y[t] * (y[i] * k[i * n + t] * dI + y[j] * k[j * n + t] * dJ);
        }
    }

    /** libsvm's rho: the mean y·G over free α, else the middle of the feasible interval. */
    private static double rho(byte[] y, double[] bound, double[] alpha, double[] g, int n) {
        double ub = Double.POSITIVE_INFINITY;
        double lb = Double.NEGATIVE_INFINITY;
        double sumFree = 0;
        int free = 0;
        for (int t = 0; t < n; t++) {
            double yg = y[t] * g[t];
            boolean atUpper = alpha[t] >= bound[t];
            boolean atLower = alpha[t] <= 0;
            if (atUpper) {
                if (y[t] < 0) {
                    ub = Math.min(ub, yg);
                } else {
                    lb = Math.max(lb, yg);
                }
            } else if (atLower) {
                if (y[t] > 0) {
                    ub = Math.min(ub, yg);
                } else {
                    lb = Math.max(lb, yg);
                }
            } else {
                free++;
                sumFree += yg;
            }
        }
        return free > 0 ? sumFree / free : (ub + lb) / 2;
    }
}
