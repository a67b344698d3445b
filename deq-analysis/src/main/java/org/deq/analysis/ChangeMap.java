package org.deq.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deq.archive.Archives;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.BandScale;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.Png;
import org.deq.raster.S2Band;
import org.deq.raster.TrueColor;

/**
 * Which pixels changed between two dates of the same place: change vector analysis (CVA; Malila 1980, Bruzzone &
 * Prieto, TGRS 2000). The length of each pixel's difference vector over the bands is thresholded by Otsu's method, but
 * never below {@code minMagnitude}: Otsu always splits a histogram in two, so without a floor a pair without change
 * (or with only seasonal change) would be cut into two classes of noise. Centring the differences on their median, to
 * remove a global shift, was tried and dropped: where the change covers most of the patch the median is the change.
 *
 * @param width     pixels per row
 * @param height    rows
 * @param magnitude length of each pixel's change vector (reflectance; NaN where a date has no value)
 * @param changed   whether each pixel changed
 * @param threshold the magnitude above which a pixel counts as changed
 */
public record ChangeMap(int width, int height, float[] magnitude, boolean[] changed, float threshold) {

    /**
     * Change of reflectance (length over the bands) below which no pixel counts as changed, whatever Otsu finds: the
     * default of {@code deq change-map}, chosen on synthetic pairs (README).
     */
    public static final float MIN_MAGNITUDE = 0.1f;

    private static final int BINS = 256;

    /**
     * Refuses a pair of patch folders or files the change vector cannot compare (for the CLI and the server alike): one
     * folder or file twice, or a Level-1C date (top-of-atmosphere reflectance) against a Level-2A one (surface
     * reflectance), whose difference is mostly the atmosphere.
     */
    public static void checkPair(Path before, Path after) throws IOException {
        if (Files.exists(before) && Files.exists(after) && Files.isSameFile(before, after)) {
            checkTwoDates(Files.isDirectory(before) ? "folder" : "file", before.toString(), before.toString());
        }
        boolean l1cBefore = Archives.isLevel1C(before);
        if (l1cBefore != Archives.isLevel1C(after)) {
            throw new IllegalArgumentException((l1cBefore ? before : after) + " is a Level-1C product (top-of-atmosphere"
                    + " reflectance) and " + (l1cBefore ? after : before) + " a Level-2A one (surface reflectance); compare two"
                    + " dates of the same processing level");
        }
    }

    /**
     * Refuses one date given as both sides, named alike ({@code kind}: patch, folder or file): its map would be all
     * unchanged. The server checks stored ids with it, {@link #checkPair} paths.
     */
    public static void checkTwoDates(String kind, String before, String after) {
        if (before.equals(after)) {
            throw new IllegalArgumentException("before and after are the same " + kind + " " + before + "; give two dates");
        }
    }

    /**
     * A note on the dates of which at least 1 % of the pixels look like cloud ({@link CloudLikePixels}): the change
     * vector cannot tell a cloud or its shadow from a change of the ground, and a cloud's large change raises Otsu's
     * threshold above the ground's changes.
     */
    public static List<String> cloudNotes(SharpenedPatch before, SharpenedPatch after) {
        List<String> cloudy = new ArrayList<>();
        SharpenedPatch[] dates = {before, after};
        for (int d = 0; d < dates.length; d++) {
            double share = cloudLikeShare(dates[d]);
            if (share >= CloudLikePixels.NOTE_SHARE) {
                cloudy.add(String.format(Locale.ROOT, "%.1f %% of the %s date's pixels", 100 * share, d == 0 ? "before" : "after"));
            }
        }
        // both dates cloudy: one note, its explanation said once
        return cloudy.isEmpty() ? List.of() : new ArrayList<>(List.of(String.join(" and ", cloudy) + " look like cloud"
                + " (" + CloudLikePixels.TEST + "): clouds and their shadows read as change, and a cloud's large"
                + " change raises the threshold above smaller changes of the ground"));
    }

    /** The share of the patch's pixels with data (not NaN) that look like cloud. */
    static double cloudLikeShare(SharpenedPatch patch) {
        float[][] b = patch.bands();
        return CloudLikePixels.share(b[SharpenedPatch.BANDS.indexOf(S2Band.B02)], b[SharpenedPatch.BANDS.indexOf(S2Band.B03)],
                b[SharpenedPatch.BANDS.indexOf(S2Band.B04)], b[SharpenedPatch.BANDS.indexOf(S2Band.B11)]);
    }

