package org.deq.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;
import org.deq.TestData;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;

/** The synthetic summer archive has the band magnitudes and spectral shape of real BigEarthNet summer patches. */
class RealSpectraComparisonTest {

    @Test
    void summerBandMeansAgreeWithTheRealSample() throws IOException {
        Path sample = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        List<Path> patches;
        try (Stream<Path> s = Files.list(sample)) {
            patches = s.filter(Files::isDirectory).sorted().toList();
        }
        S2Band[] bands = S2Band.values();
        double[] real = new double[bands.length];
        int realCount = 0;
        ObjectMapper mapper = new ObjectMapper();
        for (Path dir : patches) {
            String name = dir.getFileName().toString();
            JsonNode json = mapper.readTree(dir.resolve(name + "_labels_metadata.json").toFile());
            int month = Integer.parseInt(json.get("acquisition_date").asText().substring(5, 7));
            if (month < 6 || month > 9) {
                continue; // leaf-on, snow-free
            }
            realCount++;
            for (S2Band b : bands) {
                Rasters r = TiffReader.readTiff(dir.resolve(name + "_" + b.name() + ".tif").toFile()).getFileDirectory()
                        .readRasters();
                double sum = 0;
                for (int y = 0; y < r.getHeight(); y++) {
                    for (int x = 0; x < r.getWidth(); x++) {
                        sum += r.getPixelSample(0, x, y).doubleValue();
                    }
                }
                real[b.ordinal()] += sum / r.getNumPixels();
            }
        }
        assertThat(realCount).isGreaterThanOrEqualTo(5);

        SyntheticPatchGenerator generator = new SyntheticPatchGenerator(3, false);
        double[] synthetic = new double[bands.length];
        int synthCount = 0;
        for (long i = 0; synthCount < 30; i++) {
            String date = generator.sceneName(i).split("_")[2];
            int month = Integer.parseInt(date.substring(4, 6));
            if (month < 6 || month > 9) {
                continue;
            }
            SyntheticScene scene = generator.scene(i);
            synthCount++;
            for (S2Band b : bands) {
                double sum = 0;
                for (short v : scene.band(b)) {
                    sum += v & 0xFFFF;
                }
                synthetic[b.ordinal()] += sum / scene.band(b).length;
            }
        }
        for (int b = 0; b < bands.length; b++) {
            real[b] /= realCount;
            synthetic[b] /= synthCount;
            assertThat(synthetic[b] / real[b]).as(bands[b].name() + " synthetic/real mean").isBetween(0.5, 2.0);
        }
        assertThat(correlation(real, synthetic)).isGreaterThan(0.9);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
