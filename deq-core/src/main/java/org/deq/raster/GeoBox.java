package org.deq.raster;

/** An axis-aligned WGS84 bounding box in degrees (longitude east, latitude north). */
public record GeoBox(double minLon, double minLat, double maxLon, double maxLat) implements java.io.Serializable {

    public GeoBox {
        if (!(minLon <= maxLon && minLat <= maxLat)) {
            throw new IllegalArgumentException("bad bounding box " + minLon + "," + minLat + "," + maxLon + "," + maxLat
                    + ": expected minLon,minLat,maxLon,maxLat with min <= max (a box across the antimeridian is two boxes)");
        }
    }

    /**
     * True when the boxes overlap inside both: boxes that only touch, such as neighbouring patches cut from one scene, do
     * not (a query box equal to a patch's footprint finds that patch, not its eight neighbours).
     */
    public boolean intersects(GeoBox o) {
        return minLon < o.maxLon && o.minLon < maxLon && minLat < o.maxLat && o.minLat < maxLat;
    }

    /** Centre longitude. */
    public double centerLon() {
        return (minLon + maxLon) / 2;
    }

    /** Centre latitude. */
    public double centerLat() {
        return (minLat + maxLat) / 2;
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}. */
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
        return new GeoBox(v[0], v[1], v[2], v[3]);
    }
}
