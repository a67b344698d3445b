package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentinel-1 files deq would read wrongly as dB are refused, naming the file: linear power, declared no-data pixels. */
class BackscatterTest {

    private static final GeoRef GRID = new GeoRef(500000, 4000000, 10, 10, 32633);

    @TempDir
    Path tmp;

    private static float[] filled(float value) {
        float[] band = new float[16];
        Arrays.fill(band, value);
        band[3] = value * 1.5f; // not constant
        return band;
    }

    private Path dateFolder(String name, float vv, float vh) throws Exception {
        Path date = Files.createDirectories(tmp.resolve(name));
        Files.write(date.resolve("VV.tif"), GeoTiffWriter.encodeFloat32(4, 4, new float[][] {filled(vv)}, GRID,
                GeoTiffWriter.Compression.NONE, null));
        Files.write(date.resolve("VH.tif"), GeoTiffWriter.encodeFloat32(4, 4, new float[][] {filled(vh)}, GRID,
                GeoTiffWriter.Compression.NONE, null));
        return date;
    }

    @Test
    void decibelsAreReadAndLinearPowerIsRefused() throws Exception {
        assertThat(S1BandFiles.readPatch(dateFolder("db", -12f, -20f), "db").band("VH")[0]).isEqualTo(-20f);
        // GEE's S1_GRD_FLOAT and RTC products hold linear power: VV about 0.1, VH 0.01, never negative
        Path linear = dateFolder("linear", 0.1f, 0.01f);
        assertThatThrownBy(() -> S1BandFiles.readPatch(linear, "linear")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(linear.resolve("VH.tif") + ": VH holds no negative value: linear backscatter power,"
                        + " not dB");
        // a VV, VH GeoTIFF alike
        Path stack = tmp.resolve("vv_vh.tif");
        Files.write(stack, GeoTiffWriter.encodeFloat32(4, 4, new float[][] {filled(0.1f), filled(0.01f)}, GRID,
                GeoTiffWriter.Compression.NONE, List.of("VV", "VH")));
        assertThatThrownBy(() -> Archives.readPatch(stack)).hasMessageContaining("linear backscatter power");
        // an index of earlier readers holding such a patch is told to be rebuilt; a patch in dB is not
        assertThat(Backscatter.readOtherwiseBeforeRevision9(linear)).contains("linear power");
        assertThat(Backscatter.readOtherwiseBeforeRevision9(tmp.resolve("db"))).isNull();
        // all 0: no data (a window outside the swath), not power
        assertThat(S1BandFiles.readPatch(dateFolder("zeros", 0f, 0f), "zeros").band("VH")[0]).isZero();
    }

    @Test
    void pixelsOfADeclaredNoDataValueAreRefused() throws Exception {
        Path date = dateFolder("nodata", -12f, -20f);
        short[] vv = new short[16];
        Arrays.fill(vv, (short) 100);
        vv[0] = (short) 65535;
        Files.write(date.resolve("VV.tif"), GeoTiffWriter.encodeUInt16(4, 4, new short[][] {vv}, GRID,
                GeoTiffWriter.Compression.NONE, null, "65535"));
        assertThatThrownBy(() -> S1BandFiles.readPatch(date, "nodata")).isInstanceOf(BadInputException.class)
                .hasMessage(date.resolve("VV.tif") + ": 1 of 16 pixels are its no-data value 65535.0; deq needs complete"
                        + " Sentinel-1 rasters (read as dB, no data would count as backscatter)");
    }
}
