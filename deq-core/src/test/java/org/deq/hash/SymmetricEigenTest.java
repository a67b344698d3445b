package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void decompositionReconstructsMatrixAndInverseSqrtWhitens() {
        int n = 40;
        Random rnd = new Random(1);
        // B Bᵀ + I: symmetric positive definite
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s;
            }
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
