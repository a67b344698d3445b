package org.deq.index;

import java.util.Locale;
import java.util.Map;
import org.deq.spec.SpecTokens;

/**
 * How an index store is searched, parsed from a CLI spec: {@code flat} (exact float scan), {@code hamming} (popcount
 * scan of the codes), {@code mih} (multi-index hashing, exact in Hamming space), {@code table[:radius=R]} (hash-table
 * lookup within a probe radius), {@code two-stage[:candidates=N]} (Hamming candidates re-ranked exactly) or
 * {@code multi-code} (multi-code hashing of the regions of a region descriptor, with the model stored in the index).
 *
 * @param kind       the method
 * @param candidates Hamming candidates re-ranked by {@link Kind#TWO_STAGE}
 * @param radius     probe radius of {@link Kind#TABLE}
 */
public record SearchMethod(Kind kind, int candidates, int radius) {

    /** Default number of candidates re-ranked by two-stage search: recall@10 0.93 at 590k with 64-bit LSH (docs/hashing.md). */
    public static final int DEFAULT_CANDIDATES = 500;
    /** Default probe radius of hash-table lookup. */
    public static final int DEFAULT_RADIUS = 2;

    /** The search methods. */
    public enum Kind {
        /** Exact scan over the float descriptors. */
        FLAT,
        /** Exhaustive popcount scan over the codes. */
        HAMMING,
        /** Multi-index hashing: the exact Hamming k nearest, sub-linear. */
        MIH,
        /** Hash-table lookup within a probe radius (codes of at most 64 bits). */
        TABLE,
        /** Hamming candidates (by popcount scan), then exact re-rank by descriptor distance. */
        TWO_STAGE,
        /** Multi-code hashing: one code per primitive cluster of an image's regions, multi-code matching distance. */
        MULTI_CODE
    }

    public SearchMethod {
        if (kind == null) {
            throw new IllegalArgumentException("search method is missing");
        }
        checkRange(candidates, radius, kind == Kind.TABLE ? "table" : "two-stage");
    }

    /** Refuses a parameter out of range; {@code name} is how the message names the method (the user's spec when parsed). */
    private static void checkRange(int candidates, int radius, String name) {
        if (candidates < 1) {
            throw new IllegalArgumentException("search method " + name + ": candidates must be at least 1, got " + candidates);
        }
        if (radius < 0) {
            throw new IllegalArgumentException("search method " + name + ": radius must be at least 0, got " + radius);
        }
    }

    /** A method with default parameters. */
    public static SearchMethod of(Kind kind) {
        return new SearchMethod(kind, DEFAULT_CANDIDATES, DEFAULT_RADIUS);
    }

    /** Whether results are ranked by distances between codes (Hamming, multi-code), which tie in runs. */
    public boolean ranksByCodes() {
        return kind == Kind.HAMMING || kind == Kind.MIH || kind == Kind.TABLE || kind == Kind.MULTI_CODE;
    }

    /** Parses {@code flat|hamming|mih|table[:radius=R]|two-stage[:candidates=N]|multi-code}; bad spec → one-line IllegalArgumentException. */
    public static SearchMethod parse(String spec) {
        String usage = "; expected flat, hamming, mih, table[:radius=R], two-stage[:candidates=N] or multi-code";
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty search method" + usage);
        }
        String s = spec.strip().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Kind kind = switch (name) {
            case "flat" -> Kind.FLAT;
            case "hamming" -> Kind.HAMMING;
            case "mih" -> Kind.MIH;
            case "table" -> Kind.TABLE;
            case "two-stage" -> Kind.TWO_STAGE;
            case "multi-code" -> Kind.MULTI_CODE;
            default -> throw new IllegalArgumentException("unknown search method '" + spec + "'" + usage);
        };
        int candidates = DEFAULT_CANDIDATES;
        int radius = DEFAULT_RADIUS;
        String what = "search method '" + spec + "'";
        for (Map.Entry<String, String> kv : SpecTokens.keyValues(what, SpecTokens.afterColon(what, s), false).entrySet()) {
            String key = kv.getKey();
            if (!((kind == Kind.TWO_STAGE && key.equals("candidates")) || (kind == Kind.TABLE && key.equals("radius")))) {
                throw new IllegalArgumentException(what + ": unexpected parameter '" + key + "'" + usage);
            }
            int value = SpecTokens.integer(what, key, kv.getValue(), Integer.MIN_VALUE, Integer.MAX_VALUE); // checkRange says more
            if (key.equals("candidates")) {
                candidates = value;
            } else {
                radius = value;
            }
        }
        checkRange(candidates, radius, "'" + spec + "'");
        return new SearchMethod(kind, candidates, radius);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLAT -> "flat";
            case HAMMING -> "hamming";
            case MIH -> "mih";
            case TABLE -> "table:radius=" + radius;
            case TWO_STAGE -> "two-stage:candidates=" + candidates;
            case MULTI_CODE -> "multi-code";
        };
    }

    /**
     * Refuses a {@code --distance} (non-null) given with a method that ranks by codes, where it would change nothing:
     * flat and two-stage rank descriptors by it.
     */
    public void checkDistance(String distance) {
        if (distance != null && kind != Kind.FLAT && kind != Kind.TWO_STAGE) {
            throw new IllegalArgumentException("--distance ranks descriptors; --search " + this + " ranks by codes (use it with"
                    + " flat or two-stage)");
        }
    }
}
