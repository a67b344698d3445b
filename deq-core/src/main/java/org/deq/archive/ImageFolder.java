package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.raster.ImageFiles;
import org.deq.raster.PatchMeta;

/**
 * A scene set with one sub-folder per class (UC Merced style; PNG, JPEG or TIFF): id {@code class/file-stem}, label the
 * class; pictures directly in the root (unsorted photos, a folder of query examples) are unlabelled, id {@code file-stem}.
 */
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
        return images().map(this::source).iterator();
    }

    /** Whether it has a class folder: pictures only in the root carry no label (a supervised --hash is refused up front). */
    @Override
    public boolean labelled() {
        return Folders.sortedSubfolders(root).findAny().isPresent();
    }

    /** The number of images in the class folders. */
    @Override
    public long sizeHint() {
        return Folders.count(images());
    }

    /**
     * The pictures in the root, then those of every class folder, folders and files in name order: every entry named
     * like a picture, so that one that is none (a FIFO, a device, a folder inside a class folder) is reported as a bad
     * patch rather than left out unsaid; a folder in the root is a class folder.
     */
    private Stream<Path> images() {
        return Stream.concat(Folders.sorted(Folders.list(root), f -> ImageFiles.isImage(f) && !Files.isDirectory(f)),
                Folders.sortedSubfolders(root).flatMap(dir -> Folders.sorted(Folders.list(dir), ImageFiles::isImage)));
    }

    private PatchSource source(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        boolean loose = file.getParent().equals(root);
        String label = loose ? null : file.getParent().getFileName().toString();
        String id = loose ? stem : label + "/" + stem;
        List<String> labels = loose ? List.of() : List.of(label);
        return PatchSource.of(id, file, () -> ImageFiles.read(file, new PatchMeta(id, file.toString(), null, null, labels, Set.of())));
    }
}
