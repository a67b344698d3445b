package org.deq.raster;

import java.io.IOException;
import java.nio.file.Path;

/** Input that cannot be used (corrupt file, missing band, wrong size, malformed metadata); the message is one line naming the file. */
public class BadInputException extends IOException {

    private final transient Path file;

    /** {@code file} cannot be used; {@code reason} says why in one line without the file's name (the message is {@code file: reason}). */
    public BadInputException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    /** The same, with the exception that revealed the problem as the cause. */
    public BadInputException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
