package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinateSystemsTest {

    /** Asserts {@code x, y} in EPSG:{@code epsg} is {@code lon, lat} to {@code degrees}. */
    private static void assertLonLat(int epsg, double x, double y, double lon, double lat, double degrees) {
        double[] ll = CoordinateSystems.toLonLat(epsg, x, y);
        assertThat(ll[0]).as("longitude in EPSG:" + epsg).isCloseTo(lon, within(degrees));
        assertThat(ll[1]).as("latitude in EPSG:" + epsg).isCloseTo(lat, within(degrees));
    }

    // expected values: gdaltransform -s_srs EPSG:code -t_srs EPSG:4326 (GDAL 3.6.2, PROJ), no datum shift

    @Test
    void lambertEqualAreaEuropeAsProjComputesIt() {
        assertLonLat(3035, 3962799.45, 2999718.85, 5, 50, 1e-7); // the worked example of IOGP Guidance Note 7-2
        assertLonLat(3035, 4321000, 3210000, 10, 52, 1e-9); // the origin
        assertLonLat(3035, 2500000, 1500000, -9.82634251721371, 34.4278253784158, 1e-7);
        assertLonLat(3035, 6500000, 5000000, 54.3312808592759, 61.6115993472704, 1e-7);
    }

    @Test
    void webMercatorAsProjComputesIt() {
        assertLonLat(3857, 1113194.91, 6446275.84, 10, 50, 1e-7);
        assertLonLat(3857, -20000000, -15000000, -179.663056823904, -79.1237548350744, 1e-7);
        assertLonLat(3785, 1113194.91, 6446275.84, 10, 50, 1e-7);
    }

    @Test
    void utmZonesOnEtrs89AndNad83AndTm35FinAsProjComputesThemToAMetre() {
        assertLonLat(25832, 500000, 5500000, 9, 49.6525429235568, 1e-5);
        assertLonLat(25832, 691000, 5335000, 11.5675012292352, 48.1395583498677, 1e-5);
        assertLonLat(3067, 385000, 6672000, 24.9274577133122, 60.1686659998499, 1e-5);
        assertLonLat(26918, 583000, 4507000, -74.0174029474013, 40.7097356687247, 1e-5);
        // the same coordinates in WGS 84's zone give the same place
        assertThat(CoordinateSystems.toLonLat(25832, 691000, 5335000)).containsExactly(Utm.toLonLat(32632, 691000, 5335000));
    }

    @Test
    void geographicEtrs89AndNad83AreTakenAsWgs84() {
        assertLonLat(4258, 10.5, 50.5, 10.5, 50.5, 0);
        assertLonLat(4269, -74, 40.7, -74, 40.7, 0);
        GeoBox box = new GeoRef(10, 51, 0.001, 0.001, 4258).footprint(100, 100);
        assertThat(box).isEqualTo(new GeoBox(10, 50.9, 10.1, 51));
    }

    @Test
    void footprintsAcrossTheAntimeridianEndPast180AndAreFoundFromEitherSide() {
        // 1.2 km tiles in UTM zone 1 and zone 60 that straddle 180°, and one in 0..360 geographic longitudes (GDAL's
        // wgs84Extent of the zone 1 tile: 179.99396 .. -179.99501)
        GeoBox zone1 = new GeoRef(170400, 1106000, 10, 10, 32601).footprint(120, 120);
        GeoBox zone60 = new GeoRef(828600, 1106000, 10, 10, 32660).footprint(120, 120);
        GeoBox geo360 = new GeoRef(189.995, 10.005, 0.0001, 0.0001, 4326).footprint(100, 100);
        assertThat(zone1.minLon()).isCloseTo(179.99396, within(1e-4));
        assertThat(zone1.east()).isCloseTo(-179.99501, within(1e-4));
        assertThat(zone1.crossesAntimeridian()).isTrue();
        assertThat(zone60.minLon()).isBetween(179.9, 180.0);
        assertThat(zone60.crossesAntimeridian()).isTrue();
        assertThat(geo360.minLon()).isCloseTo(-170.005, within(1e-9));
        assertThat(geo360.crossesAntimeridian()).isFalse();
        // a query box on either side of 180°, or one across it (minLon east of maxLon), finds them
        for (String query : List.of("-180,9.99,-179.995,10.0", "179.995,9.985,180,9.99", "179.99,9,-179.99,11")) {
            assertThat(zone1.intersects(GeoBox.parse(query))).as(query).isTrue();
            assertThat(zone60.intersects(GeoBox.parse(query))).as(query).isTrue();
        }
        assertThat(geo360.intersects(GeoBox.parse("-170.01,9.99,-169.99,10.0"))).isTrue();
        assertThat(zone1.intersects(GeoBox.parse("170,9,171,11"))).isFalse();
        // a footprint stored before boxes were wrapped (-180.006 .. -179.995) is still found from the other side
        assertThat(new GeoBox(-180.006, 9.98, -179.995, 9.99).intersects(GeoBox.parse("179.99,9.98,180,9.99"))).isTrue();
    }

    @Test
    void aRasterInLambertEuropeGetsAFootprintAroundItsCorners() {
        // 120 x 120 pixels of 10 m around the IOGP example point
        GeoBox box = new GeoRef(3962799.45 - 600, 2999718.85 + 600, 10, 10, 3035).footprint(120, 120);
        assertThat(box.centerLon()).isCloseTo(5, within(1e-4));
        assertThat(box.centerLat()).isCloseTo(50, within(1e-4));
        assertThat((box.maxLat() - box.minLat()) * 111_200).isBetween(1200.0, 1300.0);
    }

    @Test
    void otherCodesHaveNoFootprintAndSaySo() {
        assertThat(CoordinateSystems.isKnown(2154)).isFalse(); // RGF93 / Lambert-93: not (yet) placed
        assertThat(new GeoRef(700000, 6600000, 10, 10, 2154).footprint(10, 10)).isNull();
        assertThatThrownBy(() -> CoordinateSystems.toLonLat(2154, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EPSG:2154");
        // a point beyond Lambert Europe's reach has no longitude and latitude
        assertThatThrownBy(() -> CoordinateSystems.toLonLat(3035, 1e9, 1e9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EPSG:3035");
    }
}
