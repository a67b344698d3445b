package org.deq.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deq.spec.SpecTokens;

/**
 * The parameters of one descriptor in a spec, {@code name:key=value,key=value}, with checked accessors whose errors
 * name the descriptor and the key. A token without {@code =} continues the previous value, so lists read naturally:
 * {@code lbp:radii=1,2,3}.
 */
public final class SpecParams {

    private final String name;
    private final Map<String, String> values;
    /** Keys taken off by {@link #without} and read by the caller; still valid, so errors list them too. */
    private final Set<String> elsewhere;

    private SpecParams(String name, Map<String, String> values, Set<String> elsewhere) {
        this.name = name;
        this.values = values;
        this.elsewhere = elsewhere;
    }

    /** Parses the text after the colon (may be empty); {@code name} prefixes every error. */
    public static SpecParams parse(String name, String text) {
        return new SpecParams(name, SpecTokens.keyValues(name, text, true), Set.of());
    }

    /** Rejects keys not in {@code allowed}, naming the valid ones (with those {@link #without} took off). */
    public SpecParams only(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                Set<String> valid = new TreeSet<>(allowed);
                valid.addAll(elsewhere);
                throw new IllegalArgumentException(name + ": unknown parameter " + key + " (valid: "
                        + (valid.isEmpty() ? "none" : String.join(", ", valid)) + ")");
            }
        }
        return this;
    }

    /** The same parameters without {@code keys}, which the caller reads itself and errors still list as valid. */
    SpecParams without(Set<String> keys) {
        Map<String, String> rest = new LinkedHashMap<>(values);
        rest.keySet().removeAll(keys);
        Set<String> taken = new TreeSet<>(elsewhere);
        taken.addAll(keys);
        return new SpecParams(name, rest, Set.copyOf(taken));
    }

    /** True when the spec sets {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value of {@code key}, or {@code fallback}. */
    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The integer value of {@code key} in [min, max], or {@code fallback}. */
    public int integer(String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return checkedInt(key, v, min, max);
    }

    /** The numeric value of {@code key} in [min, max], or {@code fallback}. */
    public double real(String key, double fallback, double min, double max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        double d = number(key, v, v, "");
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " must be in [" + min + ", " + max + "]");
        }
        return d;
    }

    /**
     * The range {@code LO..HI} of {@code key} as {@code {LO, HI}}, where one number {@code HI} stands for {@code 0..HI};
     * both ends within ±{@code limit} and HI at least {@code minWidth} above LO; {@code {0, fallbackHigh}} when absent.
     */
    public double[] range(String key, double fallbackHigh, double minWidth, double limit) {
        String v = values.get(key);
        if (v == null) {
            return new double[] {0, fallbackHigh};
        }
        int dots = v.indexOf("..");
        String form = " (a number HI for 0..HI, or a range LO..HI)";
        if (v.contains("...")) { // -1...1 would read as -1..0.1
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " is not a range" + form);
        }
        double lo = dots < 0 ? 0 : number(key, v, v.substring(0, dots), form);
        double hi = number(key, v, dots < 0 ? v : v.substring(dots + 2), form);
        if (!(Math.abs(lo) <= limit && Math.abs(hi) <= limit)) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " must lie within [" + -limit + ", " + limit + "]");
        }
        if (!(hi - lo >= minWidth)) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " must have its high end above its low end"
                    + (dots < 0 ? ", 0," : "") + " by at least " + minWidth);
        }
        return new double[] {lo, hi};
    }

    /** One number of {@code key}'s value {@code v}; {@code form} tells what the value may be when it is none. */
    private double number(String key, String v, String text, String form) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " is not a number" + form);
        }
    }

    int[] integers(String key, int[] fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback.clone();
        }
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = checkedInt(key, parts[i].trim(), min, max);
        }
        return out;
    }

    String choice(String key, String fallback, List<String> allowed) {
        String v = values.getOrDefault(key, fallback);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " (valid: " + String.join(", ", allowed)
                    + ")");
        }
        return v;
    }

    private int checkedInt(String key, String v, int min, int max) {
        return SpecTokens.integer(name, key, v, min, max);
    }

    /** Joins ints as a spec list, {@code 1,2,3}. */
    static String join(int[] values) {
        List<String> s = new ArrayList<>(values.length);
        for (int v : values) {
            s.add(Integer.toString(v));
        }
        return String.join(",", s);
    }
}
