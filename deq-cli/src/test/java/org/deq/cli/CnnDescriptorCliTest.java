package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cnn descriptor end to end on real scenes (UC Merced RGB, BigEarthNet Sentinel-2): index, query, bad models. */
class CnnDescriptorCliTest {

    @TempDir
    Path tmp;

    @Test
    void indexesAndQueriesRealScenesWithAnOnnxModel() throws IOException {
        Path archive = TestData.ucMercedScenes(tmp.resolve("scenes"), 10, "beach", "forest", "runway");
        Path model = testModel("tiny-cnn.onnx");
        Path index = tmp.resolve("index");
        Cli built = Cli.run("index", "--archive", archive.toString(), "--descriptor", "cnn:model=" + model + ",norm=l2",
                "--distance", "l2", "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 30 patches", "0 bad");

        Cli query = Cli.run("query", "--index", index.toString(), "--image",
                archive.resolve("forest/forest03.jpg").toString(), "--k", "3");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("forest03");

        Files.write(model, new byte[] {1, 2, 3});
        Cli changed = Cli.run("query", "--index", index.toString(), "--image",
                archive.resolve("forest/forest03.jpg").toString(), "--k", "3");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err().strip()).startsWith("deq: error:").contains("tiny-cnn.onnx").doesNotContain("\n");
    }

    @Test
    void indexesRealSentinel2PatchesWithATwelveBandModel() throws IOException {
        Path ben = TestData.require("bigearthnet-sample/BigEarthNet-S2-v1.0");
        Path model = testModel("tiny-cnn-s2.onnx");
        Path index = tmp.resolve("ben");
        Cli built = Cli.run("index", "--archive", ben.toString(), "--descriptor", "cnn:model=" + model + ",bands=s2",
                "--out", index.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("indexed 14 patches", "0 bad", "(dimension 13)");

        String id = "S2A_MSIL2A_20170613T101031_87_48";
        Cli byImage = Cli.run("query", "--index", index.toString(), "--image", ben.resolve(id).toString(), "--k", "1");
        assertThat(byImage.exitCode()).as(byImage.err()).isZero();
        assertThat(byImage.out()).contains(id);

        Cli rgbModel = Cli.run("index", "--archive", ben.toString(), "--descriptor", "cnn:model=" + model,
                "--out", tmp.resolve("bad").toString());
        assertThat(rgbModel.exitCode()).isEqualTo(2);
        assertThat(rgbModel.err().strip()).contains("takes 12 channels, bands=rgb gives 3").doesNotContain("\n");
    }

    /** A copy in the temporary folder of one of deq-deep's test models (the tests rewrite it). */
    private Path testModel(String name) throws IOException {
        Path model = tmp.resolve(name);
        try (InputStream in = CnnDescriptorCliTest.class.getResourceAsStream("/" + name)) {
            Files.copy(in, model);
        }
        return model;
    }

    @Test
    void theDescriptorListNamesCnn() {
        Cli list = Cli.run("index", "--list-descriptors");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("cnn", "model=FILE.onnx");
    }
}
