package org.deq.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deq.describe.BandSet;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbeddingTest {

    @TempDir
    Path tmp;

    /** tiny-cnn.onnx (scripts/make-test-cnn.py): filters copy R, G, B and take R's horizontal difference. */
    static Path tinyModel() throws URISyntaxException {
        return Path.of(OnnxEmbeddingTest.class.getResource("/tiny-cnn.onnx").toURI());
    }

    /** Rewrites the two digits of a copy of tiny-cnn.onnx's deq.size metadata (32) in place. */
    private static void setDeqSize(Path model, String twoChars) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("32", text.indexOf("deq.size"));
        bytes[at] = (byte) twoChars.charAt(0);
        bytes[at + 1] = (byte) twoChars.charAt(1);
        Files.write(model, bytes);
    }

    private static Patch rgb(int w, int h, float[] r, float[] g, float[] b) {
        return new Patch(PatchMeta.of("p", "test"), w, h, List.of("R", "G", "B"), new float[][] {r, g, b});
    }

    private static Patch uniform(float r, float g, float b) {
        float[][] c = new float[3][40 * 40];
        Arrays.fill(c[0], r);
        Arrays.fill(c[1], g);
        Arrays.fill(c[2], b);
        return rgb(40, 40, c[0], c[1], c[2]);
    }

    @Test
    void uniformImageEmbedsToItsColourInChannelOrder() throws Exception {
        Descriptor d = DescriptorSpecs.parse("cnn:model=" + tinyModel());
        assertThat(d).isInstanceOf(OnnxEmbedding.class);
        assertThat(d.dimension()).isEqualTo(4);
        assertThat(d.spec()).endsWith(",size=32"); // from the model's deq.size metadata
        float[] v = d.describe(uniform(0.2f, 0.5f, 0.8f));
        assertThat(v).containsExactly(new float[] {0.2f, 0.5f, 0.8f, 0f}, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void edgesReachTheModelWithTheirOrientation() throws Exception {
        Descriptor d = DescriptorSpecs.parse("cnn:model=" + tinyModel() + ",size=16");
        float[] left = new float[64 * 64];
        float[] top = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                left[y * 64 + x] = x < 32 ? 0f : 1f; // brighter to the right: a positive horizontal difference
                top[y * 64 + x] = y < 32 ? 0f : 1f;
            }
        }
        float[] zero = new float[64 * 64];
        assertThat(d.describe(rgb(64, 64, left, zero, zero))[3]).isGreaterThan(0.05f);
        assertThat(d.describe(rgb(64, 64, top, zero, zero))[3]).isEqualTo(0f);
    }

    @Test
    void composesWithOtherDescriptorsAndRestoresFromItsState() throws Exception {
        String spec = "hsv-hist+cnn:model=" + tinyModel() + ",weight=2";
        Descriptor d = DescriptorSpecs.parse(spec);
        assertThat(d.dimension()).isEqualTo(DescriptorSpecs.parse("hsv-hist").dimension() + 4);
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        d.writeState(new DataOutputStream(state));
        Descriptor restored = DescriptorSpecs.restore(d.spec(), state.toByteArray());
        Patch p = uniform(0.1f, 0.6f, 0.3f);
        assertThat(restored.describe(p)).containsExactly(d.describe(p));
    }

    @Test
    void aChangedModelFileIsRefusedWhenTheIndexIsReopened() throws Exception {
        Path model = Files.copy(tinyModel(), tmp.resolve("m.onnx"));
        Descriptor d = DescriptorSpecs.parse("cnn:model=" + model);
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        d.writeState(new DataOutputStream(state));
        // same model, other deq.size metadata: still valid ONNX, different bytes
        setDeqSize(model, "16");
        assertThat(DescriptorSpecs.parse("cnn:model=" + model).spec()).endsWith(",size=16");
        assertThatThrownBy(() -> DescriptorSpecs.restore(d.spec(), state.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.onnx has changed since the index was built");
    }

    @Test
    void onlyTheLastFewModelsStayLoadedAndAnEvictedOneIsReloadedFromItsUnchangedFile() throws Exception {
        List<Descriptor> models = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            models.add(DescriptorSpecs.parse("cnn:model=" + Files.copy(tinyModel(), tmp.resolve("m" + i + ".onnx"))));
        }
        Patch p = uniform(0.2f, 0.5f, 0.8f);
        float[] first = models.get(0).describe(p);
        // describing with five other models lets the first go; it is loaded again, from the same bytes
        for (int round = 0; round < 2; round++) {
            for (Descriptor other : models.subList(1, 6)) {
                assertThat(other.describe(p)).containsExactly(first);
            }
            if (round == 0) {
                assertThat(models.get(0).describe(p)).containsExactly(first);
            }
        }
        // let go again, the first model's file now holds another model: refused, not silently mixed in
        setDeqSize(tmp.resolve("m0.onnx"), "12");
        assertThatThrownBy(() -> models.get(0).describe(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m0.onnx has changed since this descriptor opened it").hasMessageNotContaining("\n");
    }

    @Test
    void badSpecsAndModelsGiveOneLineErrorsNamingTheFile() throws IOException {
        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn")).hasMessageContaining("cnn: model=FILE is required");
        Path missing = tmp.resolve("missing.onnx");
        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=" + missing))
                .hasMessage("cnn: model file " + missing + " not found");
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "not a model");
        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=" + text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cnn: " + text + " is not a usable ONNX model: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=x.onnx,layers=3"))
                .hasMessageContaining("cnn: unknown parameter layers (valid: bands, model, norm, power, size, weight)");
    }

    @Test
    void aDeqSizeOutsideTheSpecRangeOrNotANumberIsRefusedNamingTheFile() throws Exception {
        for (String size : new String[] {"-5", "3x"}) {
            Path model = Files.copy(tinyModel(), tmp.resolve("size" + size + ".onnx"));
            setDeqSize(model, size);
            assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=" + model))
                    .hasMessage("cnn: model " + model + " has deq.size metadata '" + size
                            + "'; expected a whole number in 8..2048");
        }
    }

    @Test
    void aModelWithANonFloatOutputIsRefusedInOneLine() throws Exception {
        Path model = Path.of(OnnxEmbeddingTest.class.getResource("/tiny-cnn-double.onnx").toURI());
        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=" + model))
                .hasMessage("cnn: model " + model + " must output float32 [1, D], got double [1, 4]");
    }

    @Test
    void aModelPathTheSpecCannotCarryIsRefusedAtOpen() throws Exception {
        for (String folder : new String[] {"a+b", "run,lr=1"}) {
            Path model = Files.copy(tinyModel(), Files.createDirectories(tmp.resolve(folder)).resolve("model.onnx"));
            assertThatThrownBy(() -> OnnxEmbedding.open(model, BandSet.RGB, 0))
                    .hasMessage("cnn: model path " + model + " cannot be written in a descriptor spec ('+' separates"
                            + " descriptors, ',' parameters); move or link the model to a path without them");
        }
        // a comma alone reads back as part of the path
        Path comma = Files.copy(tinyModel(), Files.createDirectories(tmp.resolve("a,b")).resolve("model.onnx"));
        Descriptor d = OnnxEmbedding.open(comma, BandSet.RGB, 0);
        assertThat(DescriptorSpecs.parse(d.spec()).spec()).isEqualTo(d.spec());
    }

    @Test
    void multispectralModelsReadTheBandsScaledToTheirFullScale() throws Exception {
        Path model = Path.of(OnnxEmbeddingTest.class.getResource("/tiny-cnn-s2.onnx").toURI());
        Descriptor d = DescriptorSpecs.parse("cnn:model=" + model + ",bands=s2");
        assertThat(d.dimension()).isEqualTo(13);
        assertThat(d.spec()).endsWith(",size=32,bands=s2");
        List<String> names = new java.util.ArrayList<>();
        float[][] bands = new float[12][];
        float[] want = new float[13];
        int i = 0;
        for (S2Band b : S2Band.values()) {
            names.add(b.name());
            float reflectance = 0.02f * (i + 1); // visible bands reach full scale at 0.3, the others at 0.6
            bands[i] = new float[30 * 30];
            Arrays.fill(bands[i], reflectance);
            want[i] = reflectance / (List.of("B01", "B02", "B03", "B04").contains(b.name()) ? 0.3f : 0.6f);
            i++;
        }
        float[] v = d.describe(new Patch(PatchMeta.of("s2", "test"), 30, 30, names, bands));
        assertThat(v).containsExactly(want, org.assertj.core.data.Offset.offset(1e-5f));

        assertThatThrownBy(() -> DescriptorSpecs.parse("cnn:model=" + tinyModel() + ",bands=s2"))
                .hasMessage("cnn: model " + tinyModel() + " takes 3 channels, bands=s2 gives 12");
    }

    @Test
    void helpListsTheCnnDescriptor() {
        assertThat(DescriptorSpecs.names()).contains("cnn");
        assertThat(DescriptorSpecs.help()).contains("cnn").contains("model=FILE.onnx");
    }
}
