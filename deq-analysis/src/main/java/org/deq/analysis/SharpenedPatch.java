package org.deq.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deq.analysis.BandSharpening.Method;
import org.deq.archive.GriddedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.BandScale;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;

/**
 * The ten 10 m and 20 m bands of a Sentinel-2 patch folder on the 10 m grid, the 20 m ones sharpened: the product behind
 * {@code deq sharpen}, written as one GeoTIFF with the 10 m bands' georeferencing.
 *
 * @param width   10 m pixels per row
 * @param height  rows
 * @param bands   reflectance, one row-major array per band of {@link #BANDS}
 * @param geo     the georeferencing of the 10 m grid
 * @param level1C whether the patch is a Level-1C product (top-of-atmosphere reflectance), which its file declares
 */
public record SharpenedPatch(int width, int height, float[][] bands, GeoRef geo, boolean level1C, int digitalNumberOffset) {

    /** Bands of a patch not known to be Level-1C. */
    public SharpenedPatch(int width, int height, float[][] bands, GeoRef geo) {
        this(width, height, bands, geo, false);
    }

    /** Bands of a product whose digital numbers were read without offset. */
    public SharpenedPatch(int width, int height, float[][] bands, GeoRef geo, boolean level1C) {
        this(width, height, bands, geo, level1C, 0);
    }

    /** The bands, in spectral order. */
    public static final List<S2Band> BANDS = List.of(S2Band.B02, S2Band.B03, S2Band.B04, S2Band.B05, S2Band.B06, S2Band.B07,
            S2Band.B08, S2Band.B8A, S2Band.B11, S2Band.B12);

    /**
     * The patch in {@code folder} with its 20 m bands brought to 10 m by {@code method}, the folder's level and the
     * offset its digital numbers were read with.
     */
    public static SharpenedPatch of(Path folder, Method method) throws BadInputException {
        SharpenedPatch read = of(S2BandFiles.read(folder, BANDS.toArray(S2Band[]::new)), method);
        return new SharpenedPatch(read.width, read.height, read.bands, read.geo, S2BandFiles.isLevel1C(folder),
                S2BandFiles.digitalNumberOffset(folder));
    }

    /**
     * The bands of {@link #BANDS} at native resolution (reflectance), the 20 m ones brought to 10 m by {@code method};
     * the pixels without data NaN in every band ({@link #noData}), as a GeoTIFF date's are.
     */
    public static SharpenedPatch of(Map<S2Band, GeoRaster> read, Method method) {
        GeoRaster ten = read.get(S2Band.B02);
        int w = ten.width();
        int h = ten.height();
        BitSet noData = noData(read);
        float[][] guides = new float[BandSharpening.GUIDES.size()][];
        for (int j = 0; j < guides.length; j++) {
            guides[j] = read.get(BandSharpening.GUIDES.get(j)).bands()[0];
        }
        float[][] out = new float[BANDS.size()][];
        for (int b = 0; b < out.length; b++) {
            GeoRaster r = read.get(BANDS.get(b));
            if (BANDS.get(b).metres == 10) {
                out[b] = r.bands()[0];
            } else {
                double[] offset = offset(ten, r);
                out[b] = BandSharpening.sharpen(method, r.bands()[0], r.width(), r.height(), guides, w, h, offset[0], offset[1],
                        noData);
            }
        }
        SharpenedPatch sharpened = new SharpenedPatch(w, h, out, ten.geo());
        return noData.isEmpty() ? sharpened : sharpened.withNoData(noData);
    }

    /**
     * The 10 m pixels without data of bands read at native resolution, by the rule of a GeoTIFF's ({@link
     * GeoTiffScene#noDataPixels}: band files declare no value, so 0 in every band, Sentinel-2's no data outside the
     * swath), each 20 m band read at the pixel under the 10 m pixel's centre, as a stack of the bands made by GDAL
     * (nearest neighbour) holds it; and also where all the 10 m bands, or all the 20 m ones, are 0: a swath edge falls
     * on each resolution's own grid, so a 10 m pixel outside it can lie under a 20 m pixel with data, and was mapped
     * as a change and given an LAI from its zeros. A stack of the bands leaves out the pixels of 0 in every band only.
     */
    static BitSet noData(Map<S2Band, GeoRaster> read) {
        GeoRaster ten = read.get(S2Band.B02);
        int w = ten.width();
        int h = ten.height();
        float[][] onTen = new float[BANDS.size()][];
        List<float[]> tenMetre = new ArrayList<>();
        List<float[]> twentyMetre = new ArrayList<>();
        for (int b = 0; b < onTen.length; b++) {
            GeoRaster r = read.get(BANDS.get(b));
            double[] offset = offset(ten, r);
            onTen[b] = Resample.nearest(r.bands()[0], r.width(), r.height(), w, h, offset[0], offset[1]);
            (BANDS.get(b).metres == 10 ? tenMetre : twentyMetre).add(onTen[b]);
        }
        BitSet out = GeoTiffScene.noDataPixels(onTen, w * h, null);
        out.or(GeoTiffScene.noDataPixels(tenMetre.toArray(float[][]::new), w * h, null));
        out.or(GeoTiffScene.noDataPixels(twentyMetre.toArray(float[][]::new), w * h, null));
        return out;
    }

