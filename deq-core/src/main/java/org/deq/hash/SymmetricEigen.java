package org.deq.hash;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations: accurate and simple, fine for the
 * few-hundred-square kernel matrices of kernel hashing.
 *
 * @param values  eigenvalues, in no particular order
 * @param vectors eigenvectors as columns of an n × n row-major matrix (column j belongs to values[j])
 */
record SymmetricEigen(int n, double[] values, double[] vectors) {

    private static final int MAX_SWEEPS = 60;

    /** Decomposes the symmetric n × n row-major matrix {@code a} (not modified). */
    static SymmetricEigen of(double[] a, int n) {
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p * n + p] * m[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p * n + q] * m[p * n + q];
                }
            }
            if (off <= 1e-24 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, n, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i * n + i];
        }
        return new SymmetricEigen(n, values, v);
    }

    /** Zeroes m[p][q] by one Jacobi rotation (Golub & Van Loan, Alg. 8.4.1), accumulating it into v. */
    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    /**
     * V f(Λ) Vᵀ with f(λ) = λ^(-1/2) for λ above {@code relativeFloor} × the largest eigenvalue and 0 otherwise: the
     * pseudo-inverse square root, which ignores the near-null directions that would only amplify noise.
     */
    double[] inverseSqrt(double relativeFloor) {
        double max = 0;
        for (double x : values) {
            max = Math.max(max, x);
        }
        double floor = relativeFloor * max;
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            scale[j] = values[j] > floor ? 1 / Math.sqrt(values[j]) : 0;
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += vectors[i * n + j] * scale[j] * vectors[k * n + j];
                }
                out[i * n + k] = s;
                out[k * n + i] = s;
            }
        }
        return out;
    }
}
