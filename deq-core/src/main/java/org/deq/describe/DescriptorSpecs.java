package org.deq.describe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.deq.raster.Patch;
import org.deq.spec.SpecTokens;

/**
 * Text specs of descriptors: {@code name[:key=value,...]} parts joined by {@code +}.
 *
 * <p>Every part also takes three composition modifiers: {@code power=} (sign-preserving power, e.g. 0.5 for a
 * Hellinger-like square root), {@code norm=l1|l2|none} (default l1) and {@code weight=} (default 1). A single part
 * without modifiers is the bare descriptor; anything else is a {@link Composite}. Example:
 * {@code hsv-hist:h=16,s=8,v=8,power=0.5+lbp:radii=1,2,3,weight=0.5}. Other modules add kinds through
 * {@link DescriptorProvider}.
 */
public final class DescriptorSpecs {

    /**
     * Best hand-crafted spec measured on UC Merced (all 2100 images as queries, k = 20, exact k-NN with L1 distance):
     * label recall@20 0.783, label precision@20 0.746, single-label mAP@20 0.826. Needs fit (SIFT codebook).
     */
    public static final String BEST = "hsv-hist:h=16,s=8,v=8,power=0.5+lbp:radii=1,2,3,power=0.5,weight=1.5"
            + "+sift-bovw:k=512,step=8,pyramid=1,power=0.5";

    /** Best spec without a fit step, same protocol with L1: label recall@20 0.770, precision 0.730, mAP@20 0.807. */
    public static final String BEST_UNFITTED = "hsv-hist:h=16,s=8,v=8,power=0.5+lbp:radii=1,2,3,power=0.5,weight=1.5";

    /** deq's default for Sentinel-2 patches: spectral histograms and statistics of the 12 bands, LBP texture. */
    public static final String DEFAULT_S2 = "spectral-hist:bins=16,bands=s2,power=0.5+stats:bands=s2+lbp:power=0.5";

    /**
     * deq's default for Sentinel-1 patches: histograms (1.25 dB bins) and statistics of VV and VH with their
     * cross-polarisation ratio, and LBP texture of both (speckle and structure).
     */
    public static final String DEFAULT_S1 = "spectral-hist:bins=32,bands=s1,power=0.5+stats:bands=s1+lbp:channels=s1,power=0.5";

    private static final Set<String> MODIFIERS = Set.of("power", "norm", "weight");

    /** A descriptor kind of this module: its name, help line, how to build it, how to restore its fitted state. */
    private record BuiltIn(String name, String help, Function<SpecParams, Descriptor> factory, Reader reader)
            implements DescriptorProvider {

        @Override
        public Descriptor create(SpecParams params) {
            return factory.apply(params);
        }

        @Override
        public Descriptor read(SpecParams params, DataInput in) throws IOException {
            return reader.read(params, in);
        }
    }

    @FunctionalInterface
    private interface Reader {
        Descriptor read(SpecParams params, DataInput in) throws IOException;
    }

    /** Every kind by name: this module's, then those of other modules' {@link DescriptorProvider}s. */
    private static final Map<String, DescriptorProvider> KINDS = new LinkedHashMap<>();

    static {
        unfitted("spectral-hist", "bins=16, bands=rgb|s2|s1|B02/B03/..|band1/band2/.., span=1 (generic bands' range:"
                + " HI for 0..HI, or LO..HI such as -1..1)  global per-band histograms",
                SpectralHistogram::of);
        unfitted("local-hist", "grid=4, bins=8, bands=rgb, span=1 (HI or LO..HI)  per-band histograms in each grid cell"
                + " (also per region)", LocalHistogram::of);
        unfitted("stats", "bands=rgb  band mean/std; NDVI, NDWI, NDBI (GRVI for rgb, VH/VV for s1) mean/std/quantiles",
                SpectralStats::of);
        unfitted("hsv-hist", "h=8, s=4, v=4  joint HSV colour histogram of the true-colour image", HsvHistogram::of);
        unfitted("lbp", "radii=1,2,3, grid=1, channels=lum|rgb|opponent|s1  uniform rotation-invariant LBP, P=8r",
                LbpTexture::of);
        add(new BuiltIn("sift-bovw", "k=512, step=8, pyramid=0, scales=4  dense SIFT bag of words (needs fit)",
                SiftBovw::of, SiftBovw::read));
        for (DescriptorProvider p : ServiceLoader.load(DescriptorProvider.class)) {
            add(p);
        }
    }

