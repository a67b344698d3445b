package org.deq.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sample types and compressions the real samples do not cover (they are uncompressed UInt16/Float32/UInt8), written with NGA here. */
class GeoTiffReaderTypesTest {

    @ParameterizedTest
    @CsvSource({"SSHORT,1", "SSHORT,8", "SHORT,8", "FLOAT,8", "BYTE,1"})
    void multiBandFileRoundTripsExactly(FieldType type, int compression, @TempDir Path tmp) throws Exception {
        int w = 37;
        int h = 23;
        int nb = 3;
        Random rnd = new Random(11);
        Rasters rasters = new Rasters(w, h, nb, type);
        float[][] expected = new float[nb][w * h];
        for (int b = 0; b < nb; b++) {
            for (int i = 0; i < w * h; i++) {
                Number v = switch (type) {
                    case SSHORT -> (short) (rnd.nextInt(65536) - 32768);
                    case SHORT -> rnd.nextInt(65536);
                    case BYTE -> (short) rnd.nextInt(256);
                    default -> rnd.nextFloat() * 200 - 100;
                };
                rasters.setPixelSample(b, i % w, i / w, v);
                expected[b][i] = v.floatValue();
            }
        }
        FileDirectory d = new FileDirectory();
        d.setImageWidth(w);
        d.setImageHeight(h);
        d.setBitsPerSample(new ArrayList<>(Collections.nCopies(nb, type.getBits())));
        d.setSampleFormat(new ArrayList<>(Collections.nCopies(nb, FieldType.getSampleFormat(type))));
        d.setSamplesPerPixel(nb);
        d.setCompression(compression);
        d.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        d.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        d.setRowsPerStrip(rasters.calculateRowsPerStrip(TiffConstants.PLANAR_CONFIGURATION_CHUNKY));
        d.addEntry(new FileDirectoryEntry(FieldTagType.ExtraSamples, FieldType.SHORT, nb - 1,
                new ArrayList<>(Collections.nCopies(nb - 1, 0))));
        d.setWriteRasters(rasters);
        Path file = tmp.resolve("t.tif");
        TiffWriter.writeTiff(file.toFile(), new TIFFImage(d));

        GeoRaster r = GeoTiffReader.read(file);
        assertThat(r.width()).isEqualTo(w);
        assertThat(r.height()).isEqualTo(h);
        assertThat(r.sampleType()).isEqualTo(switch (type) {
            case SSHORT -> SampleType.INT16;
            case SHORT -> SampleType.UINT16;
            case BYTE -> SampleType.UINT8;
            default -> SampleType.FLOAT32;
        });
        assertThat(r.geo()).isNull();
        for (int b = 0; b < nb; b++) {
            assertThat(r.bands()[b]).as("band " + b).containsExactly(expected[b]);
        }
    }
}
