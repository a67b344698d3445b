package org.deq.analysis;

/**
 * A coarse cloud test for products without a cloud mask (BigEarthNet patches carry none): a pixel bright in B02, B03
 * and B04 alike, above {@value #BRIGHTNESS} reflectance, and not snow by the normalised snow index. Not a cloud mask:
 * it misses thin clouds and shadows; on the real samples it finds 29 % in SSL4EO-S12's cloudy Level-1C date and at most
 * 0.3 % elsewhere. Change maps and biophysical maps note a date or patch from {@value #NOTE_SHARE} of such pixels.
 */
final class CloudLikePixels {

    /** Reflectance above which a pixel bright in B02, B03 and B04 alike looks like cloud (bare soil stays below in B02). */
    static final float BRIGHTNESS = 0.2f;
    /** Normalised snow index (B03 − B11) / (B03 + B11) from which a bright pixel is snow, not cloud. */
    static final float SNOW_INDEX = 0.4f;
    /** Share of the pixels with data looking like cloud from which a map is noted to hold clouds. */
    static final double NOTE_SHARE = 0.01;
    /** What the test looks at, for the notes. */
    static final String TEST = "bright in B02, B03 and B04, not snow";

    private CloudLikePixels() {
    }

    /**
     * The share of the pixels with data (a number in all four bands) that look like cloud, given each band's reflectance
     * on one grid (row-major, the same length); 0 when none has data.
     */
    static double share(float[] blue, float[] green, float[] red, float[] swir) {
        int cloudy = 0;
        int withData = 0;
        for (int i = 0; i < blue.length; i++) {
            if (!Float.isNaN(blue[i]) && !Float.isNaN(green[i]) && !Float.isNaN(red[i]) && !Float.isNaN(swir[i])) {
                withData++;
            }
            if (blue[i] > BRIGHTNESS && green[i] > BRIGHTNESS && red[i] > BRIGHTNESS
                    && (green[i] - swir[i]) < SNOW_INDEX * (green[i] + swir[i])) {
                cloudy++;
            }
        }
        return withData == 0 ? 0 : cloudy / (double) withData;
    }
}
