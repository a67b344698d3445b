package org.deq.analysis;

import java.time.Instant;

/**
 * Where the sun stands seen from a place at a moment: NOAA's solar position algorithm (after Meeus, Astronomical
 * Algorithms, 1991; good to about 0.01 degrees between 1800 and 2100, without refraction). BigEarthNet's patches carry
 * no sun angles, but their product time and place give them, which the biophysical networks need.
 *
 * @param zenith  degrees from the vertical
 * @param azimuth degrees clockwise from north
 */
public record SolarPosition(double zenith, double azimuth) {

    private static final double J2000 = 2451545.0;
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;

    /** The sun's position at {@code time} seen from {@code latitude}, {@code longitude} (degrees, WGS 84). */
    public static SolarPosition at(Instant time, double latitude, double longitude) {
        double julianDay = UNIX_EPOCH_JULIAN_DAY + time.getEpochSecond() / 86400.0 + time.getNano() / 86400e9;
        double t = (julianDay - J2000) / 36525.0; // Julian centuries since J2000
        double meanLongitude = mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
        double meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        double m = Math.toRadians(meanAnomaly);
        double centre = Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
                + Math.sin(2 * m) * (0.019993 - 0.000101 * t) + Math.sin(3 * m) * 0.000289;
        double omega = Math.toRadians(125.04 - 1934.136 * t);
        double apparentLongitude = Math.toRadians(meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(omega));
        double meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        double obliquity = Math.toRadians(meanObliquity + 0.00256 * Math.cos(omega));
        double declination = Math.asin(Math.sin(obliquity) * Math.sin(apparentLongitude));

        double y = Math.pow(Math.tan(obliquity / 2), 2);
        double l0 = Math.toRadians(meanLongitude);
        double equationOfTimeMinutes = 4 * Math.toDegrees(y * Math.sin(2 * l0) - 2 * eccentricity * Math.sin(m)
                + 4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0) - 0.5 * y * y * Math.sin(4 * l0)
                - 1.25 * eccentricity * eccentricity * Math.sin(2 * m));
        double utcMinutes = Math.floorMod(time.getEpochSecond(), 86400L) / 60.0 + time.getNano() / 60e9;
        double trueSolarMinutes = utcMinutes + equationOfTimeMinutes + 4 * longitude;
        double hourAngle = Math.toRadians(trueSolarMinutes / 4 - 180);

        double lat = Math.toRadians(latitude);
        double cosZenith = Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
        double zenith = Math.acos(Math.max(-1, Math.min(1, cosZenith)));
        // azimuth from the south-based atan2, turned to clockwise from north
        double azimuth = Math.toDegrees(Math.atan2(Math.sin(hourAngle),
                Math.cos(hourAngle) * Math.sin(lat) - Math.tan(declination) * Math.cos(lat))) + 180;
        return new SolarPosition(Math.toDegrees(zenith), mod360(azimuth));
    }

    private static double mod360(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}
