package org.deq.raster;

import java.util.List;
import java.util.Objects;

/**
 * One image patch: named bands resampled onto one grid of {@code width x height} pixels, plus its metadata.
 *
 * <p>Band values are float reflectance in [0, 1] for Sentinel-2 (stored DN / 10000) and [0, 1] for 8-bit RGB
 * (value / 255). Each band is a row-major array of {@code width * height} values. The arrays are shared, not
 * copied: treat them as read-only.
 */
public record Patch(PatchMeta meta, int width, int height, List<String> bandNames, float[][] bands) {

    public Patch {
        Objects.requireNonNull(meta, "meta");
        bandNames = List.copyOf(bandNames);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("patch " + meta.id() + ": bad size " + width + "x" + height);
        }
        if (bands.length != bandNames.size()) {
            throw new IllegalArgumentException("patch " + meta.id() + ": " + bands.length + " bands but "
                    + bandNames.size() + " band names");
        }
        for (int b = 0; b < bands.length; b++) {
            if (bands[b].length != width * height) {
                throw new IllegalArgumentException("patch " + meta.id() + ": band " + bandNames.get(b) + " has "
                        + bands[b].length + " values, expected " + width * height);
            }
        }
    }

    /** Index of the named band, or -1 when the patch does not have it. */
    public int bandIndex(String name) {
        return bandNames.indexOf(name);
    }

    /** The named band's values, or {@code null} when the patch does not have it. */
    public float[] band(String name) {
        int i = bandIndex(name);
        return i < 0 ? null : bands[i];
    }

    /** True when the patch has the named band. */
    public boolean hasBand(String name) {
        return bandIndex(name) >= 0;
    }

    /** Number of bands. */
    public int bandCount() {
        return bands.length;
    }

    /** The same pixels with other metadata. */
    public Patch withMeta(PatchMeta newMeta) {
        return new Patch(newMeta, width, height, bandNames, bands);
    }
}