    private DescriptorSpecs() {
    }

    /** A kind without fitted state: restoring it is building it. */
    private static void unfitted(String name, String help, Function<SpecParams, Descriptor> factory) {
        add(new BuiltIn(name, help, factory, (params, in) -> factory.apply(params)));
    }

    /**
     * Why the kinds cannot be used: two of them claim one name (a plugin's mistake, or a renamed provider's stale jar
     * left on the class path); null when they can. Told by every use of the spec language, as one error line, rather
     * than one of the two kinds silently lost or a class that fails to initialise.
     */
    private static String clash;

    private static void add(DescriptorProvider kind) {
        DescriptorProvider before = KINDS.putIfAbsent(kind.name(), kind);
        if (before != null && clash == null) {
            clash = "descriptor kind '" + kind.name() + "' of " + kind.getClass().getName() + " is already the name of "
                    + before.getClass().getName() + "; remove one of them from the class path";
        }
    }

    /** The kinds, once they are known not to clash. */
    private static Map<String, DescriptorProvider> kinds() {
        if (clash != null) {
            throw new IllegalStateException(clash);
        }
        return KINDS;
    }

    /**
     * The default spec for an archive whose first readable patch is {@code first}: {@link #DEFAULT_S2} when it has B08,
     * {@link #DEFAULT_S1} when it has VV and VH, else the colour-and-texture {@link #BEST_UNFITTED}.
     */
    public static String defaultFor(Patch first) {
        if (first.hasBand("B08")) {
            return DEFAULT_S2;
        }
        return first.hasBand("VV") && first.hasBand("VH") ? DEFAULT_S1 : BEST_UNFITTED;
    }

    /**
     * Whether a spec names a descriptor of regions ({@link RegionDescriptor}, which multi-code hashing takes the regions
     * of), decided without restoring any state: only this module's kinds are parsed, no other module's (a {@code cnn}
     * part would load its model).
     */
    public static boolean describesRegions(String spec) {
        for (String part : spec.split("\\+", -1)) {
            if (!(kinds().get(kindName(part)) instanceof BuiltIn)) {
                return false;
            }
        }
        try {
            return parse(spec) instanceof RegionDescriptor;
        } catch (IllegalArgumentException e) { // a spec this version cannot build describes no regions here
            return false;
        }
    }

    /** Builds the (unfitted) descriptor a spec names; IllegalArgumentException on unknown names or bad parameters. */
    public static Descriptor parse(String spec) {
        try {
            return build(spec, null);
        } catch (IOException e) {
            throw new IllegalStateException("no state is read while parsing", e);
        }
    }

