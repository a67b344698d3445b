package org.deq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.archive.Archives;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;

/** A patch written again as a Float32 GeoTIFF whose left quarter of columns is NaN, as a warp leaves a swath's edge. */
record NaNWarped(Path file, int noDataPixels, int pixels) {

    /** Reads {@code source} (a patch folder or file) and writes it to {@code out} with its left quarter NaN. */
    static NaNWarped of(Path source, Path out) throws IOException {
        Patch patch = Archives.readPatch(source);
        int w = patch.width();
        float[][] bands = new float[patch.bandCount()][];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = patch.bands()[b].clone();
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = i % w < w / 4 ? Float.NaN : bands[b][i];
            }
        }
        Files.write(out, GeoTiffWriter.encodeFloat32(w, patch.height(), bands, Archives.gridOf(source),
                GeoTiffWriter.Compression.NONE, null));
        return new NaNWarped(out, (w / 4) * patch.height(), w * patch.height());
    }

    /** The note deq gives for it as an example: its pixels without data, read as 0. */
    String note() {
        return "note: " + file + ": " + noDataPixels + " of " + pixels + " pixels (25.0 %) are no data";
    }
}
