package org.deq.archive;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.raster.ImageFiles;

/**
 * Finds a band file by its name without extension, that extension {@code .tif} or {@code .tiff} in any case ({@code
 * B4.TIF} as {@code B4.tif}), as a GeoTIFF folder takes its files: the name itself is matched exactly.
 */
final class BandFile {

    /** The extensions tried first, without listing the folder: what the datasets and GDAL write. */
    private static final List<String> USUAL = List.of(".tif", ".tiff");

    private BandFile() {
    }

    /** The regular file {@code stem.tif} (or {@code .tiff}, in any case) in {@code folder}, or null when there is none. */
    static Path find(Path folder, String stem) {
        for (String extension : USUAL) {
            Path file = folder.resolve(stem + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        // another case of the extension: listed, since the file system matches names by case
        DirectoryStream.Filter<Path> named = f -> ImageFiles.isTiff(f)
                && ImageFiles.withoutExtension(f.getFileName().toString()).equals(stem);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, named)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return null; // no such folder, or one that cannot be listed: no band file
        }
        return null;
    }
}
