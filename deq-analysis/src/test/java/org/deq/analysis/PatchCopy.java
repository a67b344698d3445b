package org.deq.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.archive.S2BandFiles;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.S2Band;

/** Test patches made from real ones: a copy of a BigEarthNet patch folder's band files with their digital numbers changed. */
final class PatchCopy {

    /** The new digital number of a band's pixel in column {@code column} (of that band's grid) that held {@code dn}. */
    interface Change {
        int apply(S2Band band, int column, int dn);
    }

    private PatchCopy() {
    }

    /** {@code bands} of the BigEarthNet folder {@code original}, changed by {@code change}, as the folder {@code copy} (its files named after it). */
    static Path of(Path original, Path copy, List<S2Band> bands, Change change) throws IOException {
        Files.createDirectories(copy);
        for (S2Band b : bands) {
            GeoRaster r = GeoTiffReader.read(S2BandFiles.find(original, b));
            short[] dn = new short[r.width() * r.height()];
            for (int i = 0; i < dn.length; i++) {
                dn[i] = (short) change.apply(b, i % r.width(), (int) r.bands()[0][i]);
            }
            GeoTiffWriter.writeUInt16(copy.resolve(copy.getFileName() + "_" + b + ".tif"), r.width(), r.height(),
                    new short[][] {dn}, r.geo(), GeoTiffWriter.Compression.NONE, null);
        }
        return copy;
    }

    /** A copy of {@code bands} cut by a swath edge: 0 in the left {@code columns} 10 m pixels (of a 20 m band: those wholly left of it). */
    static Path cut(Path original, Path dir, List<S2Band> bands, int columns) throws IOException {
        return of(original, dir.resolve(original.getFileName()), bands, (b, column, dn) -> column < columns * 10 / b.metres ? 0 : dn);
    }
}