    /**
     * A patch whose bands all lie on one grid already (a window of a 12-band Sentinel-2 scene, {@code deq index --tile}):
     * the bands of {@link #BANDS} as they are, on {@code geo}; a patch without one of them is refused naming it.
     */
    public static SharpenedPatch of(Patch patch, GeoRef geo) {
        float[][] out = new float[BANDS.size()][];
        for (int b = 0; b < out.length; b++) {
            out[b] = patch.band(BANDS.get(b).name());
            if (out[b] == null) {
                throw new IllegalArgumentException(patch.meta().id() + " has no band " + BANDS.get(b) + " (bands "
                        + patch.bandNames() + "); change maps need Sentinel-2's ten 10 m and 20 m bands");
            }
        }
        return new SharpenedPatch(patch.width(), patch.height(), out, geo, patch.meta().flags().contains(S2BandFiles.LEVEL_1C));
    }

    /**
     * A patch read with its no-data pixels ({@link org.deq.archive.Archives#readWithNoData}, a stored window of a scene)
     * whose bands all lie on one grid: its bands of {@link #BANDS} as {@link #of(Patch, GeoRef)} takes them, NaN where
     * it has no data.
     */
    public static SharpenedPatch of(GriddedPatch read) {
        return of(read.patch(), read.grid()).withNoData(read.noData());
    }

    /**
     * The same bands with the pixels of {@code noData} (row-major, {@link org.deq.raster.GeoTiffScene#noDataPixels}) set
     * to NaN in every band: no value, which a change map leaves out.
     */
    public SharpenedPatch withNoData(BitSet noData) {
        float[][] out = new float[bands.length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = bands[b].clone();
            for (int i = noData.nextSetBit(0); i >= 0; i = noData.nextSetBit(i + 1)) {
                out[b][i] = Float.NaN;
            }
        }
        return new SharpenedPatch(width, height, out, geo, level1C, digitalNumberOffset);
    }

    /** Where the coarse band's grid starts on the fine one, in fine pixels; {0, 0} when either lacks georeferencing. */
    static double[] offset(GeoRaster fine, GeoRaster coarse) {
        return fine.geo() == null || coarse.geo() == null ? new double[2] : fine.geo().offsetOf(coarse.geo());
    }

    /**
     * Writes the bands as a UInt16 GeoTIFF of the source's digital numbers (reflectance x 10000 minus
     * {@link #digitalNumberOffset}: a product of baseline 04.00 or later keeps its +1000, and with it its dark pixels of
     * reflectance 0 or less) on the 10 m grid, the 10 m bands as read and the sharpened ones clamped to 1..65535: 0 is
     * Sentinel-2's no-data value (declared so), which a regression's negative overshoot on a dark pixel must not become,
     * and which a pixel without data (NaN) is written as in every band. The bands declare GDAL's scale 0.0001 and their
     * offset (0, or −0.1), so that deq and GDAL read the file back as written whatever it is named. A
     * {@link #level1C} patch (top-of-atmosphere reflectance) is declared so (GDAL's {@code PROCESSING_LEVEL}): its ten
     * bands hold no B10, which would tell deq's readers, and deq change-map must not compare it with a Level-2A date.
     */
    public void write(Path file) throws IOException {
        if (geo == null) {
            throw new BadInputException(file, "the patch's 10 m bands have no georeferencing to write the GeoTIFF on");
        }
        short[][] values = new short[bands.length][width * height];
        for (int b = 0; b < bands.length; b++) {
            int floor = BANDS.get(b).metres == 10 ? 0 : 1;
            for (int i = 0; i < values[b].length; i++) {
                long v = Math.round(bands[b][i] * S2Band.SCALE) - digitalNumberOffset;
                values[b][i] = Float.isNaN(bands[b][i]) ? 0 : (short) Math.max(floor, Math.min(65535, v));
            }
        }
        try {
            AtomicFiles.write(file, GeoTiffWriter.encodeUInt16(width, height, values, geo, GeoTiffWriter.Compression.DEFLATE,
                    BANDS.stream().map(S2Band::name).toList(), "0",
                    Collections.nCopies(values.length, new BandScale(1.0 / S2Band.SCALE,
                            digitalNumberOffset / (double) S2Band.SCALE)), level1C ? GeoRaster.LEVEL_1C : null));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }
}
