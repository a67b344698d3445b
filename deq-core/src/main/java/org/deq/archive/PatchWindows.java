package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/**
 * An image read a square window at a time, for maps that slide a window over it: a patch held in memory, or a
 * GeoTIFF decoded window by window ({@link GeoTiffScene}), so that a scene larger than deq decodes at once can be
 * mapped. A window's id is the image's with {@code @x,y}; its bands are named and scaled as the whole image's.
 */
public interface PatchWindows {

    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /** The image's metadata (id, source, time, flags). */
    PatchMeta meta();

    /** The image's georeferenced grid, or null when it has none or it is not known here (a patch held in memory). */
    GeoRef grid();

    /** The {@code size x size} window whose upper-left pixel is column {@code x}, row {@code y}. */
    Patch window(int x, int y, int size) throws BadInputException;

    /**
     * The image's pixels without data (row-major), which a map leaves without a class: those {@link
     * GeoTiffScene#noDataPixels} finds in a GeoTIFF; none in a patch held in memory, whose readers refuse NaN and whose
     * black pixels may be shadows.
     */
    BitSet noData() throws BadInputException;

    /** The windows of a patch held in memory. */
    static PatchWindows of(Patch image) {
        return new PatchWindows() {
            @Override
            public int width() {
                return image.width();
            }

            @Override
            public int height() {
                return image.height();
            }

            @Override
            public PatchMeta meta() {
                return image.meta();
            }

            @Override
            public GeoRef grid() {
                return null;
            }

            @Override
            public Patch window(int x0, int y0, int size) {
                if (x0 < 0 || y0 < 0 || size <= 0 || x0 + size > image.width() || y0 + size > image.height()) {
                    throw new IllegalArgumentException("window " + size + "x" + size + " at " + x0 + "," + y0 + " is not inside the "
                            + image.width() + "x" + image.height() + " image");
                }
                float[][] bands = new float[image.bandCount()][size * size];
                for (int b = 0; b < bands.length; b++) {
                    float[] src = image.bands()[b];
                    for (int y = 0; y < size; y++) {
                        System.arraycopy(src, (y0 + y) * image.width() + x0, bands[b], y * size, size);
                    }
                }
                PatchMeta meta = PatchMeta.of(image.meta().id() + "@" + x0 + "," + y0, image.meta().source());
                return new Patch(meta.withFlags(image.meta().flags()), size, size, image.bandNames(), bands);
            }

            @Override
            public BitSet noData() {
                return new BitSet();
            }
        };
    }

    /**
     * The image at {@code path}: a GeoTIFF (multi-band data or an RGB picture, classic TIFF or BigTIFF, of any file size)
     * is decoded window by window; anything else {@link Archives#readPatch} reads whole.
     */
    static PatchWindows open(Path path) throws BadInputException {
        if (!ImageFiles.isTiff(path) || Files.isDirectory(path)) {
            return of(Archives.readPatch(path));
        }
        GeoTiffScene scene = GeoTiffReader.scene(path);
        if ((long) scene.width() * scene.height() > Integer.MAX_VALUE - 8) { // a map holds a class per pixel
            throw new BadInputException(path, scene.width() + "x" + scene.height() + " pixels, more than a map of 2^31 pixels"
                    + " deq holds; cut it into parts (gdal_translate -srcwin)");
        }
        return new SceneWindows(path, scene);
    }
}
