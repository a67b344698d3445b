package org.deq.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the kernel width γ of a round's model is chosen: {@code factor} / median kernel distance (squared L2 for the RBF,
 * L1 for the Laplacian kernel) between the marked examples ({@code marks}, the default), or between random pairs of the pool ({@code pool}). The marked examples of later
 * rounds lie near the decision boundary, much closer together than random pairs, so the width follows the marks.
 *
 * @param fromMarks true: median over the marked examples' pairs; false: over random pool pairs
 * @param factor    multiplies 1 / median (larger: a more local kernel)
 */
public record KernelWidth(boolean fromMarks, double factor) {

    /**
     * The median heuristic on the marks without a tuned factor: 2 was within noise on the multi-label tuning half and
     * far worse under Demir &amp; Bruzzone's protocol (README "Relevance feedback" for the others tried).
     */
    public static final KernelWidth DEFAULT = new KernelWidth(true, 1);

    /** Checks the factor. */
    public KernelWidth {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the kernel width factor must be a positive number, got " + factor);
        }
    }

    /** Parses {@code marks:F} or {@code pool:F} (F a positive factor; {@code marks} alone means F = 1). */
    public static KernelWidth parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String rule = colon < 0 ? s : s.substring(0, colon);
        if (rule.equals("marks") || rule.equals("pool")) {
            try {
                return new KernelWidth(rule.equals("marks"), colon < 0 ? 1 : Double.parseDouble(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // reported below with the expected forms
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kernel width '" + spec + "': " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("unknown kernel width '" + spec + "'; expected marks:F or pool:F with F > 0");
    }

    /** The spec this parses from. */
    @JsonValue
    public String key() {
        return (fromMarks ? "marks:" : "pool:") + factor;
    }
}
