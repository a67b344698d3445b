package org.deq.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deq.TestData;
import org.deq.archive.Archives;
import org.deq.archive.PatchSource;
import org.deq.raster.BadInputException;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;

/**
 * The Sentinel-1 descriptors on real BigEarthNet v1.0 S1 patches (VV and VH backscatter in dB): the values are negative,
 * so a reflectance range put every pixel in the first bin and made all patches one vector.
 */
class Sentinel1DescriptorsTest {

    @Test
    void histogramsSpreadDbValuesOverTheirBins() throws Exception {
        Descriptor hist = DescriptorSpecs.parse("spectral-hist:bins=32,bands=s1");
        for (Patch p : bigEarthNetS1()) {
            float[] v = hist.describe(p);
            assertThat(v).hasSize(64);
            for (int band = 0; band < 2; band++) {
                int filled = 0;
                double sum = 0;
                for (int b = 0; b < 32; b++) {
                    filled += v[band * 32 + b] > 0 ? 1 : 0;
                    sum += v[band * 32 + b];
                }
                assertThat(filled).as(p.meta().id() + " band " + band).isGreaterThanOrEqualTo(6);
                assertThat(sum).isCloseTo(0.5, within(1e-4)); // two bands, L1-normalised together
            }
        }
    }

    @Test
    void theDefaultSpecTellsEveryPatchApart() throws Exception {
        List<Patch> patches = bigEarthNetS1();
        assertThat(patches).hasSize(10);
        Descriptor d = DescriptorSpecs.parse(DescriptorSpecs.defaultFor(patches.get(0)));
        assertThat(d.spec()).startsWith("spectral-hist:bins=32,bands=s1");
        float[][] v = new float[patches.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.describe(patches.get(i));
            assertThat(v[i]).hasSize(d.dimension());
        }
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                double l1 = 0;
                for (int k = 0; k < v[i].length; k++) {
                    l1 += Math.abs(v[i][k] - v[j][k]);
                }
                assertThat(l1).as(patches.get(i).meta().id() + " vs " + patches.get(j).meta().id()).isGreaterThan(0.05);
            }
        }
    }

    @Test
    void statsGiveScaledMeansAndTheCrossPolarisationRatio() throws Exception {
        SpectralStats stats = (SpectralStats) DescriptorSpecs.parse("stats:bands=s1");
        assertThat(stats.indexNames()).containsExactly("CPR");
        assertThat(stats.dimension()).isEqualTo(2 * 2 + 7);
        Patch p = bigEarthNetS1().get(0);
        float[] v = stats.describe(p);
        float[] vv = p.band("VV");
        float[] vh = p.band("VH");
        double meanVv = 0;
        double ratio = 0;
        for (int i = 0; i < vv.length; i++) {
            meanVv += vv[i];
            ratio += vh[i] - vv[i];
        }
        meanVv /= vv.length;
        ratio /= vv.length;
        assertThat(v[0]).as("VV mean, -35..5 dB to 0..1").isCloseTo((float) ((meanVv + 35) / 40), within(1e-4f));
        assertThat(v[4]).as("mean of VH - VV in dB / 20").isCloseTo((float) (ratio / 20), within(1e-4f));
        assertThat(v[4]).isNegative(); // cross-polarised backscatter is the weaker
    }

    @Test
    void defaultSpecFollowsTheBandsOfTheFirstPatch() throws Exception {
        assertThat(DescriptorSpecs.defaultFor(bigEarthNetS1().get(0))).isEqualTo(DescriptorSpecs.DEFAULT_S1);
        assertThat(DescriptorSpecs.defaultFor(SyntheticPatches.sentinel2(SyntheticPatches.FOREST, 1))).isEqualTo(DescriptorSpecs.DEFAULT_S2);
        assertThat(DescriptorSpecs.defaultFor(SyntheticPatches.rgb(32, 1))).isEqualTo(DescriptorSpecs.BEST_UNFITTED);
    }

    private static List<Patch> bigEarthNetS1() throws BadInputException {
        List<Patch> out = new ArrayList<>();
        for (PatchSource s : Archives.open(TestData.require("bigearthnet-sample/BigEarthNet-S1-v1.0"))) {
            out.add(s.read());
        }
        return out;
    }
}
