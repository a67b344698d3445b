package org.deq.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void decompositionReconstructsMatrixAndInverseSqrtWhitens() {
        int n = 40;
        Random rnd = new Random(1);
        // B Bᵀ + I: symmetric positive definite
        double[] b = gaussian(n * n, rnd);
        double[] a = multiplyTransposed(b, b, n);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1;
        }
        SymmetricEigen eig = SymmetricEigen.of(a, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += eig.vectors()[i * n + k] * eig.values()[k] * eig.vectors()[j * n + k];
                }
                assertThat(s).isCloseTo(a[i * n + j], within(1e-8));
            }
        }
        // (A^(-1/2))² A = I
        double[] r = eig.inverseSqrt(0);
        double[] rr = multiply(r, r, n);
        double[] id = multiply(rr, a, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(id[i * n + j]).isCloseTo(i == j ? 1 : 0, within(1e-8));
            }
        }
    }

    @Test
    void randomSymmetricMatricesOfEverySizeGiveOrthonormalEigenpairs() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 4, 5, 8, 17, 64, 150}) {
            for (int trial = 0; trial < 3; trial++) {
                double[] g = gaussian(n * n, rnd);
                double[] a = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i * n + j] = g[i * n + j] + g[j * n + i];
                    }
                }
                checkDecomposition(a, n, 1e-12);
            }
        }
    }

    @Test
    void repeatedAndZeroEigenvaluesAreFoundWithOrthonormalVectors() {
        Random rnd = new Random(11);
        int n = 30;
        double[] lambda = new double[n];
        // 5 (×6), 0 (×10), −2 (×4), 1e-3 (×2), then distinct ones
        for (int i = 0; i < n; i++) {
            lambda[i] = i < 6 ? 5 : i < 16 ? 0 : i < 20 ? -2 : i < 22 ? 1e-3 : 0.5 * (i - 21);
        }
        double[] a = withSpectrum(lambda, rnd);
        SymmetricEigen eig = checkDecomposition(a, n, 1e-12);
        double[] expected = lambda.clone();
        Arrays.sort(expected);
        reverse(expected);
        for (int i = 0; i < n; i++) {
            assertThat(eig.values()[i]).as("eigenvalue %d", i).isCloseTo(expected[i], within(1e-12 * 8));
        }
    }

    @Test
    void rankDeficientGramMatrixOfFewSamplesHasZeroTail() {
        // XᵀX of 14 centred samples in 64 dimensions: rank 13, as in a small ITQ training set
        Random rnd = new Random(3);
        int s = 14;
        int dim = 64;
        double[] x = gaussian(s * dim, rnd);
        for (int i = 0; i < dim; i++) {
            double mean = 0;
            for (int r = 0; r < s; r++) {
                mean += x[r * dim + i] / s;
            }
            for (int r = 0; r < s; r++) {
                x[r * dim + i] -= mean;
            }
        }
        double[] gram = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                for (int r = 0; r < s; r++) {
                    gram[i * dim + j] += x[r * dim + i] * x[r * dim + j];
                }
            }
        }
        SymmetricEigen eig = checkDecomposition(gram, dim, 1e-12);
        assertThat(eig.values()[s - 2]).isGreaterThan(1);
        for (int i = s - 1; i < dim; i++) {
            assertThat(Math.abs(eig.values()[i])).as("eigenvalue %d", i).isLessThan(1e-12 * eig.values()[0]);
        }
    }

    @Test
    void knownSpectrumOfTheSecondDifferenceMatrix() {
        // tridiag(−1, 2, −1): λ_k = 2 − 2 cos(kπ/(n+1)), v_k[j] ∝ sin(jkπ/(n+1)), k, j = 1..n
        int n = 50;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }
        SymmetricEigen eig = checkDecomposition(a, n, 1e-13);
        for (int c = 0; c < n; c++) {
            int k = n - c; // largest first
            assertThat(eig.values()[c]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), within(1e-13));
            double norm = Math.sqrt((n + 1) / 2.0);
            double dot = 0;
            for (int j = 1; j <= n; j++) {
                dot += eig.vectors()[(j - 1) * n + c] * Math.sin(j * k * Math.PI / (n + 1)) / norm;
            }
            assertThat(Math.abs(dot)).as("eigenvector %d", c).isCloseTo(1, within(1e-10));
        }
    }

    @Test
    void smallCasesHaveExactAnswers() {
        SymmetricEigen one = SymmetricEigen.of(new double[] {-3}, 1);
        assertThat(one.values()).containsExactly(-3);
        assertThat(one.vectors()).containsExactly(1);

        SymmetricEigen two = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertThat(two.values()[0]).isCloseTo(3, within(1e-15));
        assertThat(two.values()[1]).isCloseTo(1, within(1e-15));
        double h = Math.sqrt(0.5);
        // (1, 1)/√2 for 3; (±1, ∓1)/√2 for 1
        assertThat(two.vectors()[0]).isCloseTo(h, within(1e-15));
        assertThat(two.vectors()[2]).isCloseTo(h, within(1e-15));
        assertThat(Math.abs(two.vectors()[1])).isCloseTo(h, within(1e-15));
        assertThat(two.vectors()[3]).isCloseTo(-two.vectors()[1], within(1e-15));

        // diagonal input: values sorted, vectors the unit axes with a positive 1
        SymmetricEigen diag = SymmetricEigen.of(new double[] {1, 0, 0, 0, -4, 0, 0, 0, 7}, 3);
        assertThat(diag.values()).containsExactly(7, 1, -4);
        assertThat(diag.vectors()).containsExactly(0, 1, 0, 0, 0, 1, 1, 0, 0);

        SymmetricEigen zero = SymmetricEigen.of(new double[16], 4);
        assertThat(zero.values()).containsExactly(0, 0, 0, 0);
        checkDecomposition(new double[16], 4, 0);

        SymmetricEigen empty = SymmetricEigen.of(new double[0], 0);
        assertThat(empty.values()).isEmpty();
    }

    @Test
    void extremeScalesKeepTheirRelativeAccuracy() {
        Random rnd = new Random(5);
        int n = 20;
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = i - 7.5;
        }
        double[] a = withSpectrum(base, rnd);
        for (double scale : new double[] {1e-150, 1e150}) {
            double[] scaled = a.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= scale;
            }
            SymmetricEigen eig = SymmetricEigen.of(scaled, n);
            for (int i = 0; i < n; i++) {
                assertThat(eig.values()[i] / scale).isCloseTo(11.5 - i, within(1e-11));
            }
        }
    }

    @Test
    void signConventionMakesResultsIndependentOfTheInputsSign() {
        Random rnd = new Random(9);
        int n = 25;
        double[] g = gaussian(n * n, rnd);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = g[i * n + j] + g[j * n + i];
            }
        }
        SymmetricEigen first = SymmetricEigen.of(a, n);
        SymmetricEigen again = SymmetricEigen.of(a, n);
        assertThat(again.values()).isEqualTo(first.values());
        assertThat(again.vectors()).isEqualTo(first.vectors());
        // the same matrix with its basis reordered (P A Pᵀ) has eigenvectors P v: the convention picks the same sign
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 7 + 3) % n;
        }
        double[] permuted = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                permuted[perm[i] * n + perm[j]] = a[i * n + j];
            }
        }
        SymmetricEigen p = SymmetricEigen.of(permuted, n);
        for (int c = 0; c < n; c++) {
            assertThat(p.values()[c]).isCloseTo(first.values()[c], within(1e-12));
            for (int i = 0; i < n; i++) {
                assertThat(p.vectors()[perm[i] * n + c]).isCloseTo(first.vectors()[i * n + c], within(1e-10));
            }
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> SymmetricEigen.of(new double[5], 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymmetricEigen.of(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    /**
     * Checks A v_j = λ_j v_j and VᵀV = I to {@code tol} relative to the matrix's largest entry (times n), eigenvalues
     * non-increasing, and each vector's largest-magnitude component positive.
     */
    private static SymmetricEigen checkDecomposition(double[] a, int n, double tol) {
        double[] copy = a.clone();
        SymmetricEigen eig = SymmetricEigen.of(a, n);
        assertThat(a).as("input untouched").isEqualTo(copy);
        assertThat(eig.n()).isEqualTo(n);
        assertThat(eig.values()).hasSize(n);
        assertThat(eig.vectors()).hasSize(n * n);
        double scale = 0;
        for (double x : a) {
            scale = Math.max(scale, Math.abs(x));
        }
        double bound = tol * n * Math.max(scale, 1e-300) + (tol == 0 ? 0 : Double.MIN_NORMAL);
        double[] v = eig.vectors();
        for (int c = 0; c < n; c++) {
            if (c > 0) {
                assertThat(eig.values()[c]).as("order at %d of %d", c, n).isLessThanOrEqualTo(eig.values()[c - 1]);
            }
            int top = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i * n + k] * v[k * n + c];
                }
                assertThat(av).as("(A v - λ v)[%d] of vector %d, n=%d", i, c, n)
                        .isCloseTo(eig.values()[c] * v[i * n + c], within(bound));
                if (Math.abs(v[i * n + c]) > Math.abs(v[top * n + c])) {
                    top = i;
                }
            }
            assertThat(v[top * n + c]).as("sign of vector %d", c).isPositive();
            for (int d = c; d < n; d++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += v[k * n + c] * v[k * n + d];
                }
                assertThat(dot).as("v%d · v%d, n=%d", c, d, n).isCloseTo(c == d ? 1 : 0, within(Math.max(tol, 1e-15) * n));
            }
        }
        return eig;
    }

    /** Q diag(λ) Qᵀ for a random orthogonal Q. */
    private static double[] withSpectrum(double[] lambda, Random rnd) {
        int n = lambda.length;
        double[] q = gaussian(n * n, rnd);
        // Gram–Schmidt on the rows, twice for accuracy
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < r; p++) {
                    double dot = 0;
                    for (int k = 0; k < n; k++) {
                        dot += q[r * n + k] * q[p * n + k];
                    }
                    for (int k = 0; k < n; k++) {
                        q[r * n + k] -= dot * q[p * n + k];
                    }
                }
                double norm = 0;
                for (int k = 0; k < n; k++) {
                    norm += q[r * n + k] * q[r * n + k];
                }
                norm = Math.sqrt(norm);
                for (int k = 0; k < n; k++) {
                    q[r * n + k] /= norm;
                }
            }
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[k * n + i] * lambda[k] * q[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        // exactly symmetric
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
        return a;
    }

    private static double[] gaussian(int size, Random rnd) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    private static void reverse(double[] x) {
        for (int i = 0, j = x.length - 1; i < j; i++, j--) {
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** X Yᵀ for n × n row-major X, Y. */
    private static double[] multiplyTransposed(double[] x, double[] y, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[i * n + k] * y[j * n + k];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    private static double[] multiply(double[] x, double[] y, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[i * n + k] * y[k * n + j];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }
}
