package org.deq.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deq.raster.Patch;
import org.junit.jupiter.api.Test;

class SiftBovwTest {

    private static final List<Patch> SAMPLE = sample();

    private static List<Patch> sample() {
        List<Patch> out = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            out.add(SyntheticPatches.rgb(64, 100 + s));
        }
        return out;
    }

    @Test
    void needsFitAndRefusesToDescribeBefore() {
        Descriptor d = DescriptorSpecs.parse("sift-bovw:k=8");
        assertThat(d.needsFit()).isTrue();
        assertThatThrownBy(() -> d.describe(SAMPLE.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no codebook");
        // a step as large as the pictures gives no SIFT sample to learn words from: the spec's step is named
        assertThatThrownBy(() -> DescriptorSpecs.parse("sift-bovw:k=8,step=256").fit(SAMPLE, 3))
                .hasMessage("sift-bovw: the 6 fitting pictures give 0 SIFT samples for k=8 words; use a smaller step (now 256)"
                        + " or k, or fit on more pictures (deq index --fit-sample)");
    }

    @Test
    void fittedWordHistogramHasItsDimensionSumsToOneAndIsDeterministic() {
        Descriptor d = DescriptorSpecs.parse("sift-bovw:k=8,step=8,pyramid=1").fit(SAMPLE, 3);
        assertThat(d.needsFit()).isFalse();
        assertThat(d.dimension()).isEqualTo(8 * 5);
        float[] v = d.describe(SAMPLE.get(1));
        assertThat(v).hasSize(40);
        double level0 = 0;
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            total += v[i];
            level0 += i < 8 ? v[i] : 0;
        }
        assertThat(total).isCloseTo(1.0, within(1e-5));
        assertThat(level0).isCloseTo(0.5, within(1e-5));
        assertThat(DescriptorSpecs.parse("sift-bovw:k=8,step=8,pyramid=1").fit(SAMPLE, 3).describe(SAMPLE.get(1)))
                .containsExactly(v);
    }

    @Test
    void savedStateRestoresIdenticalVectorsAlsoInsideAComposite() throws IOException {
        Descriptor fitted = DescriptorSpecs.parse("hsv-hist+sift-bovw:k=8,step=8,power=0.5").fit(SAMPLE, 5);
        Descriptor restored = DescriptorSpecs.restore(fitted.spec(), DescriptorSpecs.state(fitted));
        assertThat(restored.needsFit()).isFalse();
        for (Patch p : List.of(SAMPLE.get(0), SyntheticPatches.sentinel2(SyntheticPatches.URBAN, 1))) {
            assertThat(restored.describe(p)).containsExactly(fitted.describe(p));
        }
    }

    @Test
    void stateOfAnotherCodebookSizeIsRejected() throws IOException {
        Descriptor fitted = DescriptorSpecs.parse("sift-bovw:k=8,step=8").fit(SAMPLE, 5);
        assertThatThrownBy(() -> DescriptorSpecs.restore("sift-bovw:k=16,step=8", DescriptorSpecs.state(fitted)))
                .isInstanceOf(IOException.class).hasMessageContaining("k=16");
    }

    @Test
    void aMissingOrTruncatedStateIsOneLineNamingTheSpec() {
        Descriptor fitted = DescriptorSpecs.parse("hsv-hist+sift-bovw:k=8,step=8").fit(SAMPLE, 5);
        byte[] state = DescriptorSpecs.state(fitted);
        for (byte[] cut : List.of(new byte[0], Arrays.copyOf(state, state.length - 1))) {
            assertThatThrownBy(() -> DescriptorSpecs.restore(fitted.spec(), cut)).isInstanceOf(IOException.class)
                    .hasMessage("descriptor state of " + fitted.spec() + " is missing or truncated");
        }
    }
}
