package org.deq.describe;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deq.raster.Patch;
import org.deq.vectors.Vectors;

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
                yield new float[][] {Pixels.luminance(rgb), o1, o2};
            }
        };
    }

    /**
     * Adds the per-cell, per-radius code histograms (each summing to 1) of one grey image at {@code base}. A row at a
     * time, one neighbour at a time: each neighbour's comparison sets one bit of every pixel's pattern (branch-free,
     * rows read in order), then the patterns' ones and circular 0/1 transitions are popcounts, where a per-pixel loop
     * over the neighbours spent most of its time on mispredicted branches. Same codes, bit for bit.
     */
    private void accumulate(float[] lum, int w, int h, float[] out, int base) {
        float[] threshold = new float[w];
        int offset = 0;
        for (int k = 0; k < radii.length; k++) {
            int p = 8 * radii[k];
            int m = radii[k] + 1;
            int words = (p + 63) >>> 6;
            long[] bits = new long[words * w];
            int[] ox = dx[k];
            int[] oy = dy[k];
            float[][] wk = weights[k];
            for (int y = m; y < h - m; y++) {
                int row = y * w;
                for (int x = m; x < w - m; x++) {
                    // Interpolation rounding must not flip the bits of flat areas (8-bit images have many).
                    threshold[x] = lum[row + x] - FLAT_TOLERANCE;
                }
                Arrays.fill(bits, 0L);
                for (int n = 0; n < p; n++) {
                    int shift = n & 63;
                    int word = (n >>> 6) * w;
                    int from = (y + oy[n]) * w + ox[n];
                    float w0 = wk[n][0];
                    float w1 = wk[n][1];
                    float w2 = wk[n][2];
                    float w3 = wk[n][3];
                    for (int x = m; x < w - m; x++) {
                        int i = from + x;
                        float v = w0 * lum[i] + w1 * lum[i + 1] + w2 * lum[i + w] + w3 * lum[i + w + 1];
                        bits[word + x] |= (v >= threshold[x] ? 1L : 0L) << shift;
                    }
                }
                int cy = y * grid / h;
                for (int x = m; x < w - m; x++) {
                    int code = code(bits, x, w, words, p);
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

    /**
     * The riu2 code of pixel {@code x}'s pattern of {@code p} bits (neighbour n at bit n & 63 of word n >>> 6): its count
     * of ones when it has at most two circular 0/1 transitions (uniform), else p + 1.
     */
    private static int code(long[] bits, int x, int w, int words, int p) {
        int ones = 0;
        int transitions = 0;
        for (int j = 0; j < words; j++) {
            long word = bits[j * w + x];
            int length = Math.min(64, p - 64 * j);
            long nextFirst = bits[(j + 1 == words ? 0 : (j + 1) * w) + x] & 1L;
            // bit i of 'following' is neighbour i + 1's bit, the last one the next word's first (circularly)
            long following = (word >>> 1) | (nextFirst << (length - 1));
            long mask = length == 64 ? -1L : (1L << length) - 1;
            transitions += Long.bitCount((word ^ following) & mask);
            ones += Long.bitCount(word);
        }
        return transitions <= 2 ? ones : p + 1;
    }
}
