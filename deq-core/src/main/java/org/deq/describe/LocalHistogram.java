package org.deq.describe;

import java.util.Set;
import org.deq.raster.Patch;
import org.deq.vectors.Vectors;

/**
 * {@code local-hist:grid=4,bins=8,bands=rgb}: per-band value histograms in each cell of a grid x grid partition.
 * Each cell's vector sums to 1; the whole vector is the cells' concatenation divided by the cell count (sums to 1).
 */
public final class LocalHistogram implements RegionDescriptor {

    static final Set<String> PARAMS = Set.of("grid", "bins", "bands", "span");

    private final int grid;
    private final int bins;
    private final BandSet bands;

    /** A grid x grid local histogram with {@code bins} bins per band over each band's fixed value range. */
    public LocalHistogram(int grid, int bins, BandSet bands) {
        if (grid < 1 || bins < 2) {
            throw new IllegalArgumentException("local-hist: grid must be >= 1 and bins >= 2");
        }
        this.grid = grid;
        this.bins = bins;
        this.bands = bands;
    }

    static LocalHistogram of(SpecParams p) {
        p.only(PARAMS);
        return new LocalHistogram(p.integer("grid", 4, 1, 64), p.integer("bins", 8, 2, 1024),
                BandSet.of(p));
    }

    @Override
    public String spec() {
        return "local-hist:grid=" + grid + ",bins=" + bins + ",bands=" + bands.spec() + bands.spanParam();
    }

    @Override
    public int dimension() {
        return regionCount() * regionDimension();
    }

    @Override
    public int regionCount() {
        return grid * grid;
    }

    @Override
    public int regionDimension() {
        return bands.size() * bins;
    }

    @Override
    public float[][] describeRegions(Patch patch) {
        return cellHistograms(patch, bands, grid, bins);
    }

    @Override
    public float[] describe(Patch patch) {
        float[][] cells = describeRegions(patch);
        int rd = regionDimension();
        float[] out = new float[dimension()];
        float inv = 1f / cells.length;
        for (int c = 0; c < cells.length; c++) {
            for (int i = 0; i < rd; i++) {
                out[c * rd + i] = cells[c][i] * inv;
            }
        }
        return out;
    }

    /** Per-cell, per-band histograms over [floor, floor + full scale) of each band; each cell's vector sums to 1. */
    static float[][] cellHistograms(Patch patch, BandSet bands, int grid, int bins) {
        float[][] channels = bands.resolve(patch);
        float[] scales = bands.fullScales(patch);
        float[] floors = bands.floors(patch);
        int w = patch.width();
        int h = patch.height();
        int nb = channels.length;
        float[][] cells = new float[grid * grid][nb * bins];
        int[] column = new int[w];
        for (int x = 0; x < w; x++) {
            column[x] = x * grid / w;
        }
        // a band at a time: each band's pixels are read in order rather than one value of every band per pixel
        for (int b = 0; b < nb; b++) {
            float[] channel = channels[b];
            float floor = floors[b];
            float scale = scales[b];
            int offset = b * bins;
            for (int y = 0; y < h; y++) {
                int row = (y * grid / h) * grid;
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    cells[row + column[x]][offset + Pixels.bin((channel[i] - floor) / scale, bins)] += 1f;
                }
            }
        }
        for (float[] cell : cells) {
            Vectors.normaliseL1(cell, 0, cell.length);
        }
        return cells;
    }
}
