package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.deq.index.Distance;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deq eval on an index mixing labelled and unlabelled patches (an archive indexed with another without labels); an index
 * of vectors described outside deq refuses --multi-code by its descriptor's name.
 */
class EvalUnlabelledTest {

    @TempDir
    Path tmp;

    @Test
    void unlabelledPatchesAreNoQueriesAndSayWhy() throws IOException {
        // 10 labelled patches, two classes apart on the line; 5 unlabelled ones far from both
        Path index = lineIndex("mixed", "line", 15, i -> i < 10 ? List.of(i < 5 ? "sea" : "forest") : List.of(),
                i -> i < 5 ? i : i < 10 ? 100 + i : 1000 + i);
        Path json = tmp.resolve("eval.json");
        Cli eval = Cli.run("eval", "--index", index.toString(), "--k", "4", "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("note: 5 patches without labels are not used as queries");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.get("queries").asInt()).isEqualTo(10);
        assertThat(figures.get("database").asInt()).isEqualTo(15);
        assertThat(figures.get("precision_at_k").asDouble()).isEqualTo(1.0);
        assertThat(figures.get("notes").toString()).contains("5 patches without labels are not used as queries");
    }

    @Test
    void multiCodeOnVectorsDescribedOutsideDeqNamesTheDescriptor() throws IOException {
        Path index = lineIndex("outside", "my-embedding", 20, i -> List.of(), i -> i);
        Cli run = Cli.run("index", "--out", index.toString(), "--hash", "lsh:bits=16", "--multi-code", "4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--multi-code needs an index built with --descriptor local-hist:..., not my-embedding");
    }

    /**
     * An index of {@code n} one-value vectors described outside deq (descriptor {@code spec}): patch i is {@code p<i>},
     * with {@code labels(i)} and the value {@code value(i)}.
     */
    private Path lineIndex(String name, String spec, int n, IntFunction<List<String>> labels, IntToDoubleFunction value)
            throws IOException {
        Path index = tmp.resolve(name);
        try (IndexStore store = IndexStore.create(index, new StoreConfig(spec, Distance.L2, 1, new byte[0]));
             StoreWriter w = store.writer()) {
            for (int i = 0; i < n; i++) {
                w.add(new PatchMeta("p" + i, name, Instant.EPOCH, null, labels.apply(i), Set.of()),
                        new float[] {(float) value.applyAsDouble(i)});
            }
            w.commit();
        }
        return index;
    }
}
