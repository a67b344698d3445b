package org.deq.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;

/** Directory listings for the archive readers: lazy streams, with I/O errors naming the folder. */
final class Folders {

    private Folders() {
    }

    /**
     * Sub-folders of {@code dir} sorted by name, so that an archive gets the same ordinals on every file system; for a
     * BigEarthNet root of 590k folders the sort costs about a second beside the directory listing itself.
     */
    static Stream<Path> sortedSubfolders(Path dir) {
        return sorted(list(dir), Files::isDirectory);
    }

    /**
     * The entries of a listing that {@code keep} accepts, sorted; the listing is closed before this returns, so an
     * archive iterator abandoned early holds no directory handle (sorting reads the whole listing anyway).
     */
    static Stream<Path> sorted(Stream<Path> listing, Predicate<Path> keep) {
        try (listing) {
            return listing.filter(keep).sorted().toList().stream();
        }
    }

    /**
     * The entries at any depth below {@code root} that {@code keep} accepts, sorted ({@link #sorted}), folders left out:
     * regular files, and what else is named like one (a FIFO, a device, a broken link) for its reader to report as bad,
     * never opened here. A link given as the root is followed, as {@link #list} follows one for the other layouts (a
     * walk would take it for a file and find nothing); links to folders below it are not, so a link up the tree cannot
     * loop. The paths lie below {@code root} as given.
     */
    static Stream<Path> sortedFilesBelow(Path root, Predicate<Path> keep) {
        Stream<Path> files;
        try {
            Path real = root.toRealPath();
            files = Files.walk(real).map(f -> root.resolve(real.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list folder (" + e.getMessage() + ")", e);
        }
        return sorted(files, f -> !Files.isDirectory(f) && keep.test(f));
    }

    /**
     * The patch folders {@code levels} folders below {@code root}, in name order at every level: 0 is the root itself (one
     * patch folder given on its own), 1 its sub-folders (a folder of patch folders), 2 the sub-folders of those (a
     * BigEarthNet v2 archive of tile folders, an SSL4EO-S12 modality folder of location folders).
     */
    static Stream<Path> patchFolders(Path root, int levels) {
        if (levels < 0 || levels > 2) {
            throw new IllegalArgumentException("patch folders lie 0 to 2 levels below the root, not " + levels);
        }
        Stream<Path> folders = Stream.of(root);
        for (int level = 0; level < levels; level++) {
            folders = folders.flatMap(Folders::sortedSubfolders);
        }
        return folders;
    }

    /**
     * The error of a patch folder that could not be read: an empty folder (one left by an interrupted copy or unpacking)
     * said so in one line, rather than as a patch missing the label or band file {@code e} names; else {@code e}. Looked
     * at only on failure: listing every patch folder would cost an ingest one more directory read per patch.
     */
    static BadInputException whyUnreadable(Path folder, BadInputException e) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty() ? new BadInputException(folder, "empty folder: no label, metadata or band files") : e;
        } catch (IOException | UncheckedIOException listing) {
            return e; // the folder's own error says more than a failed listing
        }
    }

    /** Entries of {@code dir}, lazily. */
    static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    /** The number of elements of a listing, closing it: an archive's size for progress bars, one extra listing. */
    static long count(Stream<Path> listing) {
        try (listing) {
            return listing.count();
        }
    }
}
