package org.deq.raster;

/**
 * Georeferencing of a raster without rotation: map coordinates of the upper-left corner of the upper-left pixel, pixel
 * size in map units (the height positive for a north-up grid, where rows run south; negative for a south-up one), and
 * the EPSG code of the coordinate system (0 when the file does not say).
 */
public record GeoRef(double originX, double originY, double pixelWidth, double pixelHeight, int epsg) {

    /** EPSG code of WGS84 longitude/latitude. */
    public static final int WGS84 = 4326;

    /**
     * WGS84 footprint of a {@code width x height} raster, or {@code null} in a coordinate system deq does not place
     * footprints in ({@link CoordinateSystems}).
     */
    public GeoBox footprint(int width, int height) {
        return footprint(0, 0, width, height);
    }

    /**
     * WGS84 footprint of the {@code w x h} window whose upper-left pixel is column {@code x}, row {@code y}, or
     * {@code null} as {@link #footprint(int, int)}. Every edge is computed from this grid's origin and a pixel index, so
     * windows side by side share their edges to the bit (a window's own grid, {@link #window}, rounds them apart).
     */
    public GeoBox footprint(int x, int y, int w, int h) {
        double left = originX + x * pixelWidth;
        double right = originX + (x + w) * pixelWidth;
        double top = originY - y * pixelHeight;
        double bottom = originY - (y + h) * pixelHeight;
        // a south-up grid's first row is its southern edge
        double minX = Math.min(left, right);
        double maxX = Math.max(left, right);
        double minY = Math.min(top, bottom);
        double maxY = Math.max(top, bottom);
        if (CoordinateSystems.isGeographic(epsg)) {
            return GeoBox.wrapped(minX, minY, maxX, maxY); // a grid in 0..360 longitudes too
        }
        return CoordinateSystems.isKnown(epsg) ? CoordinateSystems.footprint(epsg, minX, maxY, maxX, minY) : null;
    }

    /** The grid of a window of this raster whose upper-left pixel is column {@code x}, row {@code y}. */
    public GeoRef window(int x, int y) {
        return new GeoRef(originX + x * pixelWidth, originY - y * pixelHeight, pixelWidth, pixelHeight, epsg);
    }

    /**
     * Where {@code other}'s upper-left corner lies on this grid, in this grid's pixels: {x right, y down}. Both grids
     * must share a coordinate system; e.g. {0, 0} for BigEarthNet's 20 m bands on its 10 m grid, {-0.5, -0.5} for
     * SSL4EO-S12's.
     */
    public double[] offsetOf(GeoRef other) {
        if (other.epsg != epsg) {
            throw new IllegalArgumentException("grids in EPSG:" + epsg + " and EPSG:" + other.epsg + " cannot be compared");
        }
        return new double[] {(other.originX - originX) / pixelWidth, (originY - other.originY) / pixelHeight};
    }

    /** Whether {@code other} is this grid: same coordinate system and pixel size, corners less than half a pixel apart. */
    public boolean sameGrid(GeoRef other) {
        double w = Math.abs(pixelWidth); // a south-up grid's height is negative
        double h = Math.abs(pixelHeight);
        return other.epsg == epsg && Math.abs(other.pixelWidth - pixelWidth) <= w * 1e-6
                && Math.abs(other.pixelHeight - pixelHeight) <= h * 1e-6
                && Math.abs(other.originX - originX) < w / 2 && Math.abs(other.originY - originY) < h / 2;
    }
}
