package org.deq.raster;

/**
 * An axis-aligned WGS84 bounding box in degrees (longitude east, latitude north). A box across the antimeridian keeps
 * its longitudes in one run: its eastern edge {@code maxLon} lies past 180 ({@link #east} gives it back in -180..180),
 * as footprints {@link #wrapped} into that form do; overlaps are found across the antimeridian either way.
 */
public record GeoBox(double minLon, double minLat, double maxLon, double maxLat) implements java.io.Serializable {

    public GeoBox {
        // no bound on the width: an index of an earlier deq may hold a footprint wider than the globe, and must open
        if (!(minLon <= maxLon && minLat <= maxLat)) {
            throw new IllegalArgumentException("bad bounding box " + minLon + "," + minLat + "," + maxLon + "," + maxLat
                    + ": expected minLon,minLat,maxLon,maxLat with min <= max");
        }
    }

    /**
     * The box of these edges moved by whole turns of longitude so that its western edge lies in -180..180: a footprint
     * computed west of -180 (a UTM zone 1 tile) or east of 180 (zone 60), or a grid in 0..360 longitudes, is the same
     * place as one in -180..180, and a box across the antimeridian then ends past 180. A box of 360 degrees or more
     * is every longitude, -180..180.
     */
    public static GeoBox wrapped(double minLon, double minLat, double maxLon, double maxLat) {
        if (maxLon - minLon >= 360) { // a raster as wide as the globe, or wider: every longitude
            return new GeoBox(-180, minLat, 180, maxLat);
        }
        double turns = Math.floor((minLon + 180) / 360);
        return new GeoBox(minLon - 360 * turns, minLat, maxLon - 360 * turns, maxLat);
    }

    /** Whether the box crosses the antimeridian: its eastern edge lies past 180. */
    public boolean crossesAntimeridian() {
        return maxLon > 180;
    }

    /** The eastern edge in -180..180 (RFC 7946's bbox): west of {@link #minLon} for a box across the antimeridian. */
    public double east() {
        return maxLon > 180 ? maxLon - 360 : maxLon;
    }

    /**
     * True when the boxes overlap inside both: boxes that only touch, such as neighbouring patches cut from one scene, do
     * not (a query box equal to a patch's footprint finds that patch, not its eight neighbours).
     */
    public boolean intersects(GeoBox o) {
        return overlaps(minLon, minLat, maxLon, maxLat, o);
    }

    /**
     * {@link #intersects} for a box held as four numbers (a column store's row; NaN: no box, never overlaps), also where
     * one box lies a whole turn of longitude from the other (one across the antimeridian, or stored before
     * {@link #wrapped}).
     */
    public static boolean overlaps(double minLon, double minLat, double maxLon, double maxLat, GeoBox o) {
        if (!(minLat < o.maxLat && o.minLat < maxLat)) {
            return false;
        }
        for (double turn = -360; turn <= 360; turn += 360) {
            if (minLon < o.maxLon + turn && o.minLon + turn < maxLon) {
                return true;
            }
        }
        return false;
    }

    /** Centre longitude. */
    public double centerLon() {
        return (minLon + maxLon) / 2;
    }

    /** Centre latitude. */
    public double centerLat() {
        return (minLat + maxLat) / 2;
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}; a minLon east of maxLon is a box across the antimeridian (RFC 7946). */
    public static GeoBox parse(String text) {
        String[] p = text.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("bounding box must be minLon,minLat,maxLon,maxLat: " + text);
        }
        double[] v = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(p[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bounding box must be four numbers: " + text);
        }
        // a typed box is checked against the globe; footprints computed from data are not (a reprojection may round past it)
        if (!(Math.abs(v[0]) <= 180 && Math.abs(v[2]) <= 180 && Math.abs(v[1]) <= 90 && Math.abs(v[3]) <= 90)) {
            throw new IllegalArgumentException("bounding box must have longitudes within -180..180 and latitudes within"
                    + " -90..90: " + text);
        }
        if (v[1] > v[3]) {
            throw new IllegalArgumentException("bounding box must have minLat <= maxLat: " + text);
        }
        return new GeoBox(v[0], v[1], v[0] > v[2] ? v[2] + 360 : v[2], v[3]);
    }
}
