package org.deq.raster;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about a patch besides its pixels.
 *
 * @param id        archive-unique id (e.g. the BigEarthNet patch name, or {@code class/file} for image folders)
 * @param source    where it was read from (a path or an archive name)
 * @param acquired  acquisition time, or {@code null} when unknown
 * @param footprint WGS84 bounding box, or {@code null} when not georeferenced
 * @param labels    land-cover labels, in a stable order, each once (a repeated one is kept at its first place; may be empty)
 * @param flags     markers such as {@code snow}, {@code cloud} (may be empty)
 * @param noDataPixels pixels read as 0 in every band for lack of data (a GeoTIFF's no data), for an ingest's note; an
 *                  index does not store it
 */
public record PatchMeta(String id, String source, Instant acquired, GeoBox footprint, List<String> labels,
                        Set<String> flags, int noDataPixels) implements Serializable {

    /**
     * The longest id, in UTF-8 bytes, an ingest stores: a request to the server names a patch by its id in the URL, and
     * two ids (a change pair), percent-encoded, then fit the 8 KiB of a request line.
     */
    public static final int MAX_ID_BYTES = 1024;

    public PatchMeta {
        Objects.requireNonNull(id, "id");
        source = source == null ? "" : source;
        labels = distinct(labels);
        flags = Set.copyOf(flags);
    }

    /** Metadata of a patch with data in every pixel. */
    public PatchMeta(String id, String source, Instant acquired, GeoBox footprint, List<String> labels, Set<String> flags) {
        this(id, source, acquired, footprint, labels, flags, 0);
    }

    /**
     * The labels, each once, in their first order: a label file may repeat one, and an index stores a set (six
     * million copies of one label in a BigEarthNet JSON file made the ingest run out of heap).
     */
    private static List<String> distinct(List<String> labels) {
        List<String> copy = List.copyOf(labels);
        if (copy.size() < 2) {
            return copy;
        }
        Set<String> seen = new LinkedHashSet<>(copy);
        return seen.size() == copy.size() ? copy : List.copyOf(seen);
    }

    /** Metadata with only an id and a source. */
    public static PatchMeta of(String id, String source) {
        return new PatchMeta(id, source, null, null, List.of(), Set.of());
    }

    /** The same metadata with other labels. */
    public PatchMeta withLabels(List<String> newLabels) {
        return new PatchMeta(id, source, acquired, footprint, newLabels, flags, noDataPixels);
    }

    /** The same metadata with another acquisition time (null: unknown). */
    public PatchMeta withAcquired(Instant time) {
        return new PatchMeta(id, source, time, footprint, labels, flags, noDataPixels);
    }

    /** The same metadata with another footprint (null: not georeferenced). */
    public PatchMeta withFootprint(GeoBox box) {
        return new PatchMeta(id, source, acquired, box, labels, flags, noDataPixels);
    }

    /** The same metadata with {@code pixels} pixels read as 0 for lack of data. */
    public PatchMeta withNoDataPixels(int pixels) {
        return new PatchMeta(id, source, acquired, footprint, labels, flags, pixels);
    }

    /** The same metadata with other flags. */
    public PatchMeta withFlags(Set<String> newFlags) {
        return new PatchMeta(id, source, acquired, footprint, labels, newFlags, noDataPixels);
    }

}
