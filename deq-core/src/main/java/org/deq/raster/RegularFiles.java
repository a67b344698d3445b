package org.deq.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses what is not a regular file before it is opened: opening a FIFO blocks until something writes to it, and a
 * device such as {@code /dev/zero} reads as an empty or endless file, so neither may pass for a missing file or a
 * corrupt image.
 */
public final class RegularFiles {

    /** The file type bits of a Unix mode, and the types of special file among them. */
    private static final int TYPE = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {
    }

    /** Refuses {@code file} in one line naming it unless it is a regular file (a link to one included); opens nothing. */
    public static void require(Path file) throws BadInputException {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file, Files.isSymbolicLink(file) ? "a broken link: its target does not exist" : "no such file");
        }
        throw new BadInputException(file, Files.isDirectory(file) ? "a folder, not a file"
                : "not a regular file but " + special(file) + ", which deq does not read");
    }

    /** What kind of special file {@code file} is, from its Unix mode where the file system gives one. */
    private static String special(Path file) {
        try {
            return switch ((Integer) Files.getAttribute(file, "unix:mode") & TYPE) {
                case FIFO -> "a FIFO (named pipe)";
                case CHARACTER_DEVICE -> "a character device";
                case BLOCK_DEVICE -> "a block device";
                case SOCKET -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file"; // no Unix mode on this file system
        }
    }
}
