package org.deq.describe;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deq.raster.Patch;
import org.deq.spec.EnumNames;
import org.deq.vectors.Vectors;

/**
 * Descriptors concatenated, {@code a+b+c}: each part's vector is raised to its power (sign-preserving), normalised
 * (L1, L2 or not at all) and multiplied by its weight before it is appended.
 */
public final class Composite implements Descriptor {

    /** How a part's vector is normalised inside a composite. */
    public enum Norm { L1, L2, NONE }

    /**
     * One part of a composite.
     *
     * @param descriptor the part's own descriptor
     * @param power      exponent of the sign-preserving power transform (1 = none, 0.5 = square root)
     * @param norm       normalisation after the power transform
     * @param weight     factor applied last
     */
    public record Part(Descriptor descriptor, double power, Norm norm, double weight) {

        /** The part's spec: its descriptor's spec plus the modifiers that differ from the defaults. */
        public String spec() {
            List<String> mods = new ArrayList<>();
            if (power != 1.0) {
                mods.add("power=" + power);
            }
            if (norm != Norm.L1) {
                mods.add("norm=" + EnumNames.key(norm));
            }
            if (weight != 1.0) {
                mods.add("weight=" + weight);
            }
            String base = descriptor.spec();
            return mods.isEmpty() ? base : base + (base.contains(":") ? "," : ":") + String.join(",", mods);
        }

        /** Transforms one raw part vector and writes it into {@code out} at {@code at}. */
        void writeInto(float[] raw, float[] out, int at) {
            Vectors.power(raw, power);
            switch (norm) {
                case L1 -> Vectors.normaliseL1(raw, 0, raw.length);
                case L2 -> Vectors.normaliseL2(raw, 0, raw.length);
                case NONE -> { }
            }
            float w = (float) weight;
            for (int i = 0; i < raw.length; i++) {
                out[at + i] = raw[i] * w;
            }
        }
    }

    private final List<Part> parts;
    private final int dimension;

    /** A composite of the given parts, in order. */
    public Composite(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a composite descriptor needs at least one part");
        }
        this.parts = List.copyOf(parts);
        int d = 0;
        for (Part p : parts) {
            d += p.descriptor().dimension();
        }
        this.dimension = d;
    }

    /** The parts, in order (descriptor experiments cache each part's vectors). */
    List<Part> parts() {
        return parts;
    }

    /**
     * Combines raw part vectors (as each part's descriptor returned them, in part order) into the composite vector;
     * lets an evaluation reuse cached part vectors. The raw arrays are modified.
     */
    public float[] combine(float[][] rawParts) {
        float[] out = new float[dimension];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).writeInto(rawParts[i], out, at);
            at += rawParts[i].length;
        }
        return out;
    }

    @Override
    public String spec() {
        List<String> specs = new ArrayList<>();
        for (Part p : parts) {
            specs.add(p.spec());
        }
        return String.join("+", specs);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] describe(Patch patch) {
        float[][] raw = new float[parts.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = parts.get(i).descriptor().describe(patch);
        }
        return combine(raw);
    }

    @Override
    public boolean needsFit() {
        for (Part p : parts) {
            if (p.descriptor().needsFit()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Composite fit(List<Patch> sample, long seed) {
        List<Part> fitted = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            // Each part gets its own seed so that two trainable parts do not share random draws.
            fitted.add(new Part(p.descriptor().fit(sample, seed + i), p.power(), p.norm(), p.weight()));
        }
        return new Composite(fitted);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (Part p : parts) {
            p.descriptor().writeState(out);
        }
    }
}
