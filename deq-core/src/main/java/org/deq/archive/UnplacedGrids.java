package org.deq.archive;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;
import org.deq.raster.PatchMeta;

/**
 * Notes the GeoTIFFs an ingest stored without a footprint although they are georeferenced: in a coordinate system deq
 * does not place ({@link org.deq.raster.CoordinateSystems}), whose patches {@code bbox=} filters and change pairs pass
 * by. Fed on the ingest's thread, it reads the header of each such file once (a scene's once for all its windows).
 */
final class UnplacedGrids implements IngestNotes {

    /** Files whose headers one ingest reads at most: a folder of thousands in one system says so from the first. */
    private static final int MAX_CHECKED = 10_000;

    /** GeoTIFF's code of a coordinate system its keys define rather than name (MODIS sinusoidal, ...). */
    private static final int USER_DEFINED = 32767;

    private final Map<Integer, NotedExamples> byEpsg = new TreeMap<>();
    private final Set<Path> checked = new HashSet<>();

    /** Checks the file of a patch stored without a footprint. */
    @Override
    public void read(PatchMeta meta) {
        if (meta.footprint() != null || meta.source() == null) {
            return;
        }
        Path file = Archives.sourcePath(meta.source());
        if (!ImageFiles.isTiff(file) || checked.size() >= MAX_CHECKED || !checked.add(file)) {
            return;
        }
        GeoRef geo;
        try {
            geo = GeoTiffReader.scene(file).geo();
        } catch (BadInputException e) { // gone since it was read (or not readable here): nothing to say of its grid
            return;
        }
        if (geo != null) {
            // named as the ingest's other notes name them: by id, a scene by its patches' common part
            String id = SceneTiles.isWindow(meta.source()) ? meta.id().substring(0, Math.max(0, meta.id().lastIndexOf('/')))
                    : meta.id();
            byEpsg.computeIfAbsent(geo.epsg() == USER_DEFINED ? 0 : geo.epsg(), code -> new NotedExamples()).add(id);
        }
    }

    /** One line per coordinate system. */
    @Override
    public List<String> lines() {
        return byEpsg.entrySet().stream().map(e -> {
            boolean one = e.getValue().count() == 1;
            return e.getValue().counted("GeoTIFF is", "GeoTIFFs are") + " georeferenced in "
                    + (e.getKey() == 0 ? "a coordinate system without an EPSG code" : "EPSG:" + e.getKey())
                    + ", in which deq places no footprint: " + (one ? "its" : "their") + " patches are stored without one"
                    + " (bbox= filters and change pairs pass them by; gdalwarp -t_srs EPSG:4326 places " + (one ? "it" : "them")
                    + "): " + e.getValue().examples();
        }).toList();
    }
}
