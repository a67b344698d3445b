package org.deq.describe;

import java.util.Set;
import org.deq.raster.Patch;

/**
 * {@code lbp:radii=1,2,3,grid=1}: uniform rotation-invariant local binary patterns (Ojala et al., TPAMI 2002,
 * LBP^riu2 with P = 8r neighbours at radius r, bilinear interpolation) of the luminance. One histogram of P+2 codes
 * per radius and grid cell, each summing to 1, concatenated and L1-normalised.
 */
public final class LbpTexture implements Descriptor {

    static final Set<String> PARAMS = Set.of("radii", "grid");
    private static final float FLAT_TOLERANCE = 1e-5f;

    private final int[] radii;
    private final int grid;
    private final int cellDimension;
    /** Per radius: the integer offsets and bilinear weights of each neighbour, precomputed once. */
    private final int[][] dx;
    private final int[][] dy;
    private final float[][][] weights;

    /** LBP at the given radii (P = 8 r) on a grid x grid partition. */
    public LbpTexture(int[] radii, int grid) {
        if (radii.length == 0 || grid < 1) {
            throw new IllegalArgumentException("lbp: needs at least one radius and grid >= 1");
        }
        this.radii = radii.clone();
        this.grid = grid;
        int dim = 0;
        dx = new int[radii.length][];
        dy = new int[radii.length][];
        weights = new float[radii.length][][];
        for (int k = 0; k < radii.length; k++) {
            int r = radii[k];
            if (r < 1) {
                throw new IllegalArgumentException("lbp: radii must be >= 1");
            }
            int p = 8 * r;
            dim += p + 2;
            dx[k] = new int[p];
            dy[k] = new int[p];
            weights[k] = new float[p][4];
            for (int n = 0; n < p; n++) {
                double a = 2 * Math.PI * n / p;
                double x = r * Math.cos(a);
                double y = -r * Math.sin(a);
                // Snap near-integer positions so axis neighbours are read exactly, as in the reference definition.
                x = Math.abs(x - Math.rint(x)) < 1e-6 ? Math.rint(x) : x;
                y = Math.abs(y - Math.rint(y)) < 1e-6 ? Math.rint(y) : y;
                int fx = (int) Math.floor(x);
                int fy = (int) Math.floor(y);
                float tx = (float) (x - fx);
                float ty = (float) (y - fy);
                dx[k][n] = fx;
                dy[k][n] = fy;
                weights[k][n] = new float[] {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
            }
        }
        this.cellDimension = dim;
    }

    static LbpTexture of(SpecParams p) {
        p.only(PARAMS);
        return new LbpTexture(p.integers("radii", new int[] {1, 2, 3}, 1, 16), p.integer("grid", 1, 1, 16));
    }

    @Override
    public String spec() {
        return "lbp:radii=" + SpecParams.join(radii) + ",grid=" + grid;
    }

    @Override
    public int dimension() {
        return grid * grid * cellDimension;
    }

    @Override
    public float[] describe(Patch patch) {
        float[] lum = Pixels.luminance(patch);
        int w = patch.width();
        int h = patch.height();
        float[] out = new float[dimension()];
        int offset = 0;
        for (int k = 0; k < radii.length; k++) {
            int p = 8 * radii[k];
            int m = radii[k] + 1;
            int[] ox = dx[k];
            int[] oy = dy[k];
            float[][] wk = weights[k];
            for (int y = m; y < h - m; y++) {
                int cy = y * grid / h;
                for (int x = m; x < w - m; x++) {
                    // Interpolation rounding must not flip the bits of flat areas (8-bit images have many).
                    float threshold = lum[y * w + x] - FLAT_TOLERANCE;
                    int ones = 0;
                    int transitions = 0;
                    boolean first = false;
                    boolean prev = false;
                    for (int n = 0; n < p; n++) {
                        int i = (y + oy[n]) * w + x + ox[n];
                        float[] wn = wk[n];
                        float v = wn[0] * lum[i] + wn[1] * lum[i + 1] + wn[2] * lum[i + w] + wn[3] * lum[i + w + 1];
                        boolean bit = v >= threshold;
                        if (bit) {
                            ones++;
                        }
                        if (n == 0) {
                            first = bit;
                        } else if (bit != prev) {
                            transitions++;
                        }
                        prev = bit;
                    }
                    if (prev != first) {
                        transitions++;
                    }
                    int code = transitions <= 2 ? ones : p + 1;
                    int cell = cy * grid + x * grid / w;
                    out[cell * cellDimension + offset + code] += 1f;
                }
            }
            for (int cell = 0; cell < grid * grid; cell++) {
                int from = cell * cellDimension + offset;
                Vectors.normaliseL1(out, from, from + p + 2);
            }
            offset += p + 2;
        }
        Vectors.normaliseL1(out, 0, out.length);
        return out;
    }
}
