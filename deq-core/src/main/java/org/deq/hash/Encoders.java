package org.deq.hash;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point from text specs: {@code lsh:bits=64}, {@code itq:bits=64}, {@code klsh:bits=32,anchors=300,subset=30},
 * {@code ksh:bits=32,anchors=300,samples=1000}, {@code deep:bits=32,hidden=512,epochs=40}.
 */
public final class Encoders {

    /** Every hash method, in the order help texts and error messages list them. */
    private static final List<EncoderKind> KINDS = List.of(
            new EncoderKind(RandomHyperplaneLsh.METHOD, RandomHyperplaneLsh::trainer,
                    (spec, in) -> RandomHyperplaneLsh.read(in), Map.of(), false),
            new EncoderKind(IterativeQuantization.METHOD, IterativeQuantization::trainer, IterativeQuantization::read,
                    Map.of(), false),
            new EncoderKind(KernelLsh.METHOD, KernelLsh::trainer, KernelHashEncoder::read,
                    Map.of("anchors", KernelLsh.DEFAULT_ANCHORS, "subset", KernelLsh.DEFAULT_SUBSET), false),
            new EncoderKind(SupervisedKernelHashing.METHOD, SupervisedKernelHashing::trainer, KernelHashEncoder::read,
                    Map.of("anchors", SupervisedKernelHashing.DEFAULT_ANCHORS,
                            "samples", SupervisedKernelHashing.DEFAULT_SAMPLES), true),
            new EncoderKind(DeepMetricHashing.METHOD, DeepMetricHashing::trainer, MlpHashEncoder::read,
                    Map.of("hidden", DeepMetricHashing.DEFAULT_HIDDEN, "epochs", DeepMetricHashing.DEFAULT_EPOCHS), true));

    private Encoders() {
    }

    /** The names of the hash methods, {@code supervised} ones (learning from labels) or the others. */
    public static List<String> methods(boolean supervised) {
        return KINDS.stream().filter(k -> k.supervised() == supervised).map(EncoderKind::method).toList();
    }

    /** The untrained encoder a spec names; bad spec → one-line IllegalArgumentException. */
    public static EncoderTrainer parse(String spec) {
        HashSpec parsed = HashSpec.parse(spec);
        return kind(parsed.method()).trainer().apply(parsed);
    }

    /**
     * The parameters a spec asks training for: those it gives and its method's defaults for the others (of the ones a
     * trained encoder's spec records), so that what training reduced can be told from what was asked.
     */
    public static Map<String, Integer> askedParams(String spec) {
        HashSpec parsed = HashSpec.parse(spec);
        Map<String, Integer> asked = new TreeMap<>(kind(parsed.method()).defaults());
        asked.putAll(parsed.params());
        return asked;
    }

    /** Whether the method a spec names learns from labels (ksh, deep), so that training needs a labelled split. */
    public static boolean supervised(String spec) {
        return kind(HashSpec.parse(spec).method()).supervised();
    }

    /** Restores an encoder from its {@link BinaryEncoder#spec()} and the bytes its {@link BinaryEncoder#writeState} wrote. */
    public static BinaryEncoder read(String spec, DataInput in) throws IOException {
        HashSpec parsed = HashSpec.parse(spec);
        BinaryEncoder encoder = kind(parsed.method()).reader().read(spec, in);
        if (encoder.bits() != parsed.bits()) {
            throw new IOException("encoder state has " + encoder.bits() + " bits but its spec '" + spec + "' says " + parsed.bits());
        }
        return encoder;
    }

    private static EncoderKind kind(String method) {
        for (EncoderKind k : KINDS) {
            if (k.method().equals(method)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown hash method '" + method + "' (known: "
                + String.join(", ", KINDS.stream().map(EncoderKind::method).toList()) + ")");
    }
}
