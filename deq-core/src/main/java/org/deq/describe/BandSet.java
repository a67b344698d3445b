package org.deq.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.deq.raster.Patch;
import org.deq.raster.S2Band;

/**
 * The bands a descriptor reads, by name: {@code rgb} (bands R,G,B, or Sentinel-2 B04,B03,B02), {@code s2} (the twelve
 * Sentinel-2 L2A bands), {@code s1} (Sentinel-1 VV and VH backscatter in dB) or an explicit list such as
 * {@code B02/B03/B04/B08}.
 *
 * @param spec     the text form, as given in a descriptor spec
 * @param channels the band names in output order (R, G, B stand for themselves or for B04, B03, B02)
 * @param low      the value that scales to 0 in generic GeoTIFF bands ({@code band1, band2, ...}), which the reader
 *                 scales to 0-1 of their sample type's range or leaves raw: 0 by default, −1 for an index such as NDWI
 * @param high     the value that scales to 1 in generic GeoTIFF bands: 1 by default, 0.15 for 16-bit reflectance × 10000
 */
public record BandSet(String spec, List<String> channels, float low, float high) {

    /** Red, green, blue: works for RGB scenes and Sentinel-2 patches. */
    public static final BandSet RGB = new BandSet("rgb", List.of("R", "G", "B"));

    /** Sentinel-1's two polarisations, as BigEarthNet and SSL4EO-S12 give them: backscatter in dB. */
    public static final BandSet S1 = new BandSet("s1", List.of("VV", "VH"));

    private static final String[] RGB_FALLBACK = {"B04", "B03", "B02"};
    /** The names other GeoTIFFs' bands get: band1, band2, ... */
    private static final Pattern GENERIC_BAND = Pattern.compile("band[1-9]\\d*");
    /**
     * The backscatter that maps to 0 and the span that maps to 1: −35 dB to +5 dB holds VH over calm water (about −25 dB
     * and below) to VV over built-up areas (0 dB and above), so a dB band is scaled like a reflectance.
     */
    private static final float DB_FLOOR = -35f;
    private static final float DB_SPAN = 40f;

    public BandSet {
        channels = List.copyOf(channels);
        if (!(high - low > 0) || !Float.isFinite(high - low)) {
            throw new IllegalArgumentException("span=" + low + ".." + high + " is empty: its low end must be below its high end");
        }
    }

    /** The bands at the default range of 0 to 1. */
    public BandSet(String spec, List<String> channels) {
        this(spec, channels, 0f, 1f);
    }

    /**
     * These bands with another range for generic GeoTIFF bands; refused when none of them is one, since the range
     * would change nothing.
     */
    public BandSet withRange(float newLow, float newHigh) {
        if (newLow == low && newHigh == high) {
            return this;
        }
        if (channels.stream().noneMatch(BandSet::isGenericBand)) {
            throw new IllegalArgumentException("span applies to the band1, band2, ... of generic GeoTIFFs, and bands=" + spec
                    + " names none (Sentinel and RGB bands have known ranges)");
        }
        return new BandSet(spec, channels, newLow, newHigh);
    }

    /**
     * The {@code bands=} (default {@code rgb}) and {@code span=} (default 1) parameters of a histogram descriptor's spec;
     * {@code span=HI} is the range 0..HI, {@code span=LO..HI} any other.
     */
    static BandSet of(SpecParams p) {
        double[] range = p.range("span", 1, 1e-6, 1e6);
        return parse(p.string("bands", "rgb")).withRange((float) range[0], (float) range[1]);
    }

    /** {@code ",span=HI"} or {@code ",span=LO..HI"} for a spec when the range is not the default 0..1, else empty. */
    String spanParam() {
        if (low == 0f) { // the one-number form, which specs stored before ranges existed hold
            return high == 1f ? "" : ",span=" + high;
        }
        return ",span=" + low + ".." + high;
    }

    private static boolean isGenericBand(String name) {
        return GENERIC_BAND.matcher(name).matches();
    }

