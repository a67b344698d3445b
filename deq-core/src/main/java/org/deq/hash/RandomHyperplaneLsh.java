package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;
import java.util.Random;
import java.util.Set;

/**
 * Random-hyperplane LSH (Charikar 2002) on data-centred descriptors: bit j = sign(r_j · (x − mean)), r_j ~ N(0, I),
 * so two descriptors agree on a bit with probability 1 − θ/π.
 */
public final class RandomHyperplaneLsh extends LinearHashEncoder {

    /** Spec method name. */
    public static final String METHOD = "lsh";

    private RandomHyperplaneLsh(SignProjection projection) {
        super(METHOD + ":bits=" + projection.bits(), projection);
    }

    /** The trainer for a parsed {@code lsh:bits=B} spec. */
    static EncoderTrainer trainer(HashSpec spec) {
        int bits = spec.requireKeys(Set.of("bits")).bits();
        return (packed, n, dim, labels, seed) -> train(packed, n, dim, bits, seed);
    }

    /** Draws {@code bits} Gaussian hyperplanes through the mean of the n training descriptors. */
    public static RandomHyperplaneLsh train(float[] packed, int n, int dim, int bits, long seed) {
        Training.checkPacked(packed, n, dim);
        double[] mean = Training.mean(packed, n, dim);
        Random rnd = new Random(seed);
        float[] w = new float[bits * dim];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) rnd.nextGaussian();
        }
        return new RandomHyperplaneLsh(SignProjection.centred(bits, dim, w, mean));
    }

    static RandomHyperplaneLsh read(DataInput in) throws IOException {
        return new RandomHyperplaneLsh(SignProjection.read(in));
    }
}
