package org.deq.feedback;

import java.util.Random;

/** Seeded Gaussian clusters packed row-major: cluster c is centred at c * spacing on every axis. */
final class Blobs {

    final float[] vectors;
    final int[] cluster;
    final int dim;

    Blobs(int clusters, int perCluster, int dim, double spacing, double sigma, long seed) {
        Random random = new Random(seed);
        this.dim = dim;
        this.vectors = new float[clusters * perCluster * dim];
        this.cluster = new int[clusters * perCluster];
        for (int i = 0; i < cluster.length; i++) {
            int c = i % clusters;
            cluster[i] = c;
            for (int d = 0; d < dim; d++) {
                // clusters differ on the first axes only, so they are separable but not trivially far apart
                double centre = d < 3 ? c * spacing * ((d + c) % 2 == 0 ? 1 : -1) : 0;
                vectors[i * dim + d] = (float) (centre + sigma * random.nextGaussian());
            }
        }
    }

    int size() {
        return cluster.length;
    }
}
