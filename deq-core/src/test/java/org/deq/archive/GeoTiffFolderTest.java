package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deq.TestData;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;
import org.deq.raster.TinyTiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoTiffFolderTest {

    @Test
    void readsEveryEuroSatSampleWithClassFromFolder() throws Exception {
        Path root = TestData.require("eurosat-sample/EuroSAT_MS");
        Map<String, Patch> read = new LinkedHashMap<>();
        for (PatchSource src : new GeoTiffFolder(root)) {
            read.put(src.id(), src.read());
        }
        assertThat(read.keySet()).containsExactlyInAnyOrder("AnnualCrop/AnnualCrop_1", "Pasture/Pasture_300", "SeaLake/SeaLake_3000");
        for (Patch p : read.values()) {
            assertThat(p.width()).isEqualTo(64);
            assertThat(p.height()).isEqualTo(64);
            assertThat(p.bandNames()).isEqualTo(GeoTiffFolder.EUROSAT_BANDS);
            assertThat(p.meta().acquired()).isNull(); // EuroSAT_MS's file and folder names hold no date
            assertThat(p.meta().labels()).containsExactly(p.meta().id().substring(0, p.meta().id().indexOf('/')));
            for (float[] band : p.bands()) {
                assertThat(BigEarthNetV1Test.mean(band)).isBetween(0.0, 1.0);
            }
            // cirrus (B10) is the darkest band of clear-sky TOA data
            double cirrus = BigEarthNetV1Test.mean(p.band("B10"));
            for (float[] band : p.bands()) {
                assertThat(BigEarthNetV1Test.mean(band)).isGreaterThanOrEqualTo(cirrus);
            }
            BigEarthNetV1Test.assertInsideEurope(p.meta().footprint());
        }
        Patch pasture = read.get("Pasture/Pasture_300");
        // vegetation: narrow NIR (B8A) close to NIR (B08) and far above red (B04)
        assertThat(BigEarthNetV1Test.mean(pasture.band("B8A")))
                .isGreaterThan(3 * BigEarthNetV1Test.mean(pasture.band("B04")))
                .isCloseTo(BigEarthNetV1Test.mean(pasture.band("B08")), org.assertj.core.data.Percentage.withPercentage(25));
        Patch lake = read.get("SeaLake/SeaLake_3000");
        // water: NIR below green
        assertThat(BigEarthNetV1Test.mean(lake.band("B08"))).isLessThan(BigEarthNetV1Test.mean(lake.band("B03")));
    }

    @Test
    void aTwoBandFloatGeoTiffIsASentinel1PatchAndOneBandIsNamedAsHalfOfOne(@TempDir Path tmp)
            throws Exception {
        Path folder = TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0/S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_40");
        Patch s1 = Archives.readPatch(folder);
        // VV and VH in one file, as gdal_merge.py -separate writes it (no band names): an S1 example for upload or --image
        Path merged = tmp.resolve("vv_vh.tif");
        Files.write(merged, GeoTiffWriter.encodeFloat32(s1.width(), s1.height(),
                new float[][] {s1.band("VV"), s1.band("VH")}, null, GeoTiffWriter.Compression.DEFLATE, null));
        Patch read = Archives.readPatch(merged);
        assertThat(read.bandNames()).containsExactly("VV", "VH");
        assertThat(read.band("VH")).isEqualTo(s1.band("VH"));
        // the same with 60 % of it no data (0, as a window at a scene's swath edge reads): still VV and VH
        float[][] edge = {s1.band("VV").clone(), s1.band("VH").clone()};
        for (float[] band : edge) {
            java.util.Arrays.fill(band, 0, band.length * 6 / 10, 0f);
        }
        Path atTheEdge = tmp.resolve("edge.tif");
        Files.write(atTheEdge, GeoTiffWriter.encodeFloat32(s1.width(), s1.height(), edge, null, GeoTiffWriter.Compression.NONE, null));
        assertThat(Archives.readPatch(atTheEdge).bandNames()).containsExactly("VV", "VH");
        // two unnamed float bands of indices within -1..1 (NDVI, NDWI) are no backscatter: generic bands
        float[][] indices = new float[2][64];
        for (int i = 0; i < 64; i++) {
            indices[0][i] = 0.8f - i / 50f;
            indices[1][i] = -0.3f + i / 100f;
        }
        Path twoIndices = tmp.resolve("ndvi_ndwi.tif");
        Files.write(twoIndices, GeoTiffWriter.encodeFloat32(8, 8, indices, null, GeoTiffWriter.Compression.NONE, null));
        assertThat(Archives.readPatch(twoIndices).bandNames()).containsExactly("band1", "band2");
        assertThatThrownBy(() -> Archives.readPatch(folder.resolve(folder.getFileName() + "_VV.tif")))
                .hasMessageEndingWith("one Sentinel-1 band; give its patch folder, or VV and VH in one GeoTIFF"
                        + " (gdalbuildvrt -separate vv_vh.vrt VV.tif VH.tif, then gdal_translate vv_vh.vrt vv_vh.tif)");
    }

    @Test
    void genericIntegerBandsAreScaledToTheirTypesRange(@TempDir Path tmp) throws Exception {
        // four 16-bit bands of values like reflectance digital numbers: raw, they all fell into a histogram's last bin
        short[][] dark = new short[4][16 * 16];
        short[][] bright = new short[4][16 * 16];
        for (int b = 0; b < 4; b++) {
            java.util.Arrays.fill(dark[b], (short) 800);
            java.util.Arrays.fill(bright[b], (short) 30000);
        }
        Files.createDirectories(tmp.resolve("a"));
        Files.write(tmp.resolve("a/dark.tif"), GeoTiffWriter.encodeUInt16(16, 16, dark, null, GeoTiffWriter.Compression.NONE, null));
        Files.write(tmp.resolve("a/bright.tif"), GeoTiffWriter.encodeUInt16(16, 16, bright, null, GeoTiffWriter.Compression.NONE, null));
        Map<String, Patch> read = new LinkedHashMap<>();
        for (PatchSource src : new GeoTiffFolder(tmp)) {
            read.put(src.id(), src.read());
        }
        assertThat(read.get("a/dark").bandNames()).containsExactly("band1", "band2", "band3", "band4");
        assertThat(read.get("a/dark").band("band1")[0]).isEqualTo(800f / 65535f);
        assertThat(read.get("a/bright").band("band4")[0]).isEqualTo(30000f / 65535f);
        var d = org.deq.describe.DescriptorSpecs.parse("spectral-hist:bins=16,bands=band1/band2");
        assertThat(d.describe(read.get("a/dark"))).isNotEqualTo(d.describe(read.get("a/bright")));
        // 800 of 65535 falls into the first of 16 bins; with span=0.0244 (1600 of 65535 is full scale) into the ninth
        assertThat(d.describe(read.get("a/dark"))[0]).isEqualTo(0.5f); // half the L1 mass per band
        var spanned = org.deq.describe.DescriptorSpecs.parse("spectral-hist:bins=16,bands=band1/band2,span=0.0244");
        assertThat(spanned.spec()).isEqualTo("spectral-hist:bins=16,bands=band1/band2,span=0.0244");
        assertThat(spanned.describe(read.get("a/dark"))[8]).isEqualTo(0.5f);
        assertThat(org.deq.describe.DescriptorSpecs.parse(spanned.spec()).describe(read.get("a/dark")))
                .isEqualTo(spanned.describe(read.get("a/dark")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.deq.describe.DescriptorSpecs.parse("spectral-hist:bands=s2,span=0.5"))
                .hasMessageContaining("span applies to the band1, band2, ... of generic GeoTIFFs, and bands=s2 names none");
    }

    @Test
    void aTruncatedFirstFileIsOneBadPatchNotAnUnreadableArchive(@TempDir Path tmp) throws Exception {
        // the layout was decided by decoding the first file whole: a truncated a.tif refused the folder, b.tif unread
        short[][] bands = new short[4][16 * 16];
        for (short[] band : bands) {
            java.util.Arrays.fill(band, (short) 900);
        }
        byte[] tif = GeoTiffWriter.encodeUInt16(16, 16, bands, null, GeoTiffWriter.Compression.NONE, null);
        Files.write(tmp.resolve("a.tif"), java.util.Arrays.copyOf(tif, tif.length - 300));
        Files.write(tmp.resolve("b.tif"), tif);
        Archive archive = Archives.open(tmp);
        assertThat(archive).isInstanceOf(GeoTiffFolder.class);
        Map<String, String> outcome = new LinkedHashMap<>();
        for (PatchSource src : archive) {
            try {
                outcome.put(src.id(), src.read().bandNames().toString());
            } catch (org.deq.raster.BadInputException e) {
                outcome.put(src.id(), e.getMessage());
            }
        }
        assertThat(outcome).containsOnlyKeys("a", "b");
        assertThat(outcome.get("a")).contains("a.tif").contains("truncated");
        assertThat(outcome.get("b")).isEqualTo("[band1, band2, band3, band4]");
    }

    @Test
    void twelveFloatBandsOfReflectanceAreReadAsTheyAreAndOfDigitalNumbersScaled(@TempDir Path tmp) throws Exception {
        // a 12-band UInt16 file, the same values as Float32 digital numbers, and as Float32 reflectance: one patch
        short[][] dn = new short[12][8 * 8];
        float[][] dnFloat = new float[12][8 * 8];
        float[][] reflectance = new float[12][8 * 8];
        for (int b = 0; b < 12; b++) {
            for (int i = 0; i < 64; i++) {
                dn[b][i] = (short) (300 + 250 * b + i);
                dnFloat[b][i] = dn[b][i];
                reflectance[b][i] = dn[b][i] / 10000f;
            }
        }
        Files.write(tmp.resolve("dn.tif"), GeoTiffWriter.encodeUInt16(8, 8, dn, null, GeoTiffWriter.Compression.NONE, null));
        Files.write(tmp.resolve("dnf.tif"), GeoTiffWriter.encodeFloat32(8, 8, dnFloat, null, GeoTiffWriter.Compression.NONE, null));
        Files.write(tmp.resolve("refl.tif"), GeoTiffWriter.encodeFloat32(8, 8, reflectance, null, GeoTiffWriter.Compression.NONE, null));
        Patch fromDn = GeoTiffFolder.readFile(tmp.resolve("dn.tif"), "dn", java.util.List.of(), null);
        for (String file : new String[] {"dnf.tif", "refl.tif"}) {
            Patch p = GeoTiffFolder.readFile(tmp.resolve(file), file, java.util.List.of(), null);
            assertThat(p.bandNames()).isEqualTo(fromDn.bandNames());
            for (String band : p.bandNames()) {
                assertThat(p.band(band)).as(file + " " + band).containsExactly(fromDn.band(band), org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        assertThat(fromDn.band("B12")[0]).isEqualTo((300 + 250 * 11) / 10000f);
    }

    @Test
    void aThirteenBandFileWithNamedBandsInAnyOrderIsLevel1CAsAnUnnamedOne(@TempDir Path tmp) throws Exception {
        // Sentinel-2's own order (B8A after B08), as gdal_merge.py of a SAFE product's band files writes and names it
        java.util.List<String> s2Order = java.util.List.of(
                "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
        short[][] dn = new short[13][8 * 8];
        for (int b = 0; b < 13; b++) {
            java.util.Arrays.fill(dn[b], (short) (500 + 100 * b));
        }
        Path named = tmp.resolve("named.tif");
        Path unnamed = tmp.resolve("unnamed.tif");
        Files.write(named, GeoTiffWriter.encodeUInt16(8, 8, dn, null, GeoTiffWriter.Compression.NONE, s2Order));
        Files.write(unnamed, GeoTiffWriter.encodeUInt16(8, 8, dn, null, GeoTiffWriter.Compression.NONE, null));
        for (Path file : new Path[] {named, unnamed}) {
            Patch p = Archives.readPatch(file);
            assertThat(p.meta().flags()).as(file.toString()).containsExactly(S2BandFiles.LEVEL_1C);
            assertThat(Archives.isLevel1C(file)).isTrue();
        }
        assertThat(Archives.readPatch(named).band("B8A")[0]).isEqualTo(1300 / 10000f);
        // a change query of the named file against a Level-2A date says the levels differ
        Patch l2a = Archives.readPatch(named).withMeta(Archives.readPatch(named).meta().withFlags(java.util.Set.of()));
        assertThat(org.deq.change.ChangeSearch.levelNote(Archives.readPatch(named).meta(), l2a.meta())).contains("Level-1C");
        // twelve named bands without B10 are no Level-1C product
        short[][] twelve = java.util.Arrays.copyOf(dn, 12);
        Path l2aFile = tmp.resolve("l2a.tif");
        Files.write(l2aFile, GeoTiffWriter.encodeUInt16(8, 8, twelve, null, GeoTiffWriter.Compression.NONE,
                s2Order.stream().filter(b -> !b.equals("B10")).toList()));
        assertThat(Archives.readPatch(l2aFile).meta().flags()).isEmpty();
        assertThat(Archives.isLevel1C(l2aFile)).isFalse();
        // the same bands named after a Level-1C product (deq sharpen's output of one holds no B10): its name says so
        Path l1cName = Files.copy(l2aFile, tmp.resolve("S2B_MSIL1C_20200823T054639_N0209_R048_T43RCP_20200823T074854.tif"));
        assertThat(Archives.isLevel1C(l1cName)).isTrue();
    }

    @Test
    void eightBitSentinel2BandsAreRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("visual.tif");
        writeUInt8(file, 13, 8, 8);
        assertThatThrownBy(() -> Archives.readPatch(file)).isInstanceOf(org.deq.raster.BadInputException.class)
                .hasMessage(file + ": 13 Sentinel-2 bands of 8 bits: reflectance × 10000 needs 16 bits, so these values are a"
                        + " rescaled export (a visualisation), not reflectance; give the 16-bit product bands");
        // in a folder it is one bad patch, reported, not the end of the ingest
        PatchSource only = new GeoTiffFolder(tmp).iterator().next();
        assertThatThrownBy(only::read).hasMessageContaining("8 bits");
        // eight 8-bit bands of no Sentinel-2 kind stay generic bands scaled to 0..1
        Path generic = tmp.resolve("eight.tif");
        writeUInt8(generic, 8, 8, 8);
        assertThat(Archives.readPatch(generic).band("band8")[0]).isEqualTo(7f / 255f);
    }

    /** A tiny UInt8 TIFF of {@code bands} bands, band b holding the value b everywhere, written with NGA. */
    private static void writeUInt8(Path file, int bands, int w, int h) throws Exception {
        mil.nga.tiff.Rasters rasters = new mil.nga.tiff.Rasters(w, h, bands, mil.nga.tiff.FieldType.BYTE);
        for (int b = 0; b < bands; b++) {
            for (int i = 0; i < w * h; i++) {
                rasters.setPixelSample(b, i % w, i / w, (short) b);
            }
        }
        mil.nga.tiff.FileDirectory d = new mil.nga.tiff.FileDirectory();
        d.setImageWidth(w);
        d.setImageHeight(h);
        d.setBitsPerSample(new java.util.ArrayList<>(java.util.Collections.nCopies(bands, 8)));
        d.setSampleFormat(new java.util.ArrayList<>(java.util.Collections.nCopies(bands,
                mil.nga.tiff.FieldType.getSampleFormat(mil.nga.tiff.FieldType.BYTE))));
        d.setSamplesPerPixel(bands);
        d.setCompression(mil.nga.tiff.util.TiffConstants.COMPRESSION_NO);
        d.setPhotometricInterpretation(mil.nga.tiff.util.TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        d.setPlanarConfiguration(mil.nga.tiff.util.TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        d.setRowsPerStrip(rasters.calculateRowsPerStrip(mil.nga.tiff.util.TiffConstants.PLANAR_CONFIGURATION_CHUNKY));
        d.addEntry(new mil.nga.tiff.FileDirectoryEntry(mil.nga.tiff.FieldTagType.ExtraSamples, mil.nga.tiff.FieldType.SHORT,
                bands - 1, new java.util.ArrayList<>(java.util.Collections.nCopies(bands - 1, 0))));
        d.setWriteRasters(rasters);
        mil.nga.tiff.TiffWriter.writeTiff(file.toFile(), new mil.nga.tiff.TIFFImage(d));
    }

    @Test
    void aWholeFileTakesTheDateOfItsNameElseOfItsNearestDatedFolder(@TempDir Path tmp) throws Exception {
        short[][] dn = new short[12][8 * 8];
        for (short[] band : dn) {
            java.util.Arrays.fill(band, (short) 900);
        }
        byte[] tif = GeoTiffWriter.encodeUInt16(8, 8, dn, null, GeoTiffWriter.Compression.NONE, null);
        Files.createDirectories(tmp.resolve("2019-05-31/field"));
        Files.write(tmp.resolve("T43RCP_20200604T054639.tif"), tif);
        Files.write(tmp.resolve("2019-05-31/field/a.tif"), tif);
        Files.write(tmp.resolve("undated.tif"), tif);
        Map<String, java.time.Instant> acquired = new LinkedHashMap<>();
        for (PatchSource src : new GeoTiffFolder(tmp)) {
            acquired.put(src.id(), src.read().meta().acquired());
        }
        assertThat(acquired).containsEntry("T43RCP_20200604T054639", java.time.Instant.parse("2020-06-04T05:46:39Z"))
                .containsEntry("2019-05-31/field/a", java.time.Instant.parse("2019-05-31T00:00:00Z"))
                .containsEntry("undated", null);
        // the same file given on its own, as a query example
        assertThat(Archives.readPatch(tmp.resolve("T43RCP_20200604T054639.tif")).meta().acquired())
                .isEqualTo(java.time.Instant.parse("2020-06-04T05:46:39Z"));
    }

    @Test
    void aFileWithANoDataValueIsReadInAnIngestAsAQueryExampleIs(@TempDir Path tmp) throws Exception {
        // 12 bands, the left quarter of columns 65535 in every band, as gdalwarp -dstnodata 65535 leaves a swath's edge
        int side = 20;
        short[][] bands = new short[12][side * side];
        for (int b = 0; b < 12; b++) {
            for (int i = 0; i < side * side; i++) {
                bands[b][i] = (short) (i % side < side / 4 ? 65535 : 500 + 40 * b + i % 37);
            }
        }
        Path folder = Files.createDirectories(tmp.resolve("nd1"));
        Path file = folder.resolve("a_20200604.tif");
        Files.write(file, GeoTiffWriter.encodeUInt16(side, side, bands, new GeoRef(500000, 4000000, 10, 10, 32643),
                GeoTiffWriter.Compression.DEFLATE, null, "65535"));

        GeoTiffFolder archive = new GeoTiffFolder(folder);
        IngestNotes notes = archive.notes();
        Patch ingested = archive.iterator().next().read();
        notes.read(ingested.meta());
        GriddedPatch example = Archives.readWithNoData(file);
        assertThat(example.noData().cardinality()).isEqualTo(side / 4 * side);
        assertThat(ingested.band("B01")[0]).isZero(); // no data, read as 0 as the example reads it, not 6.5535
        assertThat(ingested.bands()).isDeepEqualTo(example.patch().bands()); // so it finds its stored copy at distance 0
        assertThat(ingested.meta().noDataPixels()).isEqualTo(side / 4 * side);
        assertThat(notes.lines()).singleElement().asString().startsWith("1 GeoTIFF holds pixels without data").endsWith(
                "read as 0 in every band, as a query example's are: a_20200604");
    }

    @Test
    void aFileWithoutAnyDataIsRefusedNotIndexedAsZeros(@TempDir Path tmp) throws Exception {
        short[][] bands = new short[12][16];
        for (short[] band : bands) {
            Arrays.fill(band, (short) 65535);
        }
        Path file = tmp.resolve("empty.tif");
        Files.write(file, GeoTiffWriter.encodeUInt16(4, 4, bands, new GeoRef(500000, 4000000, 10, 10, 32643),
                GeoTiffWriter.Compression.NONE, null, "65535"));
        assertThatThrownBy(() -> Archives.readWithNoData(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("holds no data");
    }

    @Test
    void filesGeoreferencedWhereDeqPlacesNoFootprintAreNotedByCoordinateSystem(@TempDir Path tmp) throws Exception {
        short[][] bands = {new short[16], new short[16], new short[16]};
        for (short[] band : bands) {
            java.util.Arrays.fill(band, (short) 3000);
        }
        Map<String, GeoRef> grids = new LinkedHashMap<>();
        grids.put("lambert93_a.tif", new GeoRef(700000, 6600000, 10, 10, 2154)); // RGF93 / Lambert-93: not placed
        grids.put("lambert93_b.tif", new GeoRef(700040, 6600000, 10, 10, 2154));
        grids.put("etrs.tif", new GeoRef(691000, 5335000, 10, 10, 25832)); // placed
        // GeoTiffWriter writes only grids deq places: the unplaced ones are written in UTM, then their code changed
        for (String name : grids.keySet()) {
            GeoRef g = grids.get(name);
            GeoRef written = g.epsg() == 2154 ? new GeoRef(g.originX(), g.originY(), 10, 10, 32632) : g;
            byte[] tif = GeoTiffWriter.encodeUInt16(4, 4, bands, written, GeoTiffWriter.Compression.NONE, null);
            Files.write(tmp.resolve(name), g.epsg() == 2154 ? withProjectedCode(tif, 32632, 2154) : tif);
        }
        GeoTiffFolder archive = new GeoTiffFolder(tmp);
        IngestNotes notes = archive.notes();
        Map<String, GeoBox> footprints = new LinkedHashMap<>();
        for (PatchSource src : archive) {
            PatchMeta meta = src.read().meta();
            notes.read(meta);
            footprints.put(src.id(), meta.footprint());
        }
        assertThat(footprints.get("etrs")).isNotNull();
        assertThat(footprints).containsEntry("lambert93_a", null).containsEntry("lambert93_b", null);
        assertThat(notes.lines()).singleElement().asString().startsWith("2 GeoTIFFs are georeferenced in EPSG:2154, in which"
                + " deq places no footprint").endsWith(": lambert93_a, lambert93_b");
    }

    /** A classic little-endian TIFF's bytes with the 16-bit GeoKey value {@code from} replaced by {@code to}. */
    private static byte[] withProjectedCode(byte[] tif, int from, int to) {
        byte[] out = tif.clone();
        int replaced = 0;
        for (int i = 0; i + 1 < out.length; i++) {
            if ((out[i] & 0xFF | (out[i + 1] & 0xFF) << 8) == from) {
                out[i] = (byte) to;
                out[i + 1] = (byte) (to >> 8);
                replaced++;
            }
        }
        assertThat(replaced).isEqualTo(1);
        return out;
    }

    @Test
    void anAlphaBandIsNoSpectralBandAndItsTransparentPixelsAreNoData(@TempDir Path tmp) throws Exception {
        // a 12-band stack of gdalwarp -dstalpha: 13 samples, the last declared alpha (ExtraSamples 2), 0 outside the swath
        TinyTiff tiff = new TinyTiff(false, 32, 32, 13, 16, true);
        long[] extra = new long[12];
        extra[11] = 2;
        tiff.tag(338, 3, extra);
        tiff.samples = (x, y, b) -> b == 12 ? (x < 8 ? 0 : 65535) : 1000 + TinyTiff.value(x, y, b) % 3000;
        Path file = tmp.resolve("a_20200604.tif");
        tiff.write(file, 4096);

        Patch read = new GeoTiffFolder(tmp).iterator().next().read();
        assertThat(read.bandNames()).isEqualTo(Arrays.stream(S2Band.values()).map(Enum::name).toList()); // not EuroSAT's 13
        assertThat(read.meta().flags()).isEmpty(); // no level-1c
        assertThat(read.band("B12")[0]).isZero();
        assertThat(read.band("B12")[8]).isEqualTo((1000 + TinyTiff.value(8, 0, 11) % 3000) / 10000f);
        assertThat(read.meta().noDataPixels()).isEqualTo(8 * 32);
        assertThat(Archives.readWithNoData(file).patch().bands()).isDeepEqualTo(read.bands());
    }
}
