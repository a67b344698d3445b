package org.deq.feedback;

import java.nio.file.Path;
import org.deq.raster.BadInputException;

/** A session could not be started: a saved one has its name. Callers say how to continue or replace it. */
public final class SessionExistsException extends BadInputException {

    private final String name;

    /** The session {@code name}, saved in {@code file}. */
    public SessionExistsException(Path file, String name) {
        super(file, "feedback session '" + name + "' exists; delete it first to replace it, or pick another name");
        this.name = name;
    }

    /** The session's name. */
    public String name() {
        return name;
    }
}