    /**
     * Builds the descriptor a spec names with its fitted {@code state}, the bytes {@link #state} gives; a state that ends
     * too soon is a one-line IOException naming the spec.
     */
    public static Descriptor restore(String spec, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            return build(spec, in);
        } catch (EOFException e) { // otherwise a bare EOFException, which names neither the spec nor what is wrong
            throw new IOException("descriptor state of " + spec + " is missing or truncated", e);
        }
    }

    /** The fitted state of a descriptor, as {@link Descriptor#writeState} writes it and {@link #restore} reads it. */
    public static byte[] state(Descriptor descriptor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            descriptor.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Whether every part of a spec names a descriptor kind known here; false for names of vectors described outside deq
     * (or of a kind whose module is not on the class path), which can then be neither built nor checked.
     */
    public static boolean knows(String spec) {
        String[] parts = spec.split("\\+", -1);
        return knownParts(parts) == parts.length;
    }

    /**
     * Whether some but not all parts of a spec name a descriptor kind known here: a typo in a part ({@code
     * hsv-hist+lpb}) rather than the name of vectors described outside deq; also a part of a module not on the class
     * path ({@code hsv-hist+cnn} without deq-deep), whose index could not be ingested here either.
     */
    public static boolean knowsOnlySome(String spec) {
        String[] parts = spec.split("\\+", -1);
        int known = knownParts(parts);
        return known > 0 && known < parts.length;
    }

    private static int knownParts(String[] parts) {
        int known = 0;
        for (String part : parts) {
            if (kinds().containsKey(kindName(part))) {
                known++;
            }
        }
        return known;
    }

    /** Whether some part of {@code spec} is of descriptor kind {@code kind}, known here or not (a {@code cnn} without deq-deep). */
    public static boolean hasPartOfKind(String spec, String kind) {
        for (String part : spec.split("\\+", -1)) {
            if (kindName(part).equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code spec} reads Sentinel-2 bands by their names ({@code bands=s2}, {@code bands=B02/...}). */
    public static boolean readsSentinel2Bands(String spec) {
        return spec.matches(".*(bands=s2|B\\d).*");
    }

    /**
     * Whether {@code spec} reads colour only: red, green and blue (the default {@code bands=rgb}), no Sentinel-2 band by
     * name and no Sentinel-1 channel.
     */
    public static boolean readsColourOnly(String spec) {
        return !spec.matches(".*(bands=(?!rgb\\b)|channels=s1).*");
    }

    /** The kind a spec part names: what precedes its ':' (all of it without one), without blanks. */
    private static String kindName(String part) {
        int colon = part.indexOf(':');
        return (colon < 0 ? part : part.substring(0, colon)).trim();
    }

    /** One line per descriptor with its parameters and defaults, plus the composition syntax. */
    public static String help() {
        StringBuilder sb = new StringBuilder("Descriptors (join parts with +):\n");
        for (DescriptorProvider kind : kinds().values()) {
            sb.append(String.format(Locale.ROOT, "  %-14s %s%n", kind.name(), kind.help()));
        }
        sb.append("Every part also takes power=P (sign-preserving x^P), norm=l1|l2|none (default l1), weight=W.\n");
        sb.append("Example: hsv-hist:h=16,s=8,v=8,power=0.5+lbp:radii=1,2,3,weight=0.5\n");
        return sb.toString();
    }

    /** Names of all descriptors. */
    public static List<String> names() {
        return List.copyOf(kinds().keySet());
    }

    private static Descriptor build(String spec, DataInput in) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty descriptor spec (valid: " + String.join(", ", kinds().keySet())
                    + ")");
        }
        List<Composite.Part> parts = new ArrayList<>();
        boolean modified = false;
        String[] texts = spec.split("\\+", -1); // -1 keeps empty trailing parts so "hsv-hist+" is caught
        for (int i = 0; i < texts.length; i++) {
            String t = texts[i].trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("descriptor spec '" + spec + "': empty part "
                        + (i == 0 ? "before" : "after") + " '+'");
            }
            int colon = t.indexOf(':');
            String name = colon < 0 ? t : t.substring(0, colon).trim();
            DescriptorProvider kind = kinds().get(name);
            if (kind == null) {
                throw new IllegalArgumentException("unknown descriptor '" + name + "' (valid: "
                        + String.join(", ", kinds().keySet()) + ")");
            }
            SpecParams params = SpecParams.parse(name, SpecTokens.afterColon(name, t));
            SpecParams own = params.without(MODIFIERS);
            Descriptor d = in == null ? kind.create(own) : kind.read(own, in);
            double power = params.real("power", 1.0, 0.01, 10);
            Composite.Norm norm = Composite.Norm.valueOf(
                    params.choice("norm", "l1", List.of("l1", "l2", "none")).toUpperCase(Locale.ROOT));
            double weight = params.real("weight", 1.0, -Double.MAX_VALUE, Double.MAX_VALUE);
            if (!(weight > 0 && weight <= 1e6)) { // a zero weight would silently drop the part from every distance
                throw new IllegalArgumentException(name + ": weight=" + params.string("weight", "") + " must be in (0, 1000000]");
            }
            modified |= params.has("power") || params.has("norm") || params.has("weight");
            parts.add(new Composite.Part(d, power, norm, weight));
        }
        return parts.size() == 1 && !modified ? parts.get(0).descriptor() : new Composite(parts);
    }
}
