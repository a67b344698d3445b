package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;

/**
 * Entry point from text specs: {@code lsh:bits=64}, {@code itq:bits=64}, {@code klsh:bits=32,anchors=300,subset=30},
 * {@code ksh:bits=32,anchors=300,samples=1000}, {@code deep:bits=32,hidden=512,epochs=40}.
 */
public final class Encoders {

    private Encoders() {
    }

    /** The untrained encoder a spec names; bad spec → one-line IllegalArgumentException. */
    public static EncoderTrainer parse(String spec) {
        HashSpec parsed = HashSpec.parse(spec);
        return switch (parsed.method()) {
            case RandomHyperplaneLsh.METHOD -> RandomHyperplaneLsh.trainer(parsed);
            case IterativeQuantization.METHOD -> IterativeQuantization.trainer(parsed);
            case KernelLsh.METHOD -> KernelLsh.trainer(parsed);
            case SupervisedKernelHashing.METHOD -> SupervisedKernelHashing.trainer(parsed);
            case DeepMetricHashing.METHOD -> DeepMetricHashing.trainer(parsed);
            default -> throw unknown(parsed.method());
        };
    }

    /** Whether the method a spec names learns from labels (ksh, deep), so that training needs a labelled split. */
    public static boolean supervised(String spec) {
        String method = HashSpec.parse(spec).method();
        return method.equals(SupervisedKernelHashing.METHOD) || method.equals(DeepMetricHashing.METHOD);
    }

    /** Restores an encoder from its {@link BinaryEncoder#spec()} and the bytes its {@link BinaryEncoder#writeState} wrote. */
    public static BinaryEncoder read(String spec, DataInput in) throws IOException {
        HashSpec parsed = HashSpec.parse(spec);
        BinaryEncoder encoder = switch (parsed.method()) {
            case RandomHyperplaneLsh.METHOD -> RandomHyperplaneLsh.read(in);
            case IterativeQuantization.METHOD -> IterativeQuantization.read(in);
            case KernelLsh.METHOD, SupervisedKernelHashing.METHOD -> KernelHashEncoder.read(spec, in);
            case DeepMetricHashing.METHOD -> MlpHashEncoder.read(spec, in);
            default -> throw unknown(parsed.method());
        };
        if (encoder.bits() != parsed.bits()) {
            throw new IOException("encoder state has " + encoder.bits() + " bits but its spec '" + spec + "' says " + parsed.bits());
        }
        return encoder;
    }

    private static IllegalArgumentException unknown(String method) {
        return new IllegalArgumentException("unknown hash method '" + method + "' (known: "
                + RandomHyperplaneLsh.METHOD + ", " + IterativeQuantization.METHOD + ", " + KernelLsh.METHOD + ", " + SupervisedKernelHashing.METHOD
                + ", " + DeepMetricHashing.METHOD + ")");
    }
}
