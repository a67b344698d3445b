package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bit j = sign(w_j · f + b_j) for a feature vector f: the final step shared by every linear and kernel encoder here.
 * Weights are packed bits × inputs, row-major.
 */
record SignProjection(int bits, int inputs, float[] weights, float[] offsets) {

    SignProjection {
        if (weights.length != bits * inputs || offsets.length != bits) {
            throw new IllegalArgumentException("projection arrays do not match " + bits + " bits × " + inputs + " inputs");
        }
    }

    /** Sets the bits of {@code codes[codeOffset..]} from the features at {@code f[fOff .. fOff+inputs)}. */
    void project(float[] f, int fOff, long[] codes, int codeOffset) {
        int words = Codes.words(bits);
        for (int w = 0; w < words; w++) {
            codes[codeOffset + w] = 0L;
        }
        for (int j = 0; j < bits; j++) {
            int row = j * inputs;
            // four independent sums: one chain of dependent adds would wait out each add's latency
            double s0 = offsets[j];
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < inputs; i += 4) {
                s0 += weights[row + i] * f[fOff + i];
                s1 += weights[row + i + 1] * f[fOff + i + 1];
                s2 += weights[row + i + 2] * f[fOff + i + 2];
                s3 += weights[row + i + 3] * f[fOff + i + 3];
            }
            for (; i < inputs; i++) {
                s0 += weights[row + i] * f[fOff + i];
            }
            double s = (s0 + s1) + (s2 + s3);
            if (s > 0) {
                codes[codeOffset + (j >>> 6)] |= 1L << (j & 63);
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(bits);
        out.writeInt(inputs);
        StateIo.writeFloats(out, weights);
        StateIo.writeFloats(out, offsets);
    }

    static SignProjection read(DataInput in) throws IOException {
        int bits = in.readInt();
        int inputs = in.readInt();
        return new SignProjection(bits, inputs, StateIo.readFloats(in), StateIo.readFloats(in));
    }
}
