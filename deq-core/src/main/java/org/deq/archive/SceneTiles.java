package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;

/**
 * GeoTIFF scenes cut into square patches: one file, or a folder (searched recursively) of them, each cut on a grid of
 * {@code size x size} pixels from its upper-left corner; the right and bottom strips narrower than a patch are left out.
 * Id: the file's path below the root (its name for one file) without extension, then {@code /x<column>_y<row>} of the
 * patch's upper-left pixel. Bands are named and scaled as a {@link GeoTiffFolder} file's; the footprint comes from the
 * scene's georeferencing, the acquisition time from a date in the file name, else in the nearest folder name below the
 * root that has one (Sentinel-2's {@code 20200604T103031}, or {@code 20200604} / {@code 2020-06-04}). Scenes cut on
 * one grid at two dates give patches of equal footprints, which change queries pair. No-data pixels (NaN, the file's
 * declared GDAL no-data value in every band, or 0 in every band: outside a satellite's swath) are set to 0 in every
 * band, and a patch of which half the pixels or more are no data is a bad patch with that reason. One to three bands
 * of 8 bits (an RGB orthophoto) are read as R, G, B, as a picture is.
 */
public final class SceneTiles implements Archive {

    /** The smallest patch side accepted: smaller windows hold too few pixels for texture. */
    public static final int MIN_SIZE = 16;
    /** The largest patch side accepted (a patch is decoded whole). */
    public static final int MAX_SIZE = 4096;

    /** A patch's source: the scene file, then the window, so that the patch can be read again from its index entry. */
    private static final Pattern SOURCE = Pattern.compile("(.+)#x=(\\d+),y=(\\d+),size=(\\d+)");
    private static final Pattern WINDOW_ID = Pattern.compile(".+/x\\d+_y\\d+");

    private final Path root;
    private final int size;

    /** The scenes of {@code root} (a GeoTIFF file or a folder of them) in {@code size}-pixel patches. */
    public SceneTiles(Path root, int size) throws BadInputException {
        checkSize(size);
        if (!Files.exists(root)) {
            throw new BadInputException(root, "no such file or folder");
        }
        if (Files.isRegularFile(root) && !ImageFiles.isTiff(root)) {
            throw new BadInputException(root, "not a GeoTIFF: scenes to cut into patches are .tif/.tiff files");
        }
        this.root = root;
        this.size = size;
        try (Stream<Path> scenes = scenes()) { // as Archives.open refuses an empty folder: an ingest of nothing is no success
            if (scenes.findAny().isEmpty()) {
                throw new BadInputException(root, "no GeoTIFF scenes (.tif/.tiff) in this folder or below it");
            }
        }
    }

