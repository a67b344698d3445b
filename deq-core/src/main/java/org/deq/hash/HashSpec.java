package org.deq.hash;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deq.spec.SpecTokens;

/**
 * A parsed encoder spec such as {@code ksh:bits=32,anchors=300,samples=1000}: a method name and integer parameters.
 */
public record HashSpec(String method, Map<String, Integer> params) {

    /** Shortest supported code. */
    public static final int MIN_BITS = 16;

    /** Longest supported code. */
    public static final int MAX_BITS = 256;

    /** Freezes the parameters. */
    public HashSpec {
        params = Map.copyOf(params);
    }

    /** Parses {@code method[:key=value[,key=value...]]}; bad syntax → one-line IllegalArgumentException. */
    public static HashSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty hash spec; expected e.g. lsh:bits=64");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String method = (colon < 0 ? s : s.substring(0, colon)).strip();
        String what = "hash spec '" + spec + "'";
        Map<String, Integer> params = new LinkedHashMap<>();
        SpecTokens.keyValues(what, SpecTokens.afterColon(what, s), false)
                .forEach((key, value) -> params.put(key, SpecTokens.integer(what, key, value, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        return new HashSpec(method, params);
    }

    /** Rejects parameters outside {@code allowed}, so typos do not pass silently. */
    HashSpec requireKeys(Set<String> allowed) {
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("hash spec '" + this + "': unknown parameter '" + key + "' (allowed: " + allowed + ")");
            }
        }
        return this;
    }

    /** Code length, required, within [{@value #MIN_BITS}, {@value #MAX_BITS}]. */
    int bits() {
        Integer bits = params.get("bits");
        if (bits == null) {
            throw new IllegalArgumentException("hash spec '" + this + "': missing bits=N");
        }
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("hash spec '" + this + "': bits must be in " + MIN_BITS + ".." + MAX_BITS + ", got " + bits);
        }
        return bits;
    }

    /** An optional positive parameter. */
    int positive(String key, int defaultValue) {
        int v = params.getOrDefault(key, defaultValue);
        if (v <= 0) {
            throw new IllegalArgumentException("hash spec '" + this + "': " + key + " must be positive, got " + v);
        }
        return v;
    }

    /** An optional positive parameter of at most {@code max}, checked before any training work. */
    int positive(String key, int defaultValue, int max) {
        int v = positive(key, defaultValue);
        if (v > max) {
            throw new IllegalArgumentException("hash spec '" + this + "': " + key + " must be at most " + max + ", got " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(method);
        char sep = ':';
        for (Map.Entry<String, Integer> e : new TreeMap<>(params).entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ',';
        }
        return b.toString();
    }
}
