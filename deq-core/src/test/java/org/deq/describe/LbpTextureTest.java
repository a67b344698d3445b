package org.deq.describe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.vectors.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LBP^riu2 codes: hand-checked patterns, and the row-wise bit-parallel loop against a plain per-pixel definition. */
class LbpTextureTest {

    @Test
    void aBrightSpotADarkSpotALineAndAnEdgeGetTheirCodes() {
        // radius 1, 8 neighbours, one code per pattern: the centre pixel of a 5 x 5 image is the only one coded
        // (bins 0..8 count the neighbours at least as bright as the centre when uniform, bin 9 the non-uniform)
        assertThat(codes(spot(1f, 0f))).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(codes(spot(0f, 1f))).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
        // a bright line through the centre: left and right neighbours on it, the six others below it: two runs of ones
        float[] line = new float[25];
        for (int i = 0; i < 25; i++) {
            line[i] = i / 5 == 2 ? 1f : 0f;
        }
        assertThat(codes(line)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        // a vertical edge through the centre: the centre and the right half bright, 3 neighbours plus the two on the edge
        float[] edge = new float[25];
        for (int i = 0; i < 25; i++) {
            edge[i] = i % 5 >= 2 ? 1f : 0f;
        }
        assertThat(codes(edge)).containsExactly(0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @CsvSource({"'1,2,3', 1", "'1,2,3', 3", "'8', 1", "'9,16', 2", "'5', 2"})
    void equalsThePerPixelDefinitionBitForBit(String radii, int grid) {
        // 9 and 16 give 72 and 128 neighbours: patterns of two words; 8-bit levels make many ties, where the tolerance acts
        Random random = new Random(radii.hashCode() * 31L + grid);
        int[] r = java.util.Arrays.stream(radii.split(",")).mapToInt(Integer::parseInt).toArray();
        LbpTexture lbp = new LbpTexture(r, grid, "lum");
        for (int t = 0; t < 6; t++) {
            int w = 37 + random.nextInt(60);
            int h = 37 + random.nextInt(60);
            float[] grey = new float[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = t % 2 == 0 ? random.nextInt(4) / 255f : random.nextFloat();
            }
            Patch patch = new Patch(PatchMeta.of("t" + t, "synthetic"), w, h, List.of("R", "G", "B"),
                    new float[][] {grey, grey, grey});
            assertThat(lbp.describe(patch)).containsExactly(perPixel(r, grid, Pixels.luminance(patch), w, h));
        }
    }

    /** The 10 bins of radius 1 (as counts) for a 5 x 5 grey image. */
    private static int[] codes(float[] grey) {
        Patch patch = new Patch(PatchMeta.of("p", "synthetic"), 5, 5, List.of("R", "G", "B"), new float[][] {grey, grey, grey});
        float[] v = new LbpTexture(new int[] {1}, 1, "lum").describe(patch);
        int[] counts = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            counts[i] = Math.round(v[i]);
        }
        return counts;
    }

    private static float[] spot(float centre, float around) {
        float[] grey = new float[25];
        java.util.Arrays.fill(grey, around);
        grey[12] = centre;
        return grey;
    }

    /** Ojala et al.'s definition pixel by pixel, neighbour by neighbour, as the histogram deq documents. */
    private static float[] perPixel(int[] radii, int grid, float[] lum, int w, int h) {
        int dim = 0;
        for (int r : radii) {
            dim += 8 * r + 2;
        }
        float[] out = new float[grid * grid * dim];
        int offset = 0;
        for (int r : radii) {
            int p = 8 * r;
            for (int y = r + 1; y < h - r - 1; y++) {
                for (int x = r + 1; x < w - r - 1; x++) {
                    boolean[] bit = new boolean[p];
                    int ones = 0;
                    for (int n = 0; n < p; n++) {
                        double a = 2 * Math.PI * n / p;
                        double nx = r * Math.cos(a);
                        double ny = -r * Math.sin(a);
                        nx = Math.abs(nx - Math.rint(nx)) < 1e-6 ? Math.rint(nx) : nx;
                        ny = Math.abs(ny - Math.rint(ny)) < 1e-6 ? Math.rint(ny) : ny;
                        int fx = (int) Math.floor(nx);
                        int fy = (int) Math.floor(ny);
                        float tx = (float) (nx - fx);
                        float ty = (float) (ny - fy);
                        int i = (y + fy) * w + x + fx;
                        float v = (1 - tx) * (1 - ty) * lum[i] + tx * (1 - ty) * lum[i + 1] + (1 - tx) * ty * lum[i + w]
                                + tx * ty * lum[i + w + 1];
                        bit[n] = v >= lum[y * w + x] - 1e-5f;
                        ones += bit[n] ? 1 : 0;
                    }
                    int transitions = 0;
                    for (int n = 0; n < p; n++) {
                        transitions += bit[n] != bit[(n + 1) % p] ? 1 : 0;
                    }
                    int cell = (y * grid / h) * grid + x * grid / w;
                    out[cell * dim + offset + (transitions <= 2 ? ones : p + 1)] += 1f;
                }
            }
            for (int cell = 0; cell < grid * grid; cell++) {
                Vectors.normaliseL1(out, cell * dim + offset, cell * dim + offset + p + 2);
            }
            offset += p + 2;
        }
        Vectors.normaliseL1(out, 0, out.length);
        return out;
    }
}
