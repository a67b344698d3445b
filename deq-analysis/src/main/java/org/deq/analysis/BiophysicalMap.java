package org.deq.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deq.analysis.BandSharpening.Method;
import org.deq.archive.GranuleMetadata;
import org.deq.archive.S2BandFiles;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Png;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;

/**
 * Maps of vegetation variables over one Sentinel-2 patch: {@link BiophysicalModel}'s networks applied pixel by pixel,
 * as SNAP's biophysical processor does, on the 20 m grid (the 10 m bands B03 and B04 averaged onto it) or on the 10 m
 * grid with the 20 m bands sharpened ({@link SharpenedPatch}). A pixel outside the networks' training range, or whose
 * estimate lies beyond a variable's tolerance, is NaN.
 *
 * @param width        pixels per row
 * @param height       rows
 * @param metres       pixel size, 10 or 20
 * @param geo          georeferencing of the grid (null when the bands have none)
 * @param geometry     the sun and view angles used
 * @param values       one row-major array per variable of {@link BiophysicalVariable#values()}
 * @param outOfDomain  pixels with data whose reflectances lie outside the networks' training range
 * @param noData       pixels without data (a reflectance NaN, or 0 in every band): NaN in every variable, as those
 *                     outside the range are, but not counted among them
 * @param cloudLike    the share of the pixels with data that look like cloud ({@link CloudLikePixels}); they get
 *                     estimates like any other, since there is no cloud mask; NaN without B02
 * @param platform     the product's platform ({@link Reflectances#platform}), whose networks were applied
 */
