package org.deq.feedback;

import java.util.BitSet;

/**
 * Prints the wall time of one feedback round (train the SVM, score the whole pool, order it, select by active
 * learning) on N synthetic clustered vectors, and the CPU time of scoring on one thread, which a busy machine does not
 * inflate (a measurement program, not a test). Usage:
 * {@code java -cp deq-core/target/classes:deq-core/target/test-classes:<deps> org.deq.feedback.FeedbackRoundTiming [n] [dim] [marks]}.
 */
public final class FeedbackRoundTiming {

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private FeedbackRoundTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 182;
        int marks = args.length > 2 ? Integer.parseInt(args[2]) : 56;
        Blobs blobs = new Blobs(20, n / 20, dim, 0.5, 1, 42);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, dim, 1).withGammaScale(FeedbackEngine.GAMMA_SCALE);
        int[] relevant = FeedbackSvmTest.rowsOf(blobs, 0, marks / 2);
        int[] irrelevant = new int[marks - relevant.length];
        BitSet excluded = new BitSet();
        for (int i = 0; i < irrelevant.length; i++) {
            irrelevant[i] = 1 + i; // rows 1.. belong to clusters 1..19
        }
        for (int r : relevant) {
            excluded.set(r);
        }
        for (int r : irrelevant) {
            excluded.set(r);
        }
        System.out.printf("%d vectors of %d, %d marks, %d cores%n", n, dim, marks, Runtime.getRuntime().availableProcessors());
        for (int rep = 0; rep < 5; rep++) { // the first reps warm up the JIT
            long t0 = System.nanoTime();
            RelevanceModel model = space.fit(relevant, irrelevant, SimulationSpec.DEFAULT_C);
            long t1 = System.nanoTime();
            float[] scores = space.score(model);
            long t2 = System.nanoTime();
            int[] order = FeedbackSpace.order(scores);
            long t3 = System.nanoTime();
            int[] next = ActiveSelector.select(Strategy.ACTIVE, space, model.kind(), scores, order, excluded, 10, 40, rep);
            long t4 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            space.score(model, false);
            double singleCpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
            System.out.printf("scoring on one thread: %.1f ms of CPU time%n", singleCpu);
            System.out.printf("round %.1f ms: train %.1f (%d SV), score %.1f, order %.1f, select %.1f (first pick %d)%n",
                    (t4 - t0) / 1e6, (t1 - t0) / 1e6, model.size(), (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, next[0]);
        }
    }
}
