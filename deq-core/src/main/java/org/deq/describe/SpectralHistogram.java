package org.deq.describe;

import java.util.Set;
import org.deq.raster.Patch;

/** {@code spectral-hist:bins=16,bands=rgb}: global per-band histograms over fixed value ranges, L1-normalised. */
public final class SpectralHistogram implements Descriptor {

    static final Set<String> PARAMS = Set.of("bins", "bands", "span");

    private final int bins;
    private final BandSet bands;

    /** A histogram of {@code bins} bins per band of {@code bands}. */
    public SpectralHistogram(int bins, BandSet bands) {
        if (bins < 2) {
            throw new IllegalArgumentException("spectral-hist: bins must be >= 2");
        }
        this.bins = bins;
        this.bands = bands;
    }

    static SpectralHistogram of(SpecParams p) {
        p.only(PARAMS);
        return new SpectralHistogram(p.integer("bins", 16, 2, 1024), BandSet.of(p));
    }

    @Override
    public String spec() {
        return "spectral-hist:bins=" + bins + ",bands=" + bands.spec() + bands.spanParam();
    }

    @Override
    public int dimension() {
        return bands.size() * bins;
    }

    @Override
    public float[] describe(Patch patch) {
        return LocalHistogram.cellHistograms(patch, bands, 1, bins)[0];
    }
}
