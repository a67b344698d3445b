package org.deq.deep;

import java.io.DataInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.deq.describe.BandSet;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorProvider;
import org.deq.describe.SpecParams;

/** Adds {@code cnn:model=FILE,size=S,bands=rgb} to the descriptor spec language. */
public final class CnnProvider implements DescriptorProvider {

    private static final Set<String> KEYS = Set.of("model", "size", "bands");

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String help() {
        return "model=FILE.onnx, size=(model's deq.size, else its fixed input size, else 224), bands=rgb|s2|B02/..  CNN embedding (ONNX model)";
    }

    @Override
    public Descriptor create(SpecParams params) {
        params.only(KEYS);
        String model = params.string("model", null);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("cnn: model=FILE is required (an ONNX image model, e.g. one written by"
                    + " scripts/train-simclr.py)");
        }
        int size = params.integer("size", 0, OnnxEmbedding.MIN_SIZE, OnnxEmbedding.MAX_SIZE);
        return OnnxEmbedding.open(Path.of(model), BandSet.parse(params.string("bands", "rgb")), size);
    }

    @Override
    public Descriptor read(SpecParams params, DataInput in) throws IOException {
        OnnxEmbedding d = (OnnxEmbedding) create(params);
        d.checkDigest(in.readUTF());
        return d;
    }
}
