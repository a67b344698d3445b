package org.deq.archive;

import java.util.List;
import org.deq.raster.PatchMeta;

/**
 * What an archive notes about one ingest of it, none of it an error: labels that fit no class, label-file rows or table
 * rows that name no patch, patches the label table leaves out. Fed the listing and the patches read, on the ingest's
 * own thread (a cluster's workers read the patches, whose metadata comes back to it).
 */
public interface IngestNotes {

    /** Notes nothing. */
    IngestNotes NONE = new IngestNotes() {
    };

    /** The id of a patch of the archive's listing, one already stored included. */
    default void listed(String id) {
    }

    /** The metadata of a patch read and stored. */
    default void read(PatchMeta meta) {
    }

    /** One line per note, once the whole archive was listed. */
    default List<String> lines() {
        return List.of();
    }
}
