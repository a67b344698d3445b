package org.deq.feedback;

/**
 * Which unmarked images active learning clusters into diverse marks: the {@code uncertain} ones closest to the SVM
 * boundary among the {@code window} best-ranked ({@code window} 0: the whole pool, as in Demir &amp; Bruzzone).
 *
 * @param uncertain size of the uncertain set
 * @param window    best-ranked unmarked images the uncertain set is drawn from; 0 for the whole pool
 */
public record Candidates(int uncertain, int window) {

    /**
     * Default window per image to mark: 10 × the marks (see README "Relevance feedback"). Marks drawn from the top of
     * the ranking correct the top, which precision@k counts, where the whole pool's boundary can lie hundreds of ranks
     * down.
     */
    public static final int WINDOW_PER_MARK = 10;

    /** Default uncertain set per image to mark: 5 × the marks, half the window. */
    public static final int UNCERTAIN_PER_MARK = 5;

    /** Checks the sizes; a bad one is an IllegalArgumentException naming it. */
    public Candidates {
        if (uncertain < 1) {
            throw new IllegalArgumentException("uncertain set must hold at least 1 image, got " + uncertain);
        }
        if (window != 0 && window < uncertain) {
            throw new IllegalArgumentException("window must be 0 (the whole pool) or at least the uncertain set ("
                    + uncertain + "), got " + window);
        }
    }

    /** The default for {@code marks} images per round: the 5 × marks most uncertain of the 10 × marks best-ranked. */
    public static Candidates forMarks(int marks) {
        return new Candidates(UNCERTAIN_PER_MARK * marks, WINDOW_PER_MARK * marks);
    }

    /** The {@code uncertain} images closest to the boundary anywhere in the pool (Demir &amp; Bruzzone, TGRS 2015). */
    public static Candidates wholePool(int uncertain) {
        return new Candidates(uncertain, 0);
    }
}
