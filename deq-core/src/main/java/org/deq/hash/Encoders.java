package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The parameters a spec asks training for: those it gives and its method's defaults for the others (of the ones a
     * trained encoder's spec records), so that what training reduced can be told from what was asked.
     */
    public static Map<String, Integer> askedParams(String spec) {
        HashSpec parsed = HashSpec.parse(spec);
        Map<String, Integer> asked = new TreeMap<>(switch (parsed.method()) {
            case KernelLsh.METHOD -> Map.of("anchors", KernelLsh.DEFAULT_ANCHORS, "subset", KernelLsh.DEFAULT_SUBSET);
            case SupervisedKernelHashing.METHOD -> Map.of("anchors", SupervisedKernelHashing.DEFAULT_ANCHORS,
                    "samples", SupervisedKernelHashing.DEFAULT_SAMPLES);
            case DeepMetricHashing.METHOD -> Map.of("hidden", DeepMetricHashing.DEFAULT_HIDDEN,
                    "epochs", DeepMetricHashing.DEFAULT_EPOCHS);
            default -> Map.of();
        });
        asked.putAll(parsed.params());
        return asked;
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
            case IterativeQuantization.METHOD -> IterativeQuantization.read(spec, in);
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
