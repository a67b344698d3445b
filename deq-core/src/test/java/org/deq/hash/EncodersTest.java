package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodersTest {

    private static final int N = 400;
    private static final int DIM = 12;

    @ParameterizedTest
    @ValueSource(strings = {"", "nope:bits=64", "lsh", "lsh:bits=8", "lsh:bits=257", "lsh:bits=x", "lsh:bits64",
            "lsh:bits=64,anchors=3", "klsh:bits=32,anchors=0", "ksh:bits=32,samples=100000", "ksh:bits=32,subset=5"})
    void badSpecIsOneLineIllegalArgument(String spec) {
        assertThatThrownBy(() -> Encoders.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void blanksAroundTheMethodAndParametersAreIgnoredAndHitsCompareByContent() {
        assertThat(HashSpec.parse(" lsh : bits = 64 ")).isEqualTo(HashSpec.parse("lsh:bits=64"));
        HammingHits a = new HammingHits(new int[] {3, 1}, new int[] {0, 2});
        assertThat(a).isEqualTo(new HammingHits(new int[] {3, 1}, new int[] {0, 2})).hasSameHashCodeAs(
                new HammingHits(new int[] {3, 1}, new int[] {0, 2})).isNotEqualTo(new HammingHits(new int[] {1, 3}, new int[] {0, 2}));
        assertThat(a).hasToString("HammingHits[ids=[3, 1], distances=[0, 2]]");
    }

    @Test
    void anchorsPastTheCapAreRefusedWhenTheSpecIsParsed() {
        // p × p matrices: 50,000 anchors would overflow an int length after hours of kernel work
        for (String method : new String[] {"klsh", "ksh"}) {
            assertThatThrownBy(() -> Encoders.parse(method + ":bits=32,anchors=50000"))
                    .hasMessage("hash spec '" + method + ":anchors=50000,bits=32': anchors must be at most 10000, got 50000");
            assertThat(Encoders.parse(method + ":bits=32,anchors=10000")).isNotNull();
        }
    }

    @Test
    void everyMethodIsParsedReadAndDocumented() throws IOException {
        String doc = Files.readString(Path.of("../docs/hashing.md"));
        int dim = 16; // ITQ learns at most as many bits as the descriptor has values
        float[] data = Synthetic.clustered(N, dim, 5, 14);
        for (boolean supervised : new boolean[] {false, true}) {
            for (String method : Encoders.methods(supervised)) {
                assertThat(doc).as("docs/hashing.md").contains("`" + method + "`");
                assertThat(Encoders.supervised(method + ":bits=16")).isEqualTo(supervised);
                BinaryEncoder trained = Encoders.parse(method + ":bits=16").train(data, N, dim, labels(N, 5), 7);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                trained.writeState(new DataOutputStream(bytes));
                BinaryEncoder restored = Encoders.read(trained.spec(),
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                assertThat(restored.encodeAll(data, N)).as(method).isEqualTo(trained.encodeAll(data, N));
            }
        }
        assertThat(Encoders.methods(false)).containsExactly("lsh", "itq", "klsh");
        assertThatThrownBy(() -> Encoders.parse("nope:bits=16"))
                .hasMessage("unknown hash method 'nope' (known: lsh, itq, klsh, ksh, deep)");
    }

    @Test
    void constantBitsAreTheOnesNoCodeTellsApart() {
        // 70-bit codes (two words): bit 0 and bit 65 vary, the other 68 are the same in all three codes
        long[] codes = {1L, 0L, 0L, 2L, 1L, 2L};
        assertThat(Codes.constantBits(codes, 3, 70)).isEqualTo(68);
        assertThat(Codes.constantBits(new long[] {-1L, 0L}, 2, 64)).isZero();
        // a degenerate encoder: one anchor gives every descriptor the same code
        float[] data = Synthetic.clustered(N, DIM, 5, 3);
        BinaryEncoder one = Encoders.parse("klsh:bits=32,anchors=1").train(data, N, DIM, null, 7);
        assertThat(Codes.constantBits(one.encodeAll(data, N), N, 32)).isEqualTo(32);
        BinaryEncoder lsh = Encoders.parse("lsh:bits=32").train(data, N, DIM, null, 7);
        assertThat(Codes.constantBits(lsh.encodeAll(data, N), N, 32)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lsh:bits=64", "klsh:bits=100,anchors=50,subset=10", "ksh:bits=24,anchors=40,samples=150"})
    void savedStateRestoresIdenticalCodes(String spec) throws IOException {
        float[] data = Synthetic.clustered(N, DIM, 5, 11);
        BinaryEncoder trained = Encoders.parse(spec).train(data, N, DIM, labels(N, 5), 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.writeState(new DataOutputStream(bytes));

        BinaryEncoder restored = Encoders.read(trained.spec(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(restored.spec()).isEqualTo(trained.spec());
        assertThat(restored.bits()).isEqualTo(HashSpec.parse(spec).params().get("bits"));
        assertThat(restored.encodeAll(data, N)).isEqualTo(trained.encodeAll(data, N));
        assertThat(restored.encode(Synthetic.row(data, 3, DIM))).isEqualTo(trained.encode(Synthetic.row(data, 3, DIM)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lsh:bits=16", "itq:bits=16", "klsh:bits=16,anchors=50", "ksh:bits=16,anchors=40,samples=100",
            "deep:bits=16,epochs=2,hidden=16"})
    void everyEncoderPrintsAsItsSpec(String spec) {
        int dim = 16; // ITQ learns at most as many bits as the descriptor has values
        BinaryEncoder trained = Encoders.parse(spec).train(Synthetic.clustered(N, dim, 5, 13), N, dim, labels(N, 5), 7);
        assertThat(trained).hasToString(trained.spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lsh:bits=64", "klsh:bits=32,anchors=50", "ksh:bits=16,anchors=40,samples=100"})
    void sameSeedSameEncoder(String spec) {
        float[] data = Synthetic.clustered(N, DIM, 5, 12);
        int[][] labels = labels(N, 5);
        long[] a = Encoders.parse(spec).train(data, N, DIM, labels, 3).encodeAll(data, N);
        long[] b = Encoders.parse(spec).train(data, N, DIM, labels, 3).encodeAll(data, N);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void supervisedEncoderWithoutLabelsIsRejected() {
        float[] data = Synthetic.gaussian(50, 4, 1);
        assertThatThrownBy(() -> Encoders.parse("ksh:bits=16").train(data, 50, 4, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels");
    }

    @Test
    void wrongDescriptorLengthIsRejected() {
        float[] data = Synthetic.gaussian(50, 4, 1);
        BinaryEncoder lsh = Encoders.parse("lsh:bits=16").train(data, 50, 4, null, 1);
        assertThatThrownBy(() -> lsh.encode(new float[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lsh.encodeAll(new float[7], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Item i carries label i mod classes, and every third item also label classes (multi-label). */
    static int[][] labels(int n, int classes) {
        int[][] labels = new int[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? new int[] {i % classes, classes} : new int[] {i % classes};
        }
        return labels;
    }
}
