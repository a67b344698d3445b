package org.deq.vectors;

/** Normalisations of feature vectors, in place on packed float arrays. */
public final class Vectors {

    private Vectors() {
    }

    /** Scales {@code v[from, to)} to unit L1 norm; leaves an all-zero range as it is. */
    public static void normaliseL1(float[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(v[i]);
        }
        scale(v, from, to, sum);
    }

    /** Scales {@code v[from, to)} to unit L2 norm; leaves an all-zero range as it is. */
    public static void normaliseL2(float[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) v[i] * v[i];
        }
        scale(v, from, to, Math.sqrt(sum));
    }

    /** Sign-preserving power {@code sign(x)|x|^p} of every value (p = 0.5 turns L2 into a Hellinger-like distance). */
    public static void power(float[] v, double p) {
        if (p == 1.0) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            v[i] = (float) Math.copySign(Math.pow(Math.abs(x), p), x);
        }
    }

    private static void scale(float[] v, int from, int to, double norm) {
        if (norm <= 0) {
            return;
        }
        float inv = (float) (1.0 / norm);
        for (int i = from; i < to; i++) {
            v[i] *= inv;
        }
    }
}
