package org.deq.raster;

/**
 * A WGS 84 / UTM zone (EPSG 326zz north, 327zz south): its EPSG code, its WKT as BigEarthNet writes it, and the
 * inverse projection to longitude/latitude.
 *
 * @param zone  UTM zone number, 1..60
 * @param north true for the northern hemisphere
 */
public record UtmZone(int zone, boolean north) {

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
}
