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
}
