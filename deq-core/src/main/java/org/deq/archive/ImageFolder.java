package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/** A scene set with one sub-folder per class (UC Merced style; PNG, JPEG or TIFF): id {@code class/file-stem}, label the class. */
public final class ImageFolder implements Archive {

    private final Path root;

    /** The archive of the class folders under {@code root}. */
    public ImageFolder(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "image folder " + root;
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return images().map(ImageFolder::source).iterator();
    }

    /** The number of images in the class folders. */
    @Override
    public long sizeHint() {
        return Folders.count(images());
    }

    /** The image files of every class folder, folders and files in name order. */
    private Stream<Path> images() {
        return Folders.sortedSubfolders(root)
                .flatMap(dir -> Folders.sorted(Folders.list(dir), f -> Files.isRegularFile(f) && ImageFiles.isImage(f)));
    }

    private static PatchSource source(Path file) {
        String label = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        String id = label + "/" + name.substring(0, name.lastIndexOf('.'));
        return PatchSource.of(id, file, () -> ImageFiles.read(file, new PatchMeta(id, file.toString(), null, null, List.of(label), Set.of())));
    }
}
