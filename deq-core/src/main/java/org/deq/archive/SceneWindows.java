package org.deq.archive;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/**
 * The windows of a GeoTIFF decoded window by window ({@link PatchWindows#open}). It notes the no-data pixels of the
 * windows it cuts, so that a map whose windows cover the image knows them without decoding the image again (a second
 * pass took 7.6 s of a 5000 x 5000 x 12 scene's map).
 */
final class SceneWindows implements PatchWindows {

    private final Path path;
    private final GeoTiffScene scene;
    private final String stem;
    private final PatchMeta meta;
    /** Pixels cut so far, and those of them without data: guarded by {@code covered}. */
    private final BitSet covered = new BitSet();
    private final BitSet empty = new BitSet();

    SceneWindows(Path path, GeoTiffScene scene) throws BadInputException {
        this.path = path;
        this.scene = scene;
        this.stem = ImageFiles.withoutExtension(path.getFileName().toString());
        this.meta = patchOf(scene.windowAlone(0, 0, 1, 1), path, stem, path.toString()).meta() // one block decoded, not a row band
                .withFootprint(scene.geo() == null ? null : scene.geo().footprint(scene.width(), scene.height()));
    }

    @Override
    public int width() {
        return scene.width();
    }

    @Override
    public int height() {
        return scene.height();
    }

    @Override
    public PatchMeta meta() {
        return meta;
    }

    @Override
    public GeoRef grid() {
        return scene.geo();
    }

    @Override
    public Patch window(int x, int y, int size) throws BadInputException {
        return cut(scene, scene.window(x, y, size, size), path, x, y, stem + "@" + x + "," + y, path.toString(),
                false, cleared -> note(x, y, size, cleared));
    }

    private void note(int x, int y, int size, BitSet cleared) {
        int width = scene.width();
        synchronized (covered) {
            for (int r = 0; r < size; r++) {
                covered.set((y + r) * width + x, (y + r) * width + x + size);
            }
            for (int i = cleared.nextSetBit(0); i >= 0; i = cleared.nextSetBit(i + 1)) {
                empty.set((y + i / size) * width + x + i % size);
            }
        }
    }

    /** Those the windows cut so far found, when they covered the image; else found a strip of rows at a time. */
    @Override
    public BitSet noData() throws BadInputException {
        int width = scene.width();
        synchronized (covered) {
            if (covered.cardinality() == width * scene.height()) {
                return (BitSet) empty.clone();
            }
        }
        int step = 128; // rows decoded at once: never the whole scene
        BitSet out = new BitSet();
        for (int y = 0; y < scene.height(); y += step) {
            int rows = Math.min(step, scene.height() - y);
            BitSet strip = scene.noDataPixels(scene.window(0, y, width, rows));
            int offset = y * width;
            for (int i = strip.nextSetBit(0); i >= 0; i = strip.nextSetBit(i + 1)) {
                out.set(offset + i);
            }
        }
        return out;
    }

    /**
     * A decoded {@code window} of {@code scene} (its upper-left pixel at column {@code x}, row {@code y}) as a patch
     * ({@link #patchOf}), its no-data pixels read as 0 ({@link GeoTiffScene#clearNoData}) and given to {@code noData}
     * when not null; with {@code refuseMostlyEmpty}, a window of which half the pixels or more are no data is a bad patch.
     */
    static Patch cut(GeoTiffScene scene, GeoRaster window, Path file, int x, int y, String id, String source,
                     boolean refuseMostlyEmpty, Consumer<BitSet> noData) throws BadInputException {
        BitSet cleared = scene.clearNoData(window);
        if (noData != null) {
            noData.accept(cleared);
        }
        int empty = cleared.cardinality();
        int pixels = window.width() * window.height();
        if (refuseMostlyEmpty && empty * 2 >= pixels) {
            Float declared = scene.noData();
            String kinds = declared != null && !declared.isNaN() ? "NaN or the file's no-data value " + declared
                    : declared == null && scene.bandCount() > 1 ? "NaN or 0 in every band" : "NaN";
            kinds = scene.masked() ? "transparent, " + kinds : kinds; // alpha or mask 0
            throw new BadInputException(file, "patch at pixel " + x + "," + y + ": " + empty + " of " + pixels
                    + " pixels are no data (" + kinds + ")");
        }
        Patch patch = patchOf(window, file, id, source);
        // from the scene's grid: neighbouring patches then share their footprints' edges exactly
        GeoBox footprint = scene.geo() == null ? null : scene.geo().footprint(x, y, window.width(), window.height());
        return patch.withMeta(patch.meta().withFootprint(footprint));
    }

    /**
     * A window of a scene in {@code file} as a patch: multi-band data named and scaled as a multi-band GeoTIFF's, a
     * picture (one to three bands of 8 bits, an RGB orthophoto) as R, G, B scaled as a PNG's.
     */
    static Patch patchOf(GeoRaster window, Path file, String id, String source) throws BadInputException {
        if (ImageFiles.isMultispectral(window)) {
            return GeoTiffFolder.patchOf(window, file, id, source, List.of());
        }
        GeoBox footprint = window.geo() == null ? null : window.geo().footprint(window.width(), window.height());
        return ImageFiles.picture(window, new PatchMeta(id, source, null, footprint, List.of(), Set.of()));
    }
}
