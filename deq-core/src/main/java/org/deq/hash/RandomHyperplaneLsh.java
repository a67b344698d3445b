package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Random;
import java.util.Set;

/**
 * Random-hyperplane LSH (Charikar 2002) on data-centred descriptors: bit j = sign(r_j · (x − mean)), r_j ~ N(0, I),
 * so two descriptors agree on a bit with probability 1 − θ/π.
 */
public final class RandomHyperplaneLsh implements BinaryEncoder {

    /** Spec method name. */
    public static final String METHOD = "lsh";

    private final int dim;
    private final SignProjection projection;

    private RandomHyperplaneLsh(int dim, SignProjection projection) {
        this.dim = dim;
        this.projection = projection;
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
        float[] b = new float[bits];
        for (int j = 0; j < bits; j++) {
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                float r = (float) rnd.nextGaussian();
                w[j * dim + i] = r;
                dot += r * mean[i];
            }
            // folding the centring into the offset keeps encoding one dot product per bit
            b[j] = (float) -dot;
        }
        return new RandomHyperplaneLsh(dim, new SignProjection(bits, dim, w, b));
    }

    static RandomHyperplaneLsh read(DataInput in) throws IOException {
        SignProjection p = SignProjection.read(in);
        return new RandomHyperplaneLsh(p.inputs(), p);
    }

    @Override
    public int bits() {
        return projection.bits();
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public String spec() {
        return METHOD + ":bits=" + bits();
    }

    @Override
    public void encodeInto(float[] packed, int offset, long[] codes, int codeOffset) {
        projection.project(packed, offset, codes, codeOffset);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        projection.write(out);
    }
}
