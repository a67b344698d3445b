package org.deq.synth;

import java.time.Month;
import java.util.Arrays;
import org.deq.raster.S2Band;

/**
 * Land-cover classes of the synthetic archive, in CORINE (CLC) code order, each with its BigEarthNet 43-class label
 * and an approximate summer surface reflectance for the twelve {@link S2Band}s (in enum order).
 *
 * <p>B02-B08, B11, B12 follow the project's reference table (shared/reference/algorithms.md, after USGS
 * splib07-style library spectra). The other bands follow the real BigEarthNet L2A sample (band means by gdalinfo):
 * B01 lies below B02 over land (about 0.7x), B8A a little above B08 on the vegetation NIR plateau, and B09 equals
 * B8A, as Sen2Cor's L2A B09 does there.
 */
public enum LandCover {
    //                                          B01   B02   B03   B04   B05   B06   B07   B08   B8A   B09   B11   B12
    DISCONTINUOUS_URBAN_FABRIC("Discontinuous urban fabric", 0.20f, spectrum(
            .08f, .10f, .11f, .12f, .14f, .16f, .17f, .18f, .18f, .18f, .22f, .20f)),
    NON_IRRIGATED_ARABLE_LAND("Non-irrigated arable land", 0.05f, spectrum(
            .02f, .03f, .07f, .03f, .10f, .30f, .38f, .42f, .43f, .43f, .22f, .10f)),
    PASTURES("Pastures", 0.06f, spectrum(
            .03f, .04f, .08f, .05f, .11f, .22f, .27f, .30f, .31f, .31f, .25f, .14f)),
    BROAD_LEAVED_FOREST("Broad-leaved forest", 0.10f, spectrum(
            .02f, .03f, .06f, .03f, .09f, .25f, .32f, .35f, .36f, .36f, .17f, .08f)),
    CONIFEROUS_FOREST("Coniferous forest", 0.10f, spectrum(
            .015f, .02f, .04f, .02f, .06f, .15f, .19f, .22f, .23f, .23f, .10f, .05f)),
    MIXED_FOREST("Mixed forest", 0.12f, spectrum(
            .018f, .025f, .05f, .025f, .075f, .20f, .255f, .285f, .295f, .295f, .135f, .065f)),
    TRANSITIONAL_WOODLAND_SHRUB("Transitional woodland/shrub", 0.12f, spectrum(
            .045f, .06f, .09f, .09f, .14f, .20f, .23f, .25f, .26f, .26f, .27f, .19f)),
    BEACHES_DUNES_SANDS("Beaches, dunes, sands", 0.05f, spectrum(
            .16f, .20f, .25f, .30f, .32f, .34f, .35f, .36f, .36f, .36f, .40f, .35f)),
    SPARSELY_VEGETATED_AREAS("Sparsely vegetated areas", 0.10f, spectrum(
            .075f, .10f, .13f, .17f, .20f, .22f, .23f, .24f, .25f, .25f, .32f, .27f)),
    WATER_BODIES("Water bodies", 0.03f, spectrum(
            .05f, .06f, .05f, .03f, .025f, .02f, .02f, .02f, .015f, .015f, .01f, .005f));

    /** Fresh snow: bright in the visible and NIR, dark in SWIR. */
    private static final float[] SNOW = spectrum(.85f, .88f, .87f, .86f, .85f, .84f, .83f, .82f, .80f, .80f, .08f, .06f);

    private final String label;
    private final float textureStrength;
    private final float[] summer;

    LandCover(String label, float textureStrength, float[] summer) {
        this.label = label;
        this.textureStrength = textureStrength;
        this.summer = summer;
    }

    /** The BigEarthNet (CLC 43-class) label name, e.g. {@code "Broad-leaved forest"}. */
    public String label() {
        return label;
    }

    /** Relative standard deviation of the within-segment brightness texture (urban is busy, water is smooth). */
    public float textureStrength() {
        return textureStrength;
    }

    /**
     * Reflectance in the given month, 0-1, one value per {@link S2Band} in enum order (a new array): deciduous trees
     * lose about half their NIR from November to March, grassland browns, and arable land is bare soil outside the
     * April-July growing season.
     */
    public float[] reflectance(Month month) {
        boolean leafOff = month.compareTo(Month.APRIL) < 0 || month.compareTo(Month.OCTOBER) > 0;
        boolean growing = month.compareTo(Month.MARCH) > 0 && month.compareTo(Month.AUGUST) < 0;
        return switch (this) {
            case BROAD_LEAVED_FOREST -> leafOff ? leafless(summer, 0.5f) : summer.clone();
            case MIXED_FOREST -> leafOff ? leafless(summer, 0.75f) : summer.clone();
            case CONIFEROUS_FOREST -> leafOff ? leafless(summer, 0.85f) : summer.clone();
            case PASTURES -> leafOff ? leafless(summer, 0.7f) : summer.clone();
            case NON_IRRIGATED_ARABLE_LAND -> growing ? summer.clone() : harvestedReflectance();
            default -> summer.clone();
        };
    }

    /** Arable land after harvest or ploughing: bare soil (a new array). */
    public static float[] harvestedReflectance() {
        return SPARSELY_VEGETATED_AREAS.summer.clone();
    }

    /** Snow cover (a new array). */
    public static float[] snowReflectance() {
        return SNOW.clone();
    }

    // Without leaves the red-edge/NIR plateau drops by nirFactor and red is absorbed less by chlorophyll.
    private static float[] leafless(float[] s, float nirFactor) {
        float[] r = s.clone();
        for (S2Band b : new S2Band[] {S2Band.B06, S2Band.B07, S2Band.B08, S2Band.B8A, S2Band.B09}) {
            r[b.ordinal()] *= nirFactor;
        }
        r[S2Band.B04.ordinal()] *= 2 - nirFactor;
        return r;
    }

    private static float[] spectrum(float... values) {
        if (values.length != S2Band.values().length) {
            throw new IllegalStateException("spectrum needs " + S2Band.values().length + " bands: " + Arrays.toString(values));
        }
        return values;
    }
}
