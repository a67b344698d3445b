package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.search.Hit;
import org.junit.jupiter.api.Test;

/** Exported footprints as GIS tools read them: RFC 7946 GeoJSON, and CSV corners. */
class ExportsTest {

    private static Hit hit(int rank, String id, GeoBox footprint) {
        return new Hit(rank, id, 0.5f, new PatchMeta(id, id, null, footprint, List.of("Sea"), Set.of()));
    }

    @Test
    void aFootprintAcrossTheAntimeridianIsTwoPolygonsWithinTheLongitudesOfTheGlobe() throws Exception {
        GeoBox across = GeoBox.wrapped(-180.006, 9.98, -179.995, 9.99); // a UTM zone 1 tile, as its corners come out
        GeoBox plain = new GeoBox(10, 50, 10.01, 50.01);
        JsonNode features = new ObjectMapper().readTree(Exports.geoJson(List.of(hit(1, "a", across), hit(2, "b", plain))))
                .path("features");
        JsonNode split = features.get(0);
        assertThat(split.path("geometry").path("type").asText()).isEqualTo("MultiPolygon");
        JsonNode polygons = split.path("geometry").path("coordinates");
        assertThat(polygons).hasSize(2);
        for (JsonNode polygon : polygons) {
            JsonNode ring = polygon.get(0);
            assertThat(ring).hasSize(5);
            assertThat(ring.get(0)).isEqualTo(ring.get(4)); // closed
            double area = 0; // counter-clockwise: positive shoelace sum
            for (int i = 0; i < 4; i++) {
                area += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                        - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
            }
            assertThat(area).isPositive();
            for (JsonNode corner : ring) {
                assertThat(corner.get(0).asDouble()).isBetween(-180.0, 180.0);
            }
        }
        assertThat(split.path("bbox").get(0).asDouble()).isGreaterThan(split.path("bbox").get(2).asDouble()); // west > east
        assertThat(features.get(1).path("geometry").path("type").asText()).isEqualTo("Polygon");
        assertThat(features.get(1).path("bbox").toString()).isEqualTo("[10.0,50.0,10.01,50.01]");
        // the CSV's corners alike: max_lon west of min_lon
        String row = Exports.csv(List.of(hit(1, "a", across))).lines().skip(1).findFirst().orElseThrow();
        assertThat(row).contains(",179.994000,9.980000,-179.995000,9.990000,");
    }
}