    /**
     * The change map of two dates of one patch, both sharpened onto their 10 m grid; two dates on different grids are
     * refused (a change map of misregistered images maps the misregistration), and so are two of the same pixels (a copy
     * of one date: its map would be all unchanged), as deq change refuses two images alike.
     */
    public static ChangeMap between(SharpenedPatch before, SharpenedPatch after, float minMagnitude) {
        GeoRef a = before.geo();
        GeoRef b = after.geo();
        boolean same = before.width() == after.width() && before.height() == after.height()
                && (a == null ? b == null : b != null && a.sameGrid(b));
        if (!same) {
            throw new IllegalArgumentException("the two dates are on different grids (before: " + grid(before.width(), before.height(), a)
                    + "; after: " + grid(after.width(), after.height(), b) + "): they must cover the same pixels");
        }
        // two windows wholly outside the swath are alike too, but they are no copy: their map says they are no data
        if (Arrays.deepEquals(before.bands(), after.bands()) && holdsData(before.bands())) {
            throw new IllegalArgumentException("the two dates have the same pixels in all " + before.bands().length
                    + " bands (one date copied?); give two dates");
        }
        return detect(before.bands(), after.bands(), before.width(), before.height(), minMagnitude);
    }

    /** Whether some band has a value other than 0 and NaN, the values of no data. */
    private static boolean holdsData(float[][] bands) {
        for (float[] band : bands) {
            for (float v : band) {
                if (v != 0f && !Float.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String grid(int w, int h, GeoRef g) {
        return g == null ? w + "x" + h + " without georeferencing" : String.format(Locale.ROOT,
                "%dx%d from (%.6f, %.6f) by %.6g in EPSG:%d", w, h, g.originX(), g.originY(), g.pixelWidth(), g.epsg());
    }

    /** The change map of two co-registered images of {@code w x h} pixels with the same bands (reflectance). */
    public static ChangeMap detect(float[][] before, float[][] after, int w, int h, float minMagnitude) {
        if (before.length != after.length || before.length == 0) {
            throw new IllegalArgumentException("the two dates have " + before.length + " and " + after.length + " bands");
        }
        int n = w * h;
        float[] magnitude = new float[n];
        for (int b = 0; b < before.length; b++) {
            if (before[b].length != n || after[b].length != n) {
                throw new IllegalArgumentException("band " + b + " is not " + w + "x" + h + " on both dates");
            }
            for (int i = 0; i < n; i++) {
                float d = after[b][i] - before[b][i];
                magnitude[i] += d * d;
            }
        }
        for (int i = 0; i < n; i++) {
            magnitude[i] = (float) Math.sqrt(magnitude[i]);
        }
        float threshold = Math.max(otsu(magnitude), minMagnitude);
        boolean[] changed = new boolean[n];
        for (int i = 0; i < n; i++) {
            changed[i] = magnitude[i] > threshold; // false for NaN: a pixel without data is not a change
        }
        return new ChangeMap(w, h, magnitude, changed, threshold);
    }

    /**
     * The value of both bands of {@link #geoTiff} at a pixel without data (a date's value NaN, as {@link
     * SharpenedPatch#withNoData} leaves a GeoTIFF's no-data pixels): declared as the file's no-data value, and never a
     * magnitude (those stop one below).
     */
    public static final int NO_DATA = 65535;

    /** Pixels without data on either date (magnitude NaN), left out of the threshold and of {@link #changedFraction}. */
    public int noDataPixels() {
        int n = 0;
        for (float m : magnitude) {
            if (!Float.isFinite(m)) {
                n++;
            }
        }
        return n;
    }

    /** Pixels that changed (never one without data). */
    public int changedPixels() {
        int c = 0;
        for (boolean b : changed) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /** Share of the pixels with data on both dates that changed (0 when none has). */
    public double changedFraction() {
        int withData = changed.length - noDataPixels();
        return withData == 0 ? 0 : changedPixels() / (double) withData;
    }

    /**
     * The map's notes, as deq change-map prints them: its pixels without data, then each cloudy date's ({@link
     * #cloudNotes}); a caller knowing the dates' times adds whether they run backwards.
     */
    public List<String> notes(SharpenedPatch before, SharpenedPatch after) {
        List<String> notes = new ArrayList<>();
        int empty = noDataPixels();
        if (empty > 0) {
            notes.add(String.format(Locale.ROOT, "%d pixels are no data on either date (NaN, a GeoTIFF's no-data value, or 0 in every band"
                    + " of a patch folder or of a file of several bands declaring none): left out of the threshold and the"
                    + " share, value %d in both bands, the map's no-data value", empty, NO_DATA));
        }
        notes.addAll(cloudNotes(before, after));
        return notes;
    }

    /** The map's figures and notes under deq change-map --json's names, the dates named {@code before} and {@code after}. */
    public Map<String, Object> summary(String before, String after, float minMagnitude, List<String> notes) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("before", before);
        summary.put("after", after);
        summary.put("width", width);
        summary.put("height", height);
        summary.put("pixels", width * height);
        summary.put("noDataPixels", noDataPixels());
        summary.put("changedPixels", changedPixels());
        summary.put("changedFraction", changedFraction());
        summary.put("threshold", threshold);
        summary.put("minMagnitude", minMagnitude);
        summary.put("notes", notes);
        return summary;
    }

    /** Writes {@link #geoTiff} to a file, whole or not at all ({@link AtomicFiles}). */
    public void write(Path file, GeoRef geo) throws IOException {
        try {
            AtomicFiles.write(file, geoTiff(geo));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }

    /**
     * A two-band UInt16 GeoTIFF on {@code geo}'s grid: band 1 is 1 where the pixel changed and 0 elsewhere, band 2 the
     * change magnitude × 10000 (at most {@code NO_DATA - 1}); a pixel without data is {@value #NO_DATA} in both, declared
     * as the file's no-data value by every map. A grid deq cannot write (none, or not UTM / WGS 84) is an {@link
     * IllegalArgumentException}.
     */
    public byte[] geoTiff(GeoRef geo) throws IOException {
        if (geo == null) {
            throw new IllegalArgumentException("the images have no georeferencing to put the change map on");
        }
        short[][] bands = new short[2][magnitude.length];
        for (int i = 0; i < magnitude.length; i++) {
            boolean data = Float.isFinite(magnitude[i]);
            bands[0][i] = (short) (!data ? NO_DATA : changed[i] ? 1 : 0);
            bands[1][i] = (short) (data ? Math.min(NO_DATA - 1, Math.round(magnitude[i] * 10000f)) : NO_DATA);
        }
        // the magnitude declares its scale, as GDAL reads it (1 / 10000: reflectance); the mask is counts, without one
        return GeoTiffWriter.encodeUInt16(width, height, bands, geo, GeoTiffWriter.Compression.DEFLATE,
                List.of("changed", "change magnitude x 10000"), String.valueOf(NO_DATA), // declared by every map alike
                Arrays.asList(null, new BandScale(1e-4, 0)), null);
    }

    /** The second date in true colour with the changed pixels tinted red, as PNG: what the web UI shows. */
    public byte[] overlayPng(SharpenedPatch after) {
        List<String> names = new ArrayList<>();
        for (S2Band b : SharpenedPatch.BANDS) {
            names.add(b.name());
        }
        Patch patch = new Patch(PatchMeta.of("change map", ""), after.width(), after.height(), names, after.bands());
        int[] pixels = TrueColor.rgb(patch);
        for (int i = 0; i < pixels.length; i++) {
            if (changed[i]) {
                int rgb = pixels[i];
                int r = (((rgb >> 16) & 0xFF) + 255) / 2;
                int g = ((rgb >> 8) & 0xFF) / 2;
                int b = (rgb & 0xFF) / 2;
                pixels[i] = (r << 16) | (g << 8) | b;
            }
        }
        return Png.encode(pixels, patch.width(), patch.height());
    }

    /**
     * Otsu's threshold: the cut of a 256-bin histogram over [0, max] that maximises the between-class variance, over
     * the finite values; {@code max} itself (nothing above it) when they leave no cut, as when all are equal.
     */
    static float otsu(float[] values) {
        float max = 0;
        long finite = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                max = Math.max(max, v);
                finite++;
            }
        }
        if (max <= 0) {
            return 0;
        }
        long[] hist = new long[BINS];
        for (float v : values) {
            if (Float.isFinite(v)) {
                hist[Math.min(BINS - 1, (int) (v / max * BINS))]++;
            }
        }
        double total = finite;
        double sumAll = 0;
        for (int i = 0; i < BINS; i++) {
            sumAll += i * (double) hist[i];
        }
        double sumLow = 0;
        long low = 0;
        double best = -1;
        int cut = 0;
        for (int i = 0; i < BINS - 1; i++) {
            low += hist[i];
            sumLow += i * (double) hist[i];
            long high = finite - low;
            if (low == 0 || high == 0) {
                continue;
            }
            double meanLow = sumLow / low;
            double meanHigh = (sumAll - sumLow) / high;
            double between = low / total * (high / total) * (meanLow - meanHigh) * (meanLow - meanHigh);
            if (between > best) {
                best = between;
                cut = i;
            }
        }
        return best < 0 ? max : (cut + 1) * max / BINS;
    }
}
