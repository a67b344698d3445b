package org.deq.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.search.Csv;
import org.deq.search.Hit;

/** A result list written as GeoJSON (footprints, labels, scores) or CSV. */
final class Exports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Exports() {
    }

    /**
     * A FeatureCollection: one feature per hit, its footprint as a polygon with a {@code bbox} (two polygons across the
     * antimeridian, RFC 7946 3.1.9; null geometry when not georeferenced).
     */
    static String geoJson(List<Hit> hits) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        for (Hit h : hits) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", h.id());
            GeoBox b = h.meta().footprint();
            if (b == null) {
                f.putNull("geometry");
            } else {
                ObjectNode g = f.putObject("geometry");
                // RFC 7946 3.1.9: a footprint across the antimeridian is two polygons, each within -180..180
                if (b.crossesAntimeridian()) {
                    g.put("type", "MultiPolygon");
                    ArrayNode polygons = g.putArray("coordinates");
                    ring(polygons.addArray(), b.minLon(), 180, b.minLat(), b.maxLat());
                    ring(polygons.addArray(), -180, b.east(), b.minLat(), b.maxLat());
                } else {
                    g.put("type", "Polygon");
                    ring(g.putArray("coordinates"), b.minLon(), b.maxLon(), b.minLat(), b.maxLat());
                }
                f.putArray("bbox").add(b.minLon()).add(b.minLat()).add(b.east()).add(b.maxLat());
            }
            ObjectNode p = f.putObject("properties");
            p.put("rank", h.rank());
            p.put("id", h.id());
            p.put("distance", h.distance());
            PatchMeta m = h.meta();
            if (m.acquired() == null) {
                p.putNull("acquired");
            } else {
                p.put("acquired", m.acquired().toString());
            }
            ArrayNode labels = p.putArray("labels");
            m.labels().forEach(labels::add);
        }
        return root.toString();
    }

    /** Adds to {@code polygon} the closed counter-clockwise ring of a longitude/latitude rectangle. */
    private static void ring(ArrayNode polygon, double west, double east, double south, double north) {
        ArrayNode ring = polygon.addArray();
        double[][] corners = {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
        for (double[] c : corners) {
            ring.addArray().add(c[0]).add(c[1]);
        }
    }

    /**
     * One row per hit: rank, id, distance, acquired, footprint corners (max_lon west of min_lon across the antimeridian), labels joined by {@code |}; an id or labels a
     * spreadsheet would take for a formula get a leading {@code '} ({@link Csv#spreadsheetField}).
     */
    static String csv(List<Hit> hits) {
        StringBuilder out = new StringBuilder("rank,id,distance,acquired,min_lon,min_lat,max_lon,max_lat,labels\n");
        for (Hit h : hits) {
            PatchMeta m = h.meta();
            GeoBox b = m.footprint();
            out.append(h.rank()).append(',').append(Csv.spreadsheetField(h.id())).append(',')
                    .append(String.format(Locale.ROOT, "%.6g", h.distance())).append(',')
                    .append(m.acquired() == null ? "" : m.acquired().toString()).append(',');
            if (b == null) {
                out.append(",,,,");
            } else {
                out.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f,", b.minLon(), b.minLat(), b.east(), b.maxLat()));
            }
            out.append(Csv.spreadsheetField(String.join("|", m.labels()))).append('\n');
        }
        return out.toString();
    }
}
