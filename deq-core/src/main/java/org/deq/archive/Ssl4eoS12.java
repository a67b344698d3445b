package org.deq.archive;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;

/**
 * SSL4EO-S12 data: Sentinel-2 ({@code s2a} L2A or {@code s2c} L1C, {@code <modality>/<location>/<date>/B1.tif ...
 * B12.tif}, 10 m bands 264 x 264, 20 m 132 x 132, 60 m 44 x 44) or Sentinel-1 ({@code s1}, {@code VV.tif} and
 * {@code VH.tif} in dB, 264 x 264), plus {@code metadata.json}, one folder of per-band GeoTIFFs per date. One patch per
 * date folder, read by {@link S2BandFiles#readPatch} onto its 10 m grid or by {@link S1BandFiles#readPatch}; id
 * {@code <modality>/<location>/<date>}, e.g. {@code s2a/0000200/20200604T054639_20200604T054831_T43RCP}, whichever level
 * the archive is opened at: the modality folder (location folders below), one location folder (date folders below) or one date folder.
 * Unlabelled: SSL4EO-S12 is a pre-training set. Level-1C's B10 is not read (the twelve bands of BigEarthNet are).
 */
public final class Ssl4eoS12 implements Archive {

    private final Path root;
    private final int levels;
    private final boolean sentinel1;

    /**
     * The date folders {@code levels} folders below {@code root}: 2 for a modality folder such as {@code s2a}, 1 for a
     * location folder, 0 for one date folder; of Sentinel-1 ({@code s1}) or Sentinel-2 data.
     */
    public Ssl4eoS12(Path root, int levels, boolean sentinel1) {
        this.root = root;
        this.levels = levels;
        this.sentinel1 = sentinel1;
        Folders.patchFolders(root, levels).close(); // checks the level
    }

    @Override
    public String name() {
        String what = "SSL4EO-S12 " + (sentinel1 ? "Sentinel-1" : "Sentinel-2") + switch (levels) {
            case 0 -> " date folder";
            case 1 -> " location folder";
            default -> "";
        };
        return what + " at " + root;
    }

    /** SSL4EO-S12 is a self-supervised pre-training set: it has no labels. */
    @Override
    public boolean labelled() {
        return false;
    }

    /** The number of date folders. */
    @Override
    public long sizeHint() {
        return Folders.count(dateFolders());
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return dateFolders().map(Ssl4eoS12::source).iterator();
    }

    private Stream<Path> dateFolders() {
        return Folders.patchFolders(root, levels);
    }

    private static PatchSource source(Path folder) {
        String id = id(folder);
        return PatchSource.of(id, folder, () -> readPatch(folder));
    }

    /** Reads one date folder, of Sentinel-1 or Sentinel-2 bands, as a patch with its {@link #id}. */
    public static Patch readPatch(Path folder) throws BadInputException {
        return S1BandFiles.isPatchFolder(folder) ? S1BandFiles.readPatch(folder, id(folder)) : S2BandFiles.readPatch(folder, id(folder));
    }

    /** SSL4EO-S12's modality folders: their date folders share names (an L1C and an L2A date of one day). */
    private static final Set<String> MODALITIES = Set.of("s1", "s2a", "s2c");

    /**
     * {@code <modality>/<location>/<date>} (e.g. {@code s2a/0000200/20200604T...}), unique in the whole of SSL4EO-S12:
     * the folder's name after its parent's, after the grandparent's when that is a modality folder ({@code s1},
     * {@code s2a}, {@code s2c}), since the L1C and L2A dates of one day have the same folder name.
     */
    static String id(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String date = abs.getFileName() == null ? "" : abs.getFileName().toString();
        if (parent == null || parent.getFileName() == null) {
            return date;
        }
        String id = parent.getFileName() + "/" + date;
        Path modality = parent.getParent() == null ? null : parent.getParent().getFileName();
        return modality != null && MODALITIES.contains(modality.toString()) ? modality + "/" + id : id;
    }
}
