package org.deq.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;

/** Reads the per-band GeoTIFFs of one BigEarthNet patch folder (S2: 12 bands onto the 10 m grid; S1: VV, VH) - shared by v1 and v2. */
final class BigEarthNetBands {

    /** Side of a BigEarthNet patch on the 10 m grid. */
    static final int GRID = 120;
    /** Sentinel-1 band names, in file-suffix form. */
    static final List<String> S1_BANDS = List.of("VV", "VH");

    /** Band names and values on the 120x120 grid, with the georeferencing of the first 10 m band. */
    record Stack(List<String> names, float[][] bands, GeoRef geo) {
    }

    private BigEarthNetBands() {
    }

    /** True when the folder holds Sentinel-1 VV/VH files rather than Sentinel-2 bands. */
    static boolean isSentinel1(Path folder, String patch) {
        return bandFile(folder, patch, "VV") != null;
    }

    /** True when the folder holds the band files of a patch of that name (Sentinel-2 B02 or Sentinel-1 VV). */
    static boolean isPatchFolder(Path folder, String patch) {
        return bandFile(folder, patch, "B02") != null || isSentinel1(folder, patch);
    }

    /** Reads every band of the patch; a missing band or a raster of the wrong size names its file. */
    static Stack read(Path folder, String patch) throws BadInputException {
        return isSentinel1(folder, patch) ? readS1(folder, patch) : readS2(folder, patch);
    }

    private static Stack readS2(Path folder, String patch) throws BadInputException {
        S2Band[] all = S2Band.values();
        List<String> names = new ArrayList<>(all.length);
        float[][] bands = new float[all.length][];
        GeoRef geo = null;
        int offset = S2Reflectance.offset(patch, null); // BigEarthNet's 2017-18 products: 0
        for (int b = 0; b < all.length; b++) {
            S2Band band = all[b];
            Path file = requireBandFile(folder, patch, band.name());
            GeoRaster r = GeoTiffReader.read(file);
            int side = GRID * 10 / band.metres;
            checkSize(file, r, side, band.name() + " (" + band.metres + " m)");
            float[] values = r.bands()[0]; // the raster is ours alone: scaled in place
            S2Reflectance.toReflectance(new float[][] {values}, r.sampleType(), offset);
            bands[b] = Resample.bilinear(values, side, side, GRID, GRID);
            names.add(band.name());
            if (geo == null && band.metres == 10) {
                geo = r.geo();
            }
        }
        return new Stack(names, bands, geo);
    }

    private static Stack readS1(Path folder, String patch) throws BadInputException {
        float[][] bands = new float[S1_BANDS.size()][];
        GeoRef geo = null;
        for (int b = 0; b < bands.length; b++) {
            Path file = requireBandFile(folder, patch, S1_BANDS.get(b));
            GeoRaster r = GeoTiffReader.read(file);
            checkSize(file, r, GRID, S1_BANDS.get(b));
            bands[b] = r.bands()[0];
            Backscatter.requireNoDeclaredNoData(file, bands[b]);
            geo = geo == null ? r.geo() : geo;
        }
        Backscatter.requireDecibels(requireBandFile(folder, patch, S1_BANDS.get(1)), bands[1]);
        return new Stack(S1_BANDS, bands, geo);
    }

    private static void checkSize(Path file, GeoRaster r, int side, String what) throws BadInputException {
        if (r.width() != side || r.height() != side || r.bandCount() != 1) {
            throw new BadInputException(file, "raster is " + r.width() + "x" + r.height() + " with " + r.bandCount()
                    + " band(s), expected one " + side + "x" + side + " band for " + what);
        }
    }

    private static Path requireBandFile(Path folder, String patch, String band) throws BadInputException {
        Path file = bandFile(folder, patch, band);
        if (file == null) {
            throw new BadInputException(folder.resolve(patch + "_" + band + ".tif"), "missing band " + band);
        }
        return file;
    }

    /**
     * {@code <patch>_<band>.tif}, or the {@code .tiff} of the reBEN pre-release, the extension in any case ({@link
     * BandFile}); null when neither exists.
     */
    static Path bandFile(Path folder, String patch, String band) {
        return BandFile.find(folder, stem(patch, band));
    }

    /** The name of a band's file without extension: {@code <patch>_<band>}. */
    static String stem(String patch, String band) {
        return patch + "_" + band;
    }
}