public record BiophysicalMap(int width, int height, int metres, GeoRef geo, AcquisitionGeometry geometry,
                             float[][] values, int outOfDomain, int noData, double cloudLike, String platform) {

    /** The networks' reflectance inputs, in their order. */
    public static final List<S2Band> BANDS = List.of(S2Band.B03, S2Band.B04, S2Band.B05, S2Band.B06, S2Band.B07, S2Band.B8A,
            S2Band.B11, S2Band.B12);

    /** The colours of {@link #png} at 0, 1/4, 1/2, 3/4 and 1 of a variable's range, as RGB. */
    static final int[] RAMP = {0x8C6B47, 0xD9C773, 0x8CBF4D, 0x338C26, 0x0D4D0D};
    private static final int NO_VALUE = 0x808080;

    /**
     * The networks' reflectance inputs of one patch on one grid.
     *
     * @param bands  one row-major reflectance array per band of {@link #BANDS}
     * @param blue   B02's reflectances on the same grid, which no network takes but the cloud test needs; null when
     *               a folder has no B02 (a 20 m map needs only the networks' inputs)
     * @param width  pixels per row
     * @param height rows
     * @param metres pixel size
     * @param geo    georeferencing of the grid (null when the bands have none)
     * @param platform the product's platform, {@code S2A}, {@code S2B}, ... ({@link S2BandFiles#platform}); null when
     *               the folder names none
     */
    public record Reflectances(float[][] bands, float[] blue, int width, int height, int metres, GeoRef geo,
                               String platform) {

        /** Normalised difference vegetation index per pixel, (B8A - B04) / (B8A + B04). */
        public float[] ndvi() {
            float[] red = bands[BANDS.indexOf(S2Band.B04)];
            float[] nir = bands[BANDS.indexOf(S2Band.B8A)];
            float[] out = new float[red.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (nir[i] - red[i]) / (nir[i] + red[i]);
            }
            return out;
        }
    }

    /**
     * The reflectances of the patch in {@code folder} on its 20 m grid (the 10 m bands B03 and B04 averaged onto it), or
     * on its 10 m grid with the 20 m bands sharpened when {@code metres} is 10; a Level-1C product is refused. A pixel
     * without data is NaN in every band: at 10 m as {@link SharpenedPatch} finds it, at 20 m one covering any 10 m pixel
     * 0 in both B03 and B04.
     */
    public static Reflectances read(Path folder, int metres) throws BadInputException {
        requireSurfaceReflectance(folder);
        if (metres == 10) {
            SharpenedPatch p = SharpenedPatch.of(folder, Method.LOCAL_REGRESSION);
            float[][] bands = new float[BANDS.size()][];
            for (int b = 0; b < bands.length; b++) {
                bands[b] = p.bands()[SharpenedPatch.BANDS.indexOf(BANDS.get(b))];
            }
            return new Reflectances(bands, p.bands()[SharpenedPatch.BANDS.indexOf(S2Band.B02)], p.width(), p.height(), 10,
                    p.geo(), S2BandFiles.platform(folder));
        }
        if (metres != 20) {
            throw new IllegalArgumentException("resolution must be 10 or 20 m, not " + metres);
        }
        List<S2Band> wanted = new ArrayList<>(BANDS);
        boolean blue = S2BandFiles.hasAll(folder, S2Band.B02); // only the cloud test reads it
        if (blue) {
            wanted.add(S2Band.B02);
        }
        Map<S2Band, GeoRaster> read = S2BandFiles.read(folder, wanted.toArray(S2Band[]::new));
        GeoRaster grid = read.get(S2Band.B05);
        GeoRaster green = read.get(S2Band.B03);
        double[] offset = SharpenedPatch.offset(green, grid);
        float[][] bands = new float[wanted.size()][];
        for (int b = 0; b < bands.length; b++) {
            GeoRaster r = read.get(wanted.get(b));
            bands[b] = wanted.get(b).metres == 10 ? Resample.average(r.bands()[0], r.width(), r.height(), 2, offset[0], offset[1])
                    : r.bands()[0].clone();
        }
        // an average over 10 m pixels without data (0 in B03 and B04) would pass for a darker reflectance
        BitSet tenNoData = GeoTiffScene.noDataPixels(new float[][] {green.bands()[0], read.get(S2Band.B04).bands()[0]},
                green.width() * green.height(), null);
        boolean[] empty = BandSharpening.covering(tenNoData, green.width(), green.height(), 2, offset[0], offset[1]);
        for (float[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = empty[i] ? Float.NaN : band[i];
            }
        }
        return new Reflectances(Arrays.copyOf(bands, BANDS.size()), blue ? bands[BANDS.size()] : null, grid.width(),
                grid.height(), 20, grid.geo(), S2BandFiles.platform(folder));
    }

    /**
     * Refuses a Level-1C product (its folder's name, or its granule metadata, says so): the networks were trained on
     * surface reflectance, and top-of-atmosphere values would give biased estimates without a sign of it.
     */
    static void requireSurfaceReflectance(Path folder) throws BadInputException {
        if (S2BandFiles.isLevel1C(folder)) {
            GranuleMetadata granule = GranuleMetadata.read(folder);
            throw new BadInputException(folder, "a Level-1C product (top-of-atmosphere reflectance"
                    + (granule != null && granule.productId() != null ? ", " + granule.productId() : "")
                    + "); the biophysical networks need Level-2A surface reflectance");
        }
    }

    /** The variables of every pixel of {@code in}, by the networks of its platform ({@link BiophysicalModel#of}). */
    public static BiophysicalMap estimate(Reflectances in, AcquisitionGeometry geometry) {
        int width = in.width();
        int height = in.height();
        float[][] bands = in.bands();
        BiophysicalModel model = BiophysicalModel.of(in.platform());
        BiophysicalVariable[] variables = BiophysicalVariable.values();
        BiophysicalModel.Network[] networks = new BiophysicalModel.Network[variables.length];
        for (int v = 0; v < variables.length; v++) {
            networks[v] = model.network(variables[v]);
        }
        float[][] out = new float[variables.length][width * height];
        double[] input = new double[BiophysicalModel.INPUTS];
        System.arraycopy(geometry.cosines(), 0, input, BiophysicalModel.REFLECTANCES, 3);
        double[] scaled = new double[BiophysicalModel.INPUTS];
        int outside = 0;
        int empty = 0;
        for (int i = 0; i < width * height; i++) {
            boolean data = false;
            boolean nan = false;
            for (int b = 0; b < BiophysicalModel.REFLECTANCES; b++) {
                input[b] = bands[b][i];
                data |= input[b] != 0;
                nan |= Double.isNaN(input[b]);
            }
            if (!data || nan || !model.inDomain(input)) {
                if (data && !nan) {
                    outside++;
                } else {
                    empty++;
                }
                for (float[] o : out) {
                    o[i] = Float.NaN;
                }
                continue;
            }
            model.scale(input, scaled);
            for (int v = 0; v < variables.length; v++) {
                out[v][i] = (float) variables[v].accept(networks[v].apply(scaled));
            }
        }
        double cloudLike = in.blue() == null ? Double.NaN : CloudLikePixels.share(in.blue(), bands[BANDS.indexOf(S2Band.B03)],
                bands[BANDS.indexOf(S2Band.B04)], bands[BANDS.indexOf(S2Band.B11)]);
        return new BiophysicalMap(width, height, in.metres(), in.geo(), geometry, out, outside, empty, cloudLike,
                in.platform());
    }

    /**
     * What a patch that {@link #looksCloudy()} is told after its share of cloud-like pixels: bright cloud mostly lies
     * outside the networks' range (B03 up to 0.24, B04 up to 0.29) and has no value, but what the test misses does not.
     */
    private static final String NO_CLOUD_MASK = "there is no cloud mask: bright cloud mostly lies outside the networks'"
            + " range and has no value, but thin cloud and cloud shadows, which this test misses, get estimates as if they"
            + " were ground";

    /** Whether 1 % or more of the pixels with data look like cloud ({@link CloudLikePixels}); false without B02. */
    public boolean looksCloudy() {
        return cloudLike >= CloudLikePixels.NOTE_SHARE;
    }

    /** The note on {@code cloudy} of {@code mapped} patches that {@link #looksCloudy()}, or null when none does. */
    public static String cloudyNote(int cloudy, int mapped) {
        return cloudy == 0 ? null : cloudy + " of the " + mapped + (cloudy == 1 ? " patches has 1 % or more of its"
                : " patches have 1 % or more of their") + " pixels looking like cloud (" + CloudLikePixels.TEST + "): "
                + NO_CLOUD_MASK;
    }

    /** The networks that made the maps: those of the product's platform ({@link BiophysicalModel#of}). */
    public BiophysicalModel networks() {
        return BiophysicalModel.of(platform);
    }

    /** The map of one variable. */
    public float[] of(BiophysicalVariable variable) {
        return values[variable.ordinal()];
    }

    /** Mean of a variable over the pixels that have a value; NaN when none has. */
    public double mean(BiophysicalVariable variable) {
        double sum = 0;
        int n = 0;
        for (float v : of(variable)) {
            if (!Float.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Pixels without a value of {@code variable} (NaN in its band): those outside the networks' training range, and
     * those whose estimate lies beyond the variable's tolerance.
     */
    public int withoutValue(BiophysicalVariable variable) {
        int n = 0;
        for (float v : of(variable)) {
            if (Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Share of the pixels with a value of {@code variable}. */
    public double validFraction(BiophysicalVariable variable) {
        return 1 - withoutValue(variable) / (double) (width * height);
    }

    /**
     * What a user is told with one patch's maps: that it holds no data at all, that 1 % or more of its pixels look like
     * cloud (or that without B02 none was looked for), the angles' note when they lie outside the networks' training
     * range, and {@link BiophysicalModel#otherPlatformNote} when the product's platform has no networks of its own.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (noData == width * height) { // every variable NaN: said, not left to a map of grey
            notes.add("the patch holds no pixel with data (a reflectance NaN, or 0 in every band): no variable has a value");
        }
        if (Double.isNaN(cloudLike)) {
            notes.add("the folder has no B02, so cloud-like pixels were not looked for");
        } else if (looksCloudy()) {
            notes.add(String.format(Locale.ROOT, "%.1f %% of the pixels look like cloud (%s): %s", 100 * cloudLike,
                    CloudLikePixels.TEST, NO_CLOUD_MASK));
        }
        String outside = geometry.outsideTraining(networks());
        if (outside != null) {
            notes.add(outside + ": the estimates are extrapolations");
        }
        String other = BiophysicalModel.otherPlatformNote(BiophysicalModel.knows(platform) ? 0 : 1, 1);
        if (other != null) {
            notes.add(other);
        }
        return notes;
    }

    /**
     * The maps in figures, as {@code deq biophysical --json} writes them and the server's {@code /api/biophysical.json}
     * answers: {@code patch}, {@code metres}, {@code networks} (the platform they were trained for), {@code geometry}, {@code outOfDomain} and {@code noData} (pixels),
     * {@code pixels}, per variable its {@code mean} (null when no pixel has a value), {@code valid} share and
     * {@code unit}, and {@code notes}.
     */
    public Map<String, Object> summary(String patch, List<String> notes) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            double mean = mean(v);
            figures.put("mean", Double.isNaN(mean) ? null : mean); // JSON has no NaN: null when no pixel has a value
            figures.put("valid", validFraction(v));
            figures.put("unit", v.unit);
            variables.put(v.name(), figures);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("patch", patch);
        summary.put("metres", metres);
        summary.put("networks", networks().platform());
        summary.put("geometry", geometry);
        summary.put("outOfDomain", outOfDomain);
        summary.put("noData", noData);
        summary.put("pixels", width * height);
        summary.put("variables", variables);
        summary.put("notes", notes);
        return summary;
    }

    /** Writes {@link #geoTiff} to a file, whole or not at all ({@link AtomicFiles}). */
    public void write(Path file) throws IOException {
        try {
            AtomicFiles.write(file, geoTiff());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }

    /**
     * The maps as a Float32 GeoTIFF, one band per variable in {@link BiophysicalVariable} order, NaN as no-data; an
     * IllegalArgumentException when the bands had no georeferencing or it cannot be written.
     */
    public byte[] geoTiff() throws IOException {
        if (geo == null) {
            throw new IllegalArgumentException("the patch's bands have no georeferencing to write a GeoTIFF on");
        }
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            names.add(v.name() + " (" + v.unit + ")");
            units.add(v.unit); // GDAL's unit type too, which QGIS and gdalinfo show
        }
        return GeoTiffWriter.encodeFloat32(width, height, values, geo, GeoTiffWriter.Compression.DEFLATE, names, units);
    }

    /**
     * One variable as a PNG for people: bare soil brown through yellow to dense green over the variable's range
     * ({@link #RAMP}), grey where there is no value.
     */
    public byte[] png(BiophysicalVariable variable) {
        float[] v = of(variable);
        int[] rgb = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            rgb[i] = Float.isNaN(v[i]) ? NO_VALUE : colour((v[i] - variable.min) / (variable.max - variable.min));
        }
        return Png.encode(rgb, width, height);
    }

    /** The ramp's colour at {@code t} (0..1, clamped), linear between its stops. */
    static int colour(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min((int) x, RAMP.length - 2);
        double f = x - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (RAMP[i] >> shift) & 0xFF;
            int b = (RAMP[i + 1] >> shift) & 0xFF;
            rgb |= (int) Math.round(a + f * (b - a)) << shift;
        }
        return rgb;
    }
}
