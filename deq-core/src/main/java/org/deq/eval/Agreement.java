package org.deq.eval;

/**
 * How well a per-pixel (or per-item) classification agrees with the truth, from its confusion matrix: overall accuracy
 * and Cohen's kappa (agreement beyond what the two marginals give by chance). Shared by the change-map and land-cover
 * evaluations.
 */
public final class Agreement {

    private Agreement() {
    }

    /** Share of the counts on the diagonal of a row-major {@code classes x classes} confusion matrix; NaN when empty. */
    public static double overallAccuracy(long[] confusion, int classes) {
        long total = 0;
        long agree = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                total += confusion[t * classes + p];
            }
            agree += confusion[t * classes + t];
        }
        return total == 0 ? Double.NaN : agree / (double) total;
    }

    /**
     * Cohen's kappa of a row-major {@code classes x classes} confusion matrix (rows: truth, columns: prediction); NaN
     * when chance agreement is total (truth and prediction both one and the same class), where it is undefined.
     */
    public static double kappa(long[] confusion, int classes) {
        long total = 0;
        long[] rows = new long[classes];
        long[] cols = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                long c = confusion[t * classes + p];
                rows[t] += c;
                cols[p] += c;
                total += c;
            }
        }
        double chance = 0;
        for (int l = 0; l < classes; l++) {
            chance += rows[l] / (double) total * (cols[l] / (double) total);
        }
        return chance >= 1 || total == 0 ? Double.NaN : (overallAccuracy(confusion, classes) - chance) / (1 - chance);
    }
}
