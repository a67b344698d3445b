package org.deq.feedback;

import java.util.List;

/**
 * How a simulated user runs feedback sessions.
 *
 * @param rounds            feedback rounds after round 0
 * @param marks             images marked per round
 * @param candidates        the images active learning clusters into its marks
 * @param initialRelevant   relevant images marked before round 0, the query counted (0: the query alone)
 * @param initialIrrelevant irrelevant images marked before round 0
 * @param excludeMarked     score rankings without the marked images (the query is always left out)
 * @param relevance         which images the simulated user marks relevant and the figures count as relevant
 * @param kernel            kernel of the SVM and of the similarity to the query
 * @param kernelWidth       how each round's kernel width is chosen
 * @param c                 SVM regularisation C
 * @param queryWeight       weight of the similarity to the query added to the SVM score ({@link FeedbackSpace#fit(int[], int[], int[], double, double, double)})
 * @param nearestWeight     weight of the similarity to the nearest relevant example added to every score
 * @param strategies        selection strategies to compare
 * @param seed              seed of the kernel width, the clustering and the query sample
 */
public record SimulationSpec(int rounds, int marks, Candidates candidates, int initialRelevant, int initialIrrelevant,
                             boolean excludeMarked, Relevance relevance, Kernel kernel, KernelWidth kernelWidth, double c,
                             double queryWeight, double nearestWeight, List<Strategy> strategies, long seed) {

    /** Default SVM regularisation. */
    public static final double DEFAULT_C = 10;

    /** Default weight of the query similarity added to the SVM score. */
    public static final double DEFAULT_QUERY_WEIGHT = 1;

    /** Default weight of the similarity to the nearest relevant example added to every score. */
    public static final double DEFAULT_NEAREST_WEIGHT = 0;

    /** Checks the numbers; a bad one is an IllegalArgumentException naming it. */
    public SimulationSpec {
        positive("rounds", rounds, 0);
        positive("marks", marks, 1);
        if (candidates == null) {
            throw new IllegalArgumentException("no candidate set for active learning");
        }
        positive("uncertain set", candidates.uncertain(), marks);
        positive("initial relevant", initialRelevant, 0);
        positive("initial irrelevant", initialIrrelevant, 0);
        long total = (long) initialRelevant + initialIrrelevant + (long) rounds * marks;
        if (total > FeedbackEngine.MAX_MARKS) {
            throw new IllegalArgumentException("rounds × marks: " + rounds + " × " + marks + " (and " + initialRelevant
                    + " + " + initialIrrelevant + " initial marks) make " + total + " marks per session; a session holds"
                    + " at most " + FeedbackEngine.MAX_MARKS);
        }
        if (relevance == null) {
            throw new IllegalArgumentException("no relevance definition for the simulated user");
        }
        if (kernel == null || kernelWidth == null) {
            throw new IllegalArgumentException("no kernel or kernel width for the learner");
        }
        checkLearner(c, queryWeight, nearestWeight);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no selection strategy to simulate");
        }
        strategies = List.copyOf(strategies);
    }

    /**
     * Rounds of {@code marks} marks from the query alone, shared-label relevance, both strategies, active learning
     * from {@link Candidates#forMarks}.
     */
    public static SimulationSpec rounds(int rounds, int marks, long seed) {
        return new SimulationSpec(rounds, marks, Candidates.forMarks(marks), 0, 0, true, Relevance.SHARED_LABEL,
                FeedbackSpace.DEFAULT_KERNEL, KernelWidth.DEFAULT, DEFAULT_C, DEFAULT_QUERY_WEIGHT, DEFAULT_NEAREST_WEIGHT,
                List.of(Strategy.TOP, Strategy.ACTIVE), seed);
    }

    /**
     * Demir &amp; Bruzzone's protocol (TGRS 2015): 3 relevant (the query among them) and 3 irrelevant initial marks,
     * 10 rounds of 5 marks chosen from the 20 most uncertain of the whole pool, precision with the marked images
     * removed.
     */
    public static SimulationSpec demir2015(long seed) {
        return new SimulationSpec(10, 5, Candidates.wholePool(20), 3, 3, true, Relevance.SHARED_LABEL,
                FeedbackSpace.DEFAULT_KERNEL, KernelWidth.DEFAULT, DEFAULT_C, DEFAULT_QUERY_WEIGHT,
                DEFAULT_NEAREST_WEIGHT, List.of(Strategy.TOP, Strategy.ACTIVE), seed);
    }

    /** The same spec with another candidate set, e.g. one cut to the pool's size. */
    public SimulationSpec withCandidates(Candidates other) {
        return new SimulationSpec(rounds, marks, other, initialRelevant, initialIrrelevant, excludeMarked, relevance, kernel,
                kernelWidth, c, queryWeight, nearestWeight, strategies, seed);
    }

    private static void positive(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Refuses an SVM C that is not positive and query or nearest-example weights that are not finite numbers >= 0. */
    static void checkLearner(double c, double queryWeight, double nearestWeight) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("SVM C must be positive, got " + c);
        }
        checkWeights(queryWeight, nearestWeight);
    }

    /** Refuses query or nearest-example weights that are not finite numbers >= 0. */
    static void checkWeights(double queryWeight, double nearestWeight) {
        if (!(queryWeight >= 0) || Double.isInfinite(queryWeight)) {
            throw new IllegalArgumentException("query weight must be a number >= 0, got " + queryWeight);
        }
        if (!(nearestWeight >= 0) || Double.isInfinite(nearestWeight)) {
            throw new IllegalArgumentException("nearest-example weight must be a number >= 0, got " + nearestWeight);
        }
    }
}
