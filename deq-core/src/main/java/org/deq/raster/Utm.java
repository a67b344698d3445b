package org.deq.raster;

/** UTM on WGS84 (EPSG:326zz north, 327zz south) to longitude/latitude, by the inverse transverse Mercator series (Snyder 1987, sub-metre within a zone). */
public final class Utm {

    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double EP2 = E2 / (1 - E2);
    private static final double K0 = 0.9996;
    private static final double FALSE_EASTING = 500_000;
    private static final double FALSE_NORTHING_SOUTH = 10_000_000;
    private static final double E1 = (1 - Math.sqrt(1 - E2)) / (1 + Math.sqrt(1 - E2));

    private Utm() {
    }

    /** True for EPSG:32601..32660 and 32701..32760. */
    public static boolean isUtm(int epsg) {
        int zone = epsg % 100;
        return (epsg / 100 == 326 || epsg / 100 == 327) && zone >= 1 && zone <= 60;
    }

    /** {lon, lat} in degrees of a UTM point. */
    public static double[] toLonLat(int epsg, double easting, double northing) {
        if (!isUtm(epsg)) {
            throw new IllegalArgumentException("EPSG:" + epsg + " is not a WGS84 UTM zone (32601-32660, 32701-32760)");
        }
        return toLonLat(epsg % 100, epsg / 100 == 327, easting, northing);
    }

    /**
     * {lon, lat} in degrees of a point of UTM zone {@code zone} (1..60) on WGS84, or on GRS80 (ETRS89, NAD83), whose
     * flattening differs in the tenth digit: well under a millimetre here.
     */
    static double[] toLonLat(int zone, boolean south, double easting, double northing) {
        double x = easting - FALSE_EASTING;
        double y = south ? northing - FALSE_NORTHING_SOUTH : northing;
        double mu = y / K0 / (A * (1 - E2 / 4 - 3 * E2 * E2 / 64 - 5 * E2 * E2 * E2 / 256));
        double phi1 = mu + (3 * E1 / 2 - 27 * Math.pow(E1, 3) / 32) * Math.sin(2 * mu)
                + (21 * E1 * E1 / 16 - 55 * Math.pow(E1, 4) / 32) * Math.sin(4 * mu)
                + (151 * Math.pow(E1, 3) / 96) * Math.sin(6 * mu)
                + (1097 * Math.pow(E1, 4) / 512) * Math.sin(8 * mu);
        double sin = Math.sin(phi1);
        double cos = Math.cos(phi1);
        double tan = Math.tan(phi1);
        double c1 = EP2 * cos * cos;
        double t1 = tan * tan;
        double w = 1 - E2 * sin * sin;
        double n1 = A / Math.sqrt(w);
        double r1 = A * (1 - E2) / (w * Math.sqrt(w));
        double d = x / (n1 * K0);
        double d2 = d * d;
        double lat = phi1 - (n1 * tan / r1) * (d2 / 2
                - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * EP2) * d2 * d2 / 24
                + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * EP2 - 3 * c1 * c1) * d2 * d2 * d2 / 720);
        double lon = (d - (1 + 2 * t1 + c1) * d2 * d / 6
                + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * EP2 + 24 * t1 * t1) * d2 * d2 * d / 120) / cos;
        double centralMeridian = (zone - 1) * 6 - 180 + 3;
        double[] lonLat = {centralMeridian + Math.toDegrees(lon), Math.toDegrees(lat)};
        if (!Double.isFinite(lonLat[0]) || !Double.isFinite(lonLat[1])) {
            throw new IllegalArgumentException("UTM zone " + zone + (south ? "S" : "N") + " has no longitude and latitude at "
                    + easting + ", " + northing);
        }
        return lonLat;
    }

    /** WGS84 box enclosing the four corners of a UTM rectangle (a UTM square is slightly rotated in lon/lat). */
    public static GeoBox footprint(int epsg, double ulx, double uly, double lrx, double lry) {
        if (!isUtm(epsg)) {
            throw new IllegalArgumentException("EPSG:" + epsg + " is not a WGS84 UTM zone (32601-32660, 32701-32760)");
        }
        return CoordinateSystems.footprint(epsg, ulx, uly, lrx, lry);
    }
}
