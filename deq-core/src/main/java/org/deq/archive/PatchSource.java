package org.deq.archive;

import java.nio.file.Path;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;

/** One patch of an archive, not yet read: its id and where it lives; {@link #read()} decodes it. */
public interface PatchSource {

    /** Archive-unique patch id. */
    String id();

    /** The file or folder the patch is read from. */
    Path location();

    /** Reads and decodes the patch; a bad file gives a one-line {@link BadInputException} naming it. */
    Patch read() throws BadInputException;

    /** How a source decodes its patch. */
    @FunctionalInterface
    interface Reader {
        /** Reads and decodes the patch. */
        Patch read() throws BadInputException;
    }

    /** A source with the given id and location that decodes with {@code reader}. */
    static PatchSource of(String id, Path location, Reader reader) {
        return new PatchSource() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Path location() {
                return location;
            }

            @Override
            public Patch read() throws BadInputException {
                return reader.read();
            }
        };
    }
}
