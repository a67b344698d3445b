package org.deq.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IterativeQuantizationTest {

    /** A Gaussian whose spread falls off along its 64 axes (σ_i = 4 / (1 + i / 2)), as descriptor spectra do. */
    private static float[] anisotropic(int n, long seed) {
        Random rnd = new Random(seed);
        int dim = 64;
        float[] x = new float[n * dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                x[r * dim + i] = (float) (4 / (1 + i / 2.0) * rnd.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void findsMoreTrueNeighboursThanRandomHyperplanesWhereVarianceIsConcentrated() {
        int n = 3000;
        int dim = 64;
        float[] data = anisotropic(n, 1);
        double itq = Synthetic.recallAt(IterativeQuantization.train(data, n, dim, 16, 50, 3000, 2), data, n, dim, 60, 10);
        double lsh = Synthetic.recallAt(RandomHyperplaneLsh.train(data, n, dim, 16, 2), data, n, dim, 60, 10);
        assertThat(itq).as("itq %.3f vs lsh %.3f", itq, lsh).isGreaterThan(lsh + 0.05);
    }

    @Test
    void stateRestoresIdenticalCodesAndSeedsRepeat() throws Exception {
        int n = 800;
        float[] data = anisotropic(n, 3);
        BinaryEncoder a = Encoders.parse("itq:bits=32,iterations=20,samples=500").train(data, n, 64, null, 5);
        BinaryEncoder b = Encoders.parse("itq:bits=32,iterations=20,samples=500").train(data, n, 64, null, 5);
        assertThat(b.encodeAll(data, n)).isEqualTo(a.encodeAll(data, n));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        BinaryEncoder restored = Encoders.read(a.spec(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.spec()).isEqualTo("itq:bits=32,iterations=20,samples=500");
        assertThat(restored.encodeAll(data, n)).isEqualTo(a.encodeAll(data, n));
    }

    @Test
    void theRecordedSpecNamesEveryParameterSoThatItTrainsTheSameEncoderAgain() {
        int n = 800;
        float[] data = anisotropic(n, 3);
        // a multi-code model trains its codes from the stored encoder's spec: defaults spelt out, samples as asked
        assertThat(Encoders.parse("itq:bits=16").train(data, n, 64, null, 5).spec())
                .isEqualTo("itq:bits=16,iterations=50,samples=20000");
        BinaryEncoder asked = Encoders.parse("itq:bits=32,iterations=3,samples=100").train(data, n, 64, null, 5);
        BinaryEncoder again = Encoders.parse(asked.spec()).train(data, n, 64, null, 5);
        assertThat(again.spec()).isEqualTo(asked.spec());
        assertThat(again.encodeAll(data, n)).isEqualTo(asked.encodeAll(data, n));
        assertThat(Encoders.parse("itq:bits=32").train(data, n, 64, null, 5).encodeAll(data, n))
                .as("the defaults train another encoder").isNotEqualTo(asked.encodeAll(data, n));
    }

    @Test
    void moreBitsThanDimensionsOrUnknownParametersAreOneLineErrors() {
        float[] data = anisotropic(100, 4);
        assertThatThrownBy(() -> Encoders.parse("itq:bits=128").train(data, 100, 64, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits=128 > dimension 64");
        assertThatThrownBy(() -> Encoders.parse("itq:bits=32,anchors=5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anchors");
    }

    @Test
    void moreBitsThanTheSampleHasPrincipalDirectionsIsAOneLineError() {
        // 14 descriptors centred on their mean span 13 directions: 16 bits would include arbitrary null-space ones
        float[] few = anisotropic(14, 6);
        assertThatThrownBy(() -> Encoders.parse("itq:bits=16").train(few, 14, 64, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("14 training descriptors span at most 13: bits=16 needs at least 17")
                .hasMessageContaining("lsh or klsh").hasMessageNotContaining("\n");
        // the samples cap is what PCA sees
        float[] data = anisotropic(100, 7);
        assertThatThrownBy(() -> Encoders.parse("itq:bits=32,samples=20").train(data, 100, 64, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples=20 of 100").hasMessageContaining("span at most 20: bits=32 needs samples=32 or more");
        // one more descriptor than bits is enough
        float[] enough = anisotropic(17, 8);
        assertThat(Encoders.parse("itq:bits=16").train(enough, 17, 64, null, 1).bits()).isEqualTo(16);
    }
}
