package org.deq.raster;

/**
 * The coordinate systems in which deq places a raster's footprint, by EPSG code, and their inverse projections to
 * longitude and latitude: geographic WGS84, ETRS89 and NAD83 (4326, 4258, 4269); UTM zones on WGS84 (326zz, 327zz),
 * ETRS89 (25828-25838) and NAD83 (26901-26923); ETRS-TM35FIN (3067, UTM zone 35's projection); Web Mercator (3857,
 * 3785); ETRS89 Lambert azimuthal equal-area Europe (3035). ETRS89 and NAD83 are taken as WGS84, which they
 * match to within about two metres: footprints are boxes for filtering and pairing dates, not survey coordinates.
 */
public final class CoordinateSystems {

    private static final double A = 6378137.0;
    /** GRS80's eccentricity (ETRS89's ellipsoid; LAEA Europe is defined on it). */
    private static final double E2 = 0.00669438002290;
    private static final double E = Math.sqrt(E2);
    // EPSG:3035: latitude and longitude of origin 52° N, 10° E; false easting and northing
    private static final double LAEA_LAT0 = Math.toRadians(52);
    private static final double LAEA_LON0 = 10;
    private static final double LAEA_FE = 4_321_000;
    private static final double LAEA_FN = 3_210_000;
    private static final double QP = q(Math.PI / 2);
    private static final double RQ = A * Math.sqrt(QP / 2);
    private static final double BETA0 = Math.asin(q(LAEA_LAT0) / QP);
    private static final double LAEA_D = A * Math.cos(LAEA_LAT0) / Math.sqrt(1 - E2 * Math.sin(LAEA_LAT0) * Math.sin(LAEA_LAT0))
            / (RQ * Math.cos(BETA0));

    private CoordinateSystems() {
    }

    /** Whether deq places footprints in EPSG:{@code epsg}. */
    public static boolean isKnown(int epsg) {
        return isGeographic(epsg) || utmZone(epsg) != 0 || isWebMercator(epsg) || epsg == 3035;
    }

    /** Whether EPSG:{@code epsg} is longitude and latitude in degrees that deq takes as WGS84's. */
    public static boolean isGeographic(int epsg) {
        return epsg == GeoRef.WGS84 || epsg == 4258 || epsg == 4269;
    }

    /** {lon, lat} in degrees of map coordinates {@code x}, {@code y} in EPSG:{@code epsg}. */
    public static double[] toLonLat(int epsg, double x, double y) {
        if (isGeographic(epsg)) {
            return new double[] {x, y};
        }
        int zone = utmZone(epsg);
        if (zone != 0) {
            return Utm.toLonLat(Math.abs(zone), zone < 0, x, y);
        }
        double[] lonLat;
        if (isWebMercator(epsg)) {
            lonLat = new double[] {Math.toDegrees(x / A), Math.toDegrees(Math.atan(Math.sinh(y / A)))};
        } else if (epsg == 3035) {
            lonLat = lambertEurope(x, y);
        } else {
            throw new IllegalArgumentException("EPSG:" + epsg + " is not a coordinate system deq places footprints in");
        }
        if (!Double.isFinite(lonLat[0]) || !Double.isFinite(lonLat[1])) {
            throw new IllegalArgumentException("EPSG:" + epsg + " has no longitude and latitude at " + x + ", " + y);
        }
        return lonLat;
    }

    /**
     * WGS84 box enclosing the four corners of a rectangle of map coordinates (upper-left and lower-right corners): a
     * projected square is slightly rotated or curved in longitude and latitude. Across the antimeridian it ends past
     * 180 ({@link GeoBox#wrapped}).
     */
    public static GeoBox footprint(int epsg, double ulx, double uly, double lrx, double lry) {
        double minLon = Double.POSITIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        double[][] corners = {{ulx, uly}, {lrx, uly}, {ulx, lry}, {lrx, lry}};
        for (double[] c : corners) {
            double[] ll = toLonLat(epsg, c[0], c[1]);
            minLon = Math.min(minLon, ll[0]);
            maxLon = Math.max(maxLon, ll[0]);
            minLat = Math.min(minLat, ll[1]);
            maxLat = Math.max(maxLat, ll[1]);
        }
        // a corner past the antimeridian comes out past ±180 (zones 1 and 60): the box is kept whole, its west edge moved
        // into -180..180 and its east edge then past 180
        return GeoBox.wrapped(minLon, minLat, maxLon, maxLat);
    }

    /** The UTM zone of a code: positive north, negative south, 0 for a code that is not a UTM zone. */
    private static int utmZone(int epsg) {
        if (Utm.isUtm(epsg)) {
            return epsg / 100 == 326 ? epsg % 100 : -(epsg % 100);
        }
        if (epsg >= 25828 && epsg <= 25838) { // ETRS89 / UTM zones 28N-38N
            return epsg - 25800;
        }
        if (epsg >= 26901 && epsg <= 26923) { // NAD83 / UTM zones 1N-23N
            return epsg - 26900;
        }
        return epsg == 3067 ? 35 : 0; // ETRS89 / TM35FIN(E,N): zone 35's transverse Mercator
    }

    private static boolean isWebMercator(int epsg) {
        return epsg == 3857 || epsg == 3785; // 900913, its unofficial code, does not fit a GeoKey's 16 bits
    }

    /** Inverse Lambert azimuthal equal-area on GRS80, oblique aspect (IOGP Guidance Note 7-2, EPSG method 9820). */
    private static double[] lambertEurope(double x, double y) {
        double dx = (x - LAEA_FE) / LAEA_D;
        double dy = LAEA_D * (y - LAEA_FN);
        double rho = Math.hypot(dx, dy);
        if (rho == 0) {
            return new double[] {LAEA_LON0, Math.toDegrees(LAEA_LAT0)};
        }
        double c = 2 * Math.asin(rho / (2 * RQ));
        double beta = Math.asin(Math.cos(c) * Math.sin(BETA0) + dy * Math.sin(c) * Math.cos(BETA0) / rho);
        double e4 = E2 * E2;
        double e6 = e4 * E2;
        double lat = beta + (E2 / 3 + 31 * e4 / 180 + 517 * e6 / 5040) * Math.sin(2 * beta)
                + (23 * e4 / 360 + 251 * e6 / 3780) * Math.sin(4 * beta) + (761 * e6 / 45360) * Math.sin(6 * beta);
        double lon = Math.atan2(dx * Math.sin(c), rho * Math.cos(BETA0) * Math.cos(c) - dy * Math.sin(BETA0) * Math.sin(c));
        return new double[] {LAEA_LON0 + Math.toDegrees(lon), Math.toDegrees(lat)};
    }

    /** The authalic q of latitude {@code phi} (radians) on GRS80. */
    private static double q(double phi) {
        double s = Math.sin(phi);
        return (1 - E2) * (s / (1 - E2 * s * s) - Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
    }
}
