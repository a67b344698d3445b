package org.deq.hash;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Length-prefixed float arrays for encoder state. */
final class StateIo {

    /** Guards against reading a corrupt length as a huge allocation. */
    private static final int MAX_FLOATS = 1 << 28;

    private StateIo() {
    }

    static void writeFloats(DataOutput out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FLOATS) {
            throw new IOException("corrupt encoder state: array length " + n);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
