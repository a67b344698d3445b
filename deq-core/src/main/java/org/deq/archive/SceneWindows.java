package org.deq.archive;

import java.nio.file.Path;
import java.util.BitSet;
import org.deq.raster.BadInputException;
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
        this.meta = PatchWindows.patchOf(scene.window(0, 0, 1, 1), path, stem, path.toString()).meta()
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
        return PatchWindows.cut(scene, scene.window(x, y, size, size), path, x, y, stem + "@" + x + "," + y, path.toString(),
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
}
