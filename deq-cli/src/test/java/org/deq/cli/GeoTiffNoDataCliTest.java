package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.deq.archive.Archives;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GeoTIFF declaring a no-data value, indexed and then given as a query: read alike both times, so it finds itself. */
class GeoTiffNoDataCliTest {

    @TempDir
    Path tmp;

    @Test
    void aFileWithANoDataValueFindsItsOwnStoredCopyAtDistanceZero() throws IOException {
        // a real EuroSAT file's digital numbers, its left quarter 65535 in every band as gdalwarp -dstnodata 65535 leaves it
        Path source = TestData.require("eurosat-sample").resolve("EuroSAT_MS/Pasture/Pasture_300.tif");
        GeoRaster raw = GeoTiffReader.read(source);
        int w = raw.width();
        short[][] bands = new short[raw.bandCount()][];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = new short[raw.bands()[b].length];
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = (short) (i % w < w / 4 ? 65535 : (int) raw.bands()[b][i]);
            }
        }
        Path folder = Files.createDirectories(tmp.resolve("nd1"));
        Path file = folder.resolve("a_20200604.tif");
        Files.write(file, GeoTiffWriter.encodeUInt16(w, raw.height(), bands, Archives.gridOf(source),
                GeoTiffWriter.Compression.DEFLATE, null, "65535"));

        Path index = tmp.resolve("idx");
        Cli indexed = Cli.run("index", "--archive", folder.toString(), "--out", index.toString());
        assertThat(indexed.exitCode()).as(indexed.err()).isZero();
        assertThat(indexed.out()).contains("note: 1 GeoTIFF holds pixels without data");
        Cli query = Cli.run("query", "--index", index.toString(), "--image", file.toString(), "--k", "1");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("are no data").containsPattern("1\\s+0\\.0000\\s+a_20200604");
    }
}
