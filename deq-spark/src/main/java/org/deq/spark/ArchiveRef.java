package org.deq.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.deq.archive.Archive;
import org.deq.archive.Archives;
import org.deq.raster.BadInputException;

/**
 * An archive as every Spark worker opens it: its root folder and an optional UC Merced style label file. The paths
 * must name the same files on every machine of the cluster (a shared or replicated file system).
 *
 * @param root   the archive root folder
 * @param labels the multi-label file replacing folder labels, or null
 */
public record ArchiveRef(String root, String labels) implements Serializable {

    public ArchiveRef {
        Objects.requireNonNull(root, "root");
    }

    /** The archive at {@code root}, relabelled from {@code labels} when that is not null. */
    public static ArchiveRef of(Path root, Path labels) {
        return new ArchiveRef(root.toAbsolutePath().toString(), labels == null ? null : labels.toAbsolutePath().toString());
    }

    /** Opens the archive as the local ingest does ({@link Archives#open}, then {@link Archives#withLabels}). */
    public Archive open() throws BadInputException {
        Archive archive = Archives.open(Path.of(root));
        return labels == null ? archive : Archives.withLabels(archive, Path.of(labels));
    }
}
