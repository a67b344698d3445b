package org.deq.index;

import java.util.Random;

/**
 * Prints flat-scan milliseconds per query for N random vectors on 1 and 2 threads (a measurement program, not a test).
 * Usage: {@code java -cp deq-core/target/classes:deq-core/target/test-classes org.deq.index.FlatScanTiming [n] [dim] [k]}.
 */
public final class FlatScanTiming {

    private FlatScanTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Random r = new Random(42);
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextFloat();
        }
        int queries = 50;
        float[] qs = new float[queries * dim];
        for (int i = 0; i < qs.length; i++) {
            qs[i] = r.nextFloat();
        }
        for (Distance d : new Distance[] {Distance.L2, Distance.COSINE}) {
            for (int threads = 1; threads <= 2; threads++) {
                FlatIndex index = FlatIndex.over(data, dim, d, threads);
                float[] q = new float[dim];
                long checksum = 0;
                for (int rep = 0; rep < 2; rep++) { // first rep warms up the JIT
                    long t0 = System.nanoTime();
                    for (int i = 0; i < queries; i++) {
                        System.arraycopy(qs, i * dim, q, 0, dim);
                        checksum += index.search(q, k, null).ids()[0];
                    }
                    double perQuery = (System.nanoTime() - t0) / 1e6 / queries;
                    if (rep == 1) {
                        System.out.printf("%s n=%d dim=%d k=%d threads=%d: %.2f ms/query%n", d, n, dim, k, threads, perQuery);
                    }
                }
                System.out.println("  (checksum " + checksum + ")");
            }
        }
    }
}
