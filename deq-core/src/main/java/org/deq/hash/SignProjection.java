package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.deq.vectors.PackedVectors;

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

    /**
     * Hyperplanes through {@code mean}: bit j = sign(w_j · (f − mean)), with the centring folded into the offset
     * −w_j · mean so that encoding stays one dot product per bit.
     */
    static SignProjection centred(int bits, int inputs, float[] weights, double[] mean) {
        float[] offsets = new float[bits];
        for (int j = 0; j < bits; j++) {
            double dot = 0;
            for (int i = 0; i < inputs; i++) {
                dot += weights[j * inputs + i] * mean[i];
            }
            offsets[j] = (float) -dot;
        }
        return new SignProjection(bits, inputs, weights, offsets);
    }

    /** Sets the bits of {@code codes[codeOffset..]} from the features at {@code f[fOff .. fOff+inputs)}. */
    void project(float[] f, int fOff, long[] codes, int codeOffset) {
        int words = Codes.words(bits);
        for (int w = 0; w < words; w++) {
            codes[codeOffset + w] = 0L;
        }
        for (int j = 0; j < bits; j++) {
            int row = j * inputs;
            // float sums in four independent chains (PackedVectors.dot): one chain would wait out each add's latency
            double s = offsets[j] + PackedVectors.dot(weights, row, f, fOff, inputs);
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
