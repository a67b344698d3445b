package org.deq.raster;

/**
 * A WGS 84 / UTM zone (EPSG 326zz north, 327zz south): its EPSG code, its WKT as BigEarthNet writes it, and the
 * inverse projection to longitude/latitude.
 *
 * @param zone  UTM zone number, 1..60
 * @param north true for the northern hemisphere
 */
public record UtmZone(int zone, boolean north) {

    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257223563;
    private static final double K0 = 0.9996;
    private static final double FALSE_EASTING = 500000;
    private static final double FALSE_NORTHING_SOUTH = 10000000;

    public UtmZone {
        if (zone < 1 || zone > 60) {
            throw new IllegalArgumentException("UTM zone must be 1..60: " + zone);
        }
    }

    /** The northern-hemisphere zone of an EPSG code 32601..32660 or southern 32701..32760. */
    public static UtmZone ofEpsg(int epsg) {
        if (epsg > 32600 && epsg <= 32660) {
            return new UtmZone(epsg - 32600, true);
        }
        if (epsg > 32700 && epsg <= 32760) {
            return new UtmZone(epsg - 32700, false);
        }
        throw new IllegalArgumentException("not a WGS 84 / UTM EPSG code: " + epsg);
    }

    /** EPSG code, e.g. 32633. */
    public int epsg() {
        return (north ? 32600 : 32700) + zone;
    }

    /** Central meridian in degrees. */
    public int centralMeridian() {
        return zone * 6 - 183;
    }

    /** Name as in the EPSG registry, e.g. {@code WGS 84 / UTM zone 33N}. */
    public String name() {
        return "WGS 84 / UTM zone " + zone + (north ? "N" : "S");
    }

    /** OGC WKT 1 of the zone, character for character as in BigEarthNet v1.0 {@code _labels_metadata.json}. */
    public String wkt() {
        return "PROJCS[\"" + name() + "\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
                + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],"
                + "AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION[\"Transverse_Mercator\"],"
                + "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\"," + centralMeridian() + "],"
                + "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],"
                + "PARAMETER[\"false_northing\"," + (north ? 0 : 10000000) + "],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],"
                + "AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"" + epsg() + "\"]]";
    }

    /**
     * Longitude and latitude in degrees of a UTM coordinate ({@code {lon, lat}}), by the series of Snyder (1987,
     * USGS PP 1395, eqs. 8-18ff), accurate to well under a metre inside the zone.
     */
    public double[] toLonLat(double easting, double northing) {
        double e2 = F * (2 - F);
        double ep2 = e2 / (1 - e2);
        double m = ((north ? northing : northing - FALSE_NORTHING_SOUTH)) / K0;
        double mu = m / (A * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256));
        double e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
        double phi1 = mu + (3 * e1 / 2 - 27 * Math.pow(e1, 3) / 32) * Math.sin(2 * mu)
                + (21 * e1 * e1 / 16 - 55 * Math.pow(e1, 4) / 32) * Math.sin(4 * mu)
                + (151 * Math.pow(e1, 3) / 96) * Math.sin(6 * mu)
                + (1097 * Math.pow(e1, 4) / 512) * Math.sin(8 * mu);
        double sin = Math.sin(phi1);
        double cos = Math.cos(phi1);
        double tan = Math.tan(phi1);
        double c1 = ep2 * cos * cos;
        double t1 = tan * tan;
        double n1 = A / Math.sqrt(1 - e2 * sin * sin);
        double r1 = A * (1 - e2) / Math.pow(1 - e2 * sin * sin, 1.5);
        double d = (easting - FALSE_EASTING) / (n1 * K0);
        double lat = phi1 - (n1 * tan / r1) * (d * d / 2
                - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * Math.pow(d, 4) / 24
                + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * Math.pow(d, 6) / 720);
        double lon = (d - (1 + 2 * t1 + c1) * Math.pow(d, 3) / 6
                + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * Math.pow(d, 5) / 120) / cos;
        return new double[] {centralMeridian() + Math.toDegrees(lon), Math.toDegrees(lat)};
    }
}
