package org.deq.archive;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * The file {@code stem.tif} (or {@code .tiff}, in any case) in {@code folder} of the first of {@code stems} that has
     * one, or null when none has; an entry of that name that is no regular file (a FIFO, a folder) is returned too, for
     * the reader to refuse by what it is rather than as a missing band: the usual extensions of every name are tried first, and the folder is listed
     * at most once, only when none of them exists (a band-file folder of SSL4EO-S12 names its bands otherwise than
     * BigEarthNet: listing it for each name tried cost a directory scan per name and band).
     */
    static Path find(Path folder, String... stems) {
        for (String stem : stems) {
            for (String extension : USUAL) {
                Path file = folder.resolve(stem + extension);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return file;
                }
            }
        }
        // another case of the extension: listed, since the file system matches names by case
        Path[] found = new Path[stems.length];
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ImageFiles::isTiff)) {
            for (Path file : files) {
                String name = ImageFiles.withoutExtension(file.getFileName().toString());
                for (int i = 0; i < stems.length; i++) {
                    if (found[i] == null && name.equals(stems[i])) {
                        found[i] = file;
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return null; // no such folder, or one that cannot be listed: no band file
        }
        for (Path file : found) {
            if (file != null) {
                return file;
            }
        }
        return null;
    }
}
