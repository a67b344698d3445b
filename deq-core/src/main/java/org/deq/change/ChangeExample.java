package org.deq.change;

import java.util.Objects;
import org.deq.raster.Patch;

/**
 * One side (before or after) of a change query: a patch stored in the index, named by its id, or an example patch
 * read from a file, which is described with the index's descriptor. The two sides may be of either kind.
 *
 * @param id the stored patch's id, or null for an example
 * @param patch the example patch, or null for a stored one
 */
public record ChangeExample(String id, Patch patch) {

    /** Exactly one of id and patch. */
    public ChangeExample {
        if ((id == null) == (patch == null)) {
            throw new IllegalArgumentException("a change example is a stored id or an example patch, not both or neither");
        }
    }

    /** A patch stored in the index. */
    public static ChangeExample stored(String id) {
        return new ChangeExample(Objects.requireNonNull(id, "id"), null);
    }

    /** An example patch, described with the index's descriptor. */
    public static ChangeExample of(Patch patch) {
        return new ChangeExample(null, Objects.requireNonNull(patch, "patch"));
    }

    /** Whether this side is a stored patch. */
    public boolean isStored() {
        return id != null;
    }
}