    /** Refuses a patch side outside {@value #MIN_SIZE}..{@value #MAX_SIZE} in one line naming {@code --tile}. */
    public static void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("--tile must be " + MIN_SIZE + " to " + MAX_SIZE + " pixels, not " + size);
        }
    }

    @Override
    public String name() {
        return "GeoTIFF scenes " + root + " in " + size + "x" + size + " patches";
    }

    @Override
    public boolean labelled() {
        return false;
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return scenes().flatMap(this::patches).iterator();
    }

    /** Notes the scenes georeferenced where deq places no footprint ({@link UnplacedGrids}). */
    @Override
    public IngestNotes notes() {
        return new UnplacedGrids();
    }

    /** The number of patches, from each scene's header. */
    @Override
    public long sizeHint() {
        try (Stream<Path> scenes = scenes()) {
            long n = 0;
            for (Path scene : (Iterable<Path>) scenes::iterator) {
                try {
                    GeoTiffReader.ImageSize wh = GeoTiffReader.imageSize(scene);
                    refuseWhole(scene, stem(scene)); // from the header, as the listing refuses it
                    n += Math.max(1L, (long) (wh.width() / size) * (wh.height() / size));
                } catch (BadInputException e) {
                    n++; // reported as one bad patch
                }
            }
            return n;
        }
    }

    /** The GeoTIFFs of the root, sorted so that the archive gets the same ordinals everywhere. */
    private Stream<Path> scenes() {
        if (Files.isRegularFile(root)) {
            return Stream.of(root);
        }
        return Folders.sortedFilesBelow(root, ImageFiles::isTiff);
    }

    /** The id of a scene, which its patches' ids start with: its path below the root, without extension. */
    private String stem(Path scene) {
        return ImageFiles.withoutExtension(Files.isRegularFile(root)
                ? scene.getFileName().toString() : root.relativize(scene).toString().replace('\\', '/'));
    }

    /** The patches of one scene in rows; a scene that cannot be listed is one bad patch with the reason. */
    private Stream<PatchSource> patches(Path scene) {
        String stem = stem(scene);
        GeoTiffReader.ImageSize wh;
        try {
            wh = GeoTiffReader.imageSize(scene);
            if (wh.width() < size || wh.height() < size) {
                throw new BadInputException(scene, wh.width() + "x" + wh.height() + " pixels, smaller than one " + size + "x" + size
                        + " patch");
            }
            refuseWhole(scene, stem);
        } catch (BadInputException e) {
            return Stream.of(PatchSource.of(stem, scene, () -> {
                throw e;
            }));
        }
        int columns = wh.width() / size;
        Instant when = FileNameDates.acquired(Files.isRegularFile(root) ? scene.getFileName() : root.relativize(scene));
        return LongStream.range(0, (long) columns * (wh.height() / size)).mapToObj(t -> {
            int x = (int) (t % columns) * size;
            int y = (int) (t / columns) * size;
            String id = stem + "/x" + x + "_y" + y;
            return PatchSource.of(id, scene, () -> read(scene, x, y, size, id, when));
        });
    }

    /**
     * Refuses a scene whose every patch its bands refuse (8-bit Sentinel-2 bands, one Sentinel-1 band), known from its
     * header alone: one bad patch for the file, not one per patch.
     */
    private static void refuseWhole(Path scene, String stem) throws BadInputException {
        SceneWindows.patchOf(SceneCache.scene(scene).headerOnly(), scene, stem, scene.toString());
    }

    /** Whether {@code source} (a stored patch's) names a window of a scene rather than a whole file or folder. */
    public static boolean isWindow(String source) {
        return SOURCE.matcher(source).matches();
    }

    /** The file a stored patch's {@code source} names: the scene of a window, else the source itself ({@link Archives#sourcePath}). */
    static Path file(String source) {
        Matcher m = SOURCE.matcher(source);
        return Path.of(m.matches() ? m.group(1) : source);
    }

    /** Whether {@code id} has the form of a scene's patch, {@code <scene>/x<column>_y<row>}. */
    public static boolean isWindowId(String id) {
        return WINDOW_ID.matcher(id).matches();
    }

    /** The patch side of a stored window's {@code source}, or -1 when it names no window. */
    public static int windowSize(String source) {
        Matcher m = SOURCE.matcher(source);
        return m.matches() ? Integer.parseInt(m.group(4)) : -1;
    }

    /** The scene file and window a stored {@code source} names ({@link #isWindow}). */
    private record StoredSource(Path scene, int x, int y, int size) {

        static StoredSource parse(String source) {
            Matcher m = SOURCE.matcher(source);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a scene window: " + source);
            }
            return new StoredSource(Path.of(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)));
        }

        /** The window decoded from the blocks under it only. */
        GeoRaster window(GeoTiffScene held) throws BadInputException {
            return held.windowAlone(x, y, size, size);
        }

        /** The patch of the window decoded again: id of the scene's file name and the window, date from its name or nearest dated folder. */
        Patch cut(GeoTiffScene held, GeoRaster window) throws BadInputException {
            return SceneTiles.cut(held, window, scene, x, y, size, ImageFiles.withoutExtension(scene.getFileName().toString())
                    + "/x" + x + "_y" + y, FileNameDates.acquiredOnItsOwn(scene));
        }
    }

    /**
     * Reads the patch a stored {@code source} names ({@link #isWindow}) again ({@link Archives#readSource}): its pixels and
     * footprint as indexed; its id is made of the scene's file name and its date read from that name or the nearest dated folder, so
     * both may differ from the stored patch's (the index keeps those).
     */
    static Patch readWindow(String source) throws BadInputException {
        StoredSource stored = StoredSource.parse(source);
        GeoTiffScene held = SceneCache.scene(stored.scene());
        return stored.cut(held, stored.window(held));
    }

    /**
     * Reads the window a stored {@code source} names ({@link #isWindow}) again, as {@link #readWindow} does, with its grid
     * and its no-data pixels (row-major) by the scene's rule ({@code GeoTiffScene#noDataPixels}: NaN, the declared
     * value, or 0 in every band of a file declaring none), which a whole GeoTIFF's {@link PatchWindows#noData} follows
     * too; the window is decoded once for both.
     */
    public static GriddedPatch reread(String source) throws BadInputException {
        StoredSource stored = StoredSource.parse(source);
        GeoTiffScene held = SceneCache.scene(stored.scene());
        GeoRaster window = stored.window(held);
        GeoRef sceneGrid = held.geo();
        BitSet noData = held.noDataPixels(window); // before the cut reads them as 0
        return new GriddedPatch(stored.cut(held, window), sceneGrid == null ? null : sceneGrid.window(stored.x(), stored.y()),
                noData);
    }

    /**
     * One patch of a scene in an ingest's order, a row of windows at a time: each row band is decoded once for all its
     * patches (a window read on its own is decoded from the blocks under it only, {@link #reread}).
     */
    private static Patch read(Path scene, int x, int y, int size, String id, Instant when) throws BadInputException {
        GeoTiffScene held = SceneCache.scene(scene);
        return cut(held, held.window(x, y, size, size), scene, x, y, size, id, when);
    }

    private static Patch cut(GeoTiffScene held, GeoRaster window, Path scene, int x, int y, int size, String id, Instant when)
            throws BadInputException {
        Patch patch = SceneWindows.cut(held, window, scene, x, y, id, scene + "#x=" + x + ",y=" + y + ",size=" + size, true, null);
        return patch.withMeta(patch.meta().withAcquired(when));
    }
}
