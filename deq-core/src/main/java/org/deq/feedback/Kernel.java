package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kernel of a feedback model, k(x, c) = exp(−γ·d(x, c)), named by the distance d it decays with. */
public enum Kernel {

    /** exp(−γ‖x − c‖²): the Gaussian RBF. */
    RBF,
    /**
     * exp(−γ‖x − c‖₁): the Laplacian kernel on L1, the distance the default descriptors (square-rooted histograms) are
     * ranked by, so the learner sees the neighbourhoods the index sees.
     */
    LAPLACIAN;

    /** d(a, b) of this kernel: squared L2 for {@link #RBF}, L1 for {@link #LAPLACIAN}. */
    public float distance(float[] a, int ao, float[] b, int bo, int dim) {
        return this == RBF ? org.deq.index.PackedVectors.sqDistance(a, ao, b, bo, dim) : l1(a, ao, b, bo, dim);
    }

    /** L1 distance between two packed rows. */
    static float l1(float[] a, int ao, float[] b, int bo, int dim) {
        // four independent sums so the adds pipeline
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < dim; j += 4) {
            s0 += Math.abs(a[ao + j] - b[bo + j]);
            s1 += Math.abs(a[ao + j + 1] - b[bo + j + 1]);
            s2 += Math.abs(a[ao + j + 2] - b[bo + j + 2]);
            s3 += Math.abs(a[ao + j + 3] - b[bo + j + 3]);
        }
        for (; j < dim; j++) {
            s0 += Math.abs(a[ao + j] - b[bo + j]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The name used in JSON and on the command line. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code rbf} or {@code laplacian}, case-insensitively. */
    public static Kernel parse(String name) {
        for (Kernel k : values()) {
            if (k.key().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel '" + name + "'; expected rbf or laplacian");
    }
}
