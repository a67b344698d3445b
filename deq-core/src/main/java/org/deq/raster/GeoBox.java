package org.deq.raster;

/** An axis-aligned WGS84 bounding box in degrees (longitude east, latitude north). */
public record GeoBox(double minLon, double minLat, double maxLon, double maxLat) implements java.io.Serializable {

    public GeoBox {
        if (!(minLon <= maxLon && minLat <= maxLat)) {
            throw new IllegalArgumentException("bad bounding box " + minLon + "," + minLat + "," + maxLon + "," + maxLat
                    + ": expected minLon,minLat,maxLon,maxLat with min <= max (a box across the antimeridian is two boxes)");
        }
    }

    /** True when the two boxes share at least one point. */
    public boolean intersects(GeoBox o) {
        return minLon <= o.maxLon && o.minLon <= maxLon && minLat <= o.maxLat && o.minLat <= maxLat;
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
        try {
            return new GeoBox(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()), Double.parseDouble(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bounding box must be four numbers: " + text);
        }
    }
}