    /** Parses {@code rgb}, {@code s2}, {@code s1} or a {@code /}-separated list of band names. */
    public static BandSet parse(String text) {
        if (text.equals("rgb")) {
            return RGB;
        }
        if (text.equals("s1")) {
            return S1;
        }
        if (text.equals("s2")) {
            List<String> names = new ArrayList<>();
            for (S2Band b : S2Band.values()) {
                names.add(b.name());
            }
            return new BandSet("s2", names);
        }
        List<String> names = List.of(text.split("/", -1));
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.isBlank()) {
                throw new IllegalArgumentException("bands=" + text + ": expected rgb, s2, s1 or names like B02/B03/B04");
            }
            if (!isBandName(n)) { // a typo would otherwise pass here and blame every patch for lacking it
                throw new IllegalArgumentException("bands=" + text + ": unknown band " + n + " (bands are named B01 to B12 and"
                        + " B8A, R, G, B, VV, VH, or band1, band2, ... in other GeoTIFFs)");
            }
            if (names.indexOf(n) < i) {
                throw new IllegalArgumentException("bands=" + text + ": band " + n + " is given twice");
            }
        }
        return new BandSet(text, names);
    }

    /** A band name some reader gives: Sentinel-2's (EuroSAT's B10 too), R, G, B, VV, VH, or bandN of other GeoTIFFs. */
    private static boolean isBandName(String name) {
        return name.matches("B(0[1-9]|1[0-2]|8A)|[RGB]|VV|VH|band[1-9]\\d*");
    }

    /** Number of channels. */
    public int size() {
        return channels.size();
    }

    /** True when the set names the band (R, G, B count as B04, B03, B02). */
    public boolean covers(String band) {
        for (String c : channels) {
            if (c.equals(band) || c.equals(rgbName(band))) {
                return true;
            }
        }
        return false;
    }

    /** The patch's rasters for each channel, in order; an IllegalArgumentException names a missing band. */
    public float[][] resolve(Patch patch) {
        float[][] out = new float[channels.size()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = bandOrRgbFallback(patch, channels.get(c));
        }
        return out;
    }

    /**
     * The span of values that stands for "full scale" in each resolved channel (1 for 8-bit RGB, lower for reflectance,
     * 40 dB for backscatter, high − low for generic bands): a channel scales to 0-1 as (value − {@link #floors floor}) / span.
     */
    public float[] fullScales(Patch patch) {
        float[] out = new float[channels.size()];
        for (int c = 0; c < out.length; c++) {
            String name = resolvedName(patch, channels.get(c));
            out[c] = isGenericBand(name) ? high - low : fullScale(name);
        }
        return out;
    }

    /** The value that scales to 0 in each resolved channel: 0, but −35 dB for Sentinel-1 backscatter, low for generic bands. */
    public float[] floors(Patch patch) {
        float[] out = new float[channels.size()];
        for (int c = 0; c < out.length; c++) {
            String name = resolvedName(patch, channels.get(c));
            out[c] = isBackscatter(name) ? DB_FLOOR : isGenericBand(name) ? low : 0f;
        }
        return out;
    }

    private static String resolvedName(Patch patch, String name) {
        return patch.hasBand(name) ? name : fallbackName(name);
    }

    private static boolean isBackscatter(String band) {
        return band.equals("VV") || band.equals("VH");
    }

    /** The named band, or for R/G/B the matching Sentinel-2 band; IllegalArgumentException when absent. */
    static float[] bandOrRgbFallback(Patch patch, String name) {
        float[] band = patch.band(name);
        if (band == null) {
            band = patch.band(fallbackName(name));
        }
        if (band == null) {
            throw new IllegalArgumentException("patch " + patch.meta().id() + " has no band " + name
                    + " (bands: " + String.join(",", patch.bandNames()) + ")" + missingBandHint(name, patch.bandNames()));
        }
        return band;
    }

    /** What kind of example has the band: the descriptor reads one kind of data, which another kind cannot stand in for. */
    private static String missingBandHint(String name, List<String> held) {
        if (isBackscatter(name)) {
            return ": the descriptor reads Sentinel-1 backscatter; use Sentinel-1 data (a patch folder, or VV and VH in dB in"
                    + " one GeoTIFF: two unnamed floating-point bands are read as VV, VH only when they hold dB)";
        }
        if (name.equals("B10")) {
            return ": B10 (cirrus) is in Level-1C products only, such as EuroSAT's 13-band files; Level-2A data has no B10";
        }
        List<String> s2Held = held.stream().filter(b -> b.matches("B\\d[\\dA]")).toList();
        if (name.matches("B\\d[\\dA]") && !s2Held.isEmpty()) {
            // Sentinel-2 data of fewer bands (deq sharpen's ten): a descriptor of the bands it holds describes it
            return ": the patch holds Sentinel-2 bands, not all the descriptor reads (give one holding them all); to search"
                    + " among patches like it, index them into their own --out with a descriptor of their bands, e.g."
                    + " --descriptor spectral-hist:bands=" + String.join("/", s2Held);
        }
        if (name.matches("B\\d[\\dA]")) {
            // an upload is one file: a patch folder's band files must be stacked into one first
            return ": the descriptor reads Sentinel-2 bands; use Sentinel-2 data (a patch folder, or a 12- or 13-band GeoTIFF:"
                    + " gdal_merge.py -separate stacks a folder's band files into one, in the order B01-B08, B8A, B09, B11, B12;"
                    + " for a Level-1C folder then gdal_edit.py -mo PROCESSING_LEVEL=Level-1C FILE)";
        }
        if (name.equals("R") || name.equals("G") || name.equals("B")) {
            // a floating-point or multi-band GeoTIFF is read as data bands, never as a picture's colours
            return ": the descriptor reads a picture's colours; use a picture (PNG, JPEG, or a TIFF of 8-bit RGB or grey, alpha"
                    + " or not: a TIFF of more bits is read as data bands, gdal_translate -ot Byte -scale makes it one), or"
                    + " index this data into its own --out with a descriptor of its bands (deq index --list-descriptors)";
        }
        return "";
    }

    /**
     * Reflectance that maps to full brightness: 8-bit RGB is already 0-1; visible Sentinel-2 reflectance rarely
     * exceeds 0.3 (the usual true-colour stretch), red-edge, NIR and SWIR 0.6; backscatter spans 40 dB.
     */
    static float fullScale(String band) {
        return switch (band) {
            case "B01", "B02", "B03", "B04" -> S2Band.VISIBLE_FULL_SCALE;
            case "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12" -> S2Band.INFRARED_FULL_SCALE;
            case "VV", "VH" -> DB_SPAN;
            default -> 1f;
        };
    }

    private static String fallbackName(String name) {
        return switch (name) {
            case "R" -> RGB_FALLBACK[0];
            case "G" -> RGB_FALLBACK[1];
            case "B" -> RGB_FALLBACK[2];
            default -> name;
        };
    }

    private static String rgbName(String band) {
        return switch (band) {
            case "B04" -> "R";
            case "B03" -> "G";
            case "B02" -> "B";
            default -> band;
        };
    }
}
