package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.deq.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is no regular file is refused by its kind, never opened: a FIFO (opening it would block), a device, a folder
 * named like a picture, a broken link; a missing file is still missing.
 */
class RegularFilesTest {

    @TempDir
    Path tmp;

    /** Every reader of a picture or GeoTIFF refuses {@code file} with {@code reason}, without blocking. */
    private static void refused(Path file, String reason) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> GeoTiffReader.read(file)).isInstanceOf(BadInputException.class).hasMessage(file + ": " + reason);
            assertThatThrownBy(() -> GeoTiffReader.imageSize(file)).hasMessage(file + ": " + reason);
            assertThatThrownBy(() -> ImageFiles.read(file, PatchMeta.of("x", file.toString()))).hasMessage(file + ": " + reason);
        });
    }

    @Test
    void aFifoIsRefusedUnopened() throws Exception {
        refused(SpecialFiles.fifo(tmp, "pipe.tif"), "not a regular file but a FIFO (named pipe), which deq does not read");
        refused(SpecialFiles.fifo(tmp, "pipe.png"), "not a regular file but a FIFO (named pipe), which deq does not read");
    }

    @Test
    void aDeviceAFolderAndABrokenLinkAreRefusedByTheirKindAndAMissingFileIsMissing() throws Exception {
        // a device read as a TIFF was "empty file (0 bytes)", as a PNG "no such file"
        refused(SpecialFiles.devZero(tmp, "zero.tif"), "not a regular file but a character device, which deq does not read");
        refused(SpecialFiles.devZero(tmp, "zero.png"), "not a regular file but a character device, which deq does not read");
        refused(Files.createDirectory(tmp.resolve("dir.jpg")), "a folder, not a file");
        refused(Files.createSymbolicLink(tmp.resolve("broken.tif"), tmp.resolve("gone.tif")), "a broken link: its target does not exist");
        refused(tmp.resolve("missing.jpg"), "no such file");
    }
}
