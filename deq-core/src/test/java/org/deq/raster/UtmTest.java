package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UtmTest {

    @Test
    void centralMeridianOnTheEquator() {
        double[] ll = Utm.toLonLat(32633, 500000, 0);
        assertThat(ll[0]).isCloseTo(15.0, within(1e-9));
        assertThat(ll[1]).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void knownPointNorthAndSouth() {
        // CN Tower: UTM 17N 630084 E, 4833439 N = 43.64257 N, 79.38714 W (Wikipedia, "Universal Transverse Mercator")
        double[] ll = Utm.toLonLat(32617, 630084, 4833439);
        assertThat(ll[0]).isCloseTo(-79.38714, within(1e-4));
        assertThat(ll[1]).isCloseTo(43.64257, within(1e-4));
        // the southern hemisphere mirrors the northing about the 10 000 km false northing
        double[] south = Utm.toLonLat(32717, 630084, 10_000_000 - 4833439);
        assertThat(south[0]).isCloseTo(-79.38714, within(1e-4));
        assertThat(south[1]).isCloseTo(-43.64257, within(1e-4));
    }

    @Test
    void footprintOfAPatchIsAboutOneKilometre() {
        GeoBox box = Utm.footprint(32633, 404400, 5342400, 405600, 5341200);
        assertThat((box.maxLat() - box.minLat()) * 111_320).isBetween(1150.0, 1300.0);
        assertThat(box.centerLon()).isBetween(13.0, 14.0);
        assertThat(box.centerLat()).isBetween(48.0, 48.5);
    }

    @Test
    void rejectsNonUtmCode() {
        assertThatThrownBy(() -> Utm.toLonLat(3857, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EPSG:3857");
    }
}
