package org.deq.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.archive.SceneTiles;
import org.deq.raster.BadInputException;

/**
 * An archive as every Spark worker opens it: its root folder, an optional UC Merced style label file, and the patch size
 * when the archive is GeoTIFF scenes cut into patches. The paths must name the same files on every machine of the
 * cluster (a shared or replicated file system).
 *
 * @param root   the archive root folder (or scene file)
 * @param labels the multi-label file replacing folder labels, or null
 * @param tile   the side of the patches scenes are cut into ({@link SceneTiles}), or 0 for an archive of patches
 */
public record ArchiveRef(String root, String labels, int tile) implements Serializable {

    public ArchiveRef {
        Objects.requireNonNull(root, "root");
    }

    /** The archive at {@code root}, relabelled from {@code labels} when that is not null. */
    public static ArchiveRef of(Path root, Path labels) {
        return new ArchiveRef(root.toAbsolutePath().toString(), labels == null ? null : labels.toAbsolutePath().toString(), 0);
    }

    /** The GeoTIFF scenes at {@code root} (a file or a folder) cut into {@code size}-pixel patches. */
    public static ArchiveRef tiled(Path root, int size) {
        return new ArchiveRef(root.toAbsolutePath().toString(), null, size);
    }

    /** Opens the archive as the local ingest does ({@link Archives#open} or {@link SceneTiles}, then {@link Archives#withLabels}). */
    public Archive open() throws BadInputException {
        Archive archive = tile != 0 ? new SceneTiles(Path.of(root), tile) : Archives.open(Path.of(root));
        return labels == null ? archive : Archives.withLabels(archive, Path.of(labels));
    }
}
