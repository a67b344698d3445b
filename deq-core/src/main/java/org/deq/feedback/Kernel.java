package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import org.deq.spec.EnumNames;
import org.deq.vectors.PackedVectors;

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
        return this == RBF ? PackedVectors.sqDistance(a, ao, b, bo, dim) : PackedVectors.l1Distance(a, ao, b, bo, dim);
    }

    /** The name used in JSON and on the command line. */
    @JsonValue
    public String key() {
        return EnumNames.key(this);
    }

    /** Parses {@code rbf} or {@code laplacian}, case-insensitively. */
    public static Kernel parse(String name) {
        return EnumNames.parse(Kernel.class, name, Kernel::key, "kernel");
    }
}
