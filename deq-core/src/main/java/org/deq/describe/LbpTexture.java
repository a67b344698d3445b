package org.deq.describe;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deq.raster.Patch;

/**
 * {@code lbp:radii=1,2,3,grid=1}: uniform rotation-invariant local binary patterns (Ojala et al., TPAMI 2002,
 * LBP^riu2 with P = 8r neighbours at radius r, bilinear interpolation) of the luminance ({@code channels=lum}), of
 * R, G and B ({@code rgb}), of luminance and the opponent axes R−G, R+G−2B ({@code opponent}) or of Sentinel-1's VV and
 * VH backscatter ({@code s1}). One histogram of
 * P+2 codes per channel, radius and grid cell, each summing to 1, concatenated and L1-normalised.
 */
public final class LbpTexture implements Descriptor {

    static final Set<String> PARAMS = Set.of("radii", "grid", "channels");
    private static final float FLAT_TOLERANCE = 1e-5f;

    private final int[] radii;
    private final int grid;
    private final String channels;
    private final int cellDimension;
    /** The smallest edge with a pixel a whole radius (+1 for interpolation) from every border: 2 (r + 1) + 1. */
    private final int minSide;
    /** Per radius: the integer offsets and bilinear weights of each neighbour, precomputed once. */
    private final int[][] dx;
    private final int[][] dy;
    private final float[][][] weights;

    /** LBP at the given radii (P = 8 r) on a grid x grid partition. */
    public LbpTexture(int[] radii, int grid, String channels) {
        if (radii.length == 0 || grid < 1) {
            throw new IllegalArgumentException("lbp: needs at least one radius and grid >= 1");
        }
        this.radii = radii.clone();
        this.grid = grid;
        this.channels = channels;
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
        this.minSide = 2 * (Arrays.stream(radii).max().orElse(1) + 1) + 1;
    }

    static LbpTexture of(SpecParams p) {
        p.only(PARAMS);
        return new LbpTexture(p.integers("radii", new int[] {1, 2, 3}, 1, 16), p.integer("grid", 1, 1, 16),
                p.choice("channels", "lum", List.of("lum", "rgb", "opponent", "s1")));
    }

    @Override
    public String spec() {
        return "lbp:radii=" + SpecParams.join(radii) + ",grid=" + grid + ",channels=" + channels;
    }

    @Override
    public int dimension() {
        int images = switch (channels) {
            case "lum" -> 1;
            case "s1" -> BandSet.S1.size();
            default -> 3;
        };
        return images * grid * grid * cellDimension;
    }

    @Override
    public float[] describe(Patch patch) {
        // a patch without pixels a full radius from every edge has no code at all: an empty histogram ties with everything
        if (patch.width() < minSide || patch.height() < minSide) {
            throw new IllegalArgumentException("patch " + patch.meta().id() + " is " + patch.width() + "x" + patch.height()
                    + " pixels; lbp at radius " + (minSide - 3) / 2 + " needs at least " + minSide + "x" + minSide);
        }
        float[][] images = channelImages(patch);
        float[] out = new float[dimension()];
        int perChannel = grid * grid * cellDimension;
        for (int c = 0; c < images.length; c++) {
            accumulate(images[c], patch.width(), patch.height(), out, c * perChannel);
        }
        Vectors.normaliseL1(out, 0, out.length);
        return out;
    }

    /** The grey images LBP runs on: luminance, or R, G, B, or luminance plus the two opponent colour axes, or VV, VH. */
    private float[][] channelImages(Patch patch) {
        return switch (channels) {
            case "lum" -> new float[][] {Pixels.luminance(patch)};
            case "rgb" -> Pixels.displayRgb(patch);
            case "s1" -> Pixels.scaled(BandSet.S1, patch);
            default -> {
                float[][] rgb = Pixels.displayRgb(patch);
                float[] o1 = new float[rgb[0].length];
                float[] o2 = new float[o1.length];
                for (int i = 0; i < o1.length; i++) {
                    o1[i] = rgb[0][i] - rgb[1][i];
                    o2[i] = rgb[0][i] + rgb[1][i] - 2f * rgb[2][i];
                }
                yield new float[][] {Pixels.luminance(patch), o1, o2};
            }
        };
    }

    /** Adds the per-cell, per-radius code histograms (each summing to 1) of one grey image at {@code base}. */
    private void accumulate(float[] lum, int w, int h, float[] out, int base) {
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
                    out[base + cell * cellDimension + offset + code] += 1f;
                }
            }
            for (int cell = 0; cell < grid * grid; cell++) {
                int from = base + cell * cellDimension + offset;
                Vectors.normaliseL1(out, from, from + p + 2);
            }
            offset += p + 2;
        }
    }
}
