package org.deq.synth;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deq.raster.GeoBox;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;
import org.deq.raster.Utm;
import org.deq.raster.UtmZone;

/**
 * One generated Sentinel-2 L2A patch with its ground truth: the twelve bands at native resolution as BigEarthNet
 * stores them (UInt16 reflectance x 10000; 120x120 at 10 m, 60x60 at 20 m, 20x20 at 60 m), the class of every
 * 10 m pixel, the multi-label truth and, for one side of a bi-temporal pair, the recorded change. Arrays are shared:
 * treat them as read-only.
 *
 * @param name       BigEarthNet-style patch name, e.g. {@code S2A_MSIL2A_20170613T101031_87_48}
 * @param tile       MGRS tile, e.g. {@code 33UUP}
 * @param zone       UTM zone of the footprint
 * @param ulx        easting of the upper-left corner, metres
 * @param uly        northing of the upper-left corner, metres
 * @param acquired   acquisition time (UTC)
 * @param tileSource name of the L1C product, as in BigEarthNet's {@code tile_source}
 * @param coverMap   {@link LandCover} ordinal of each 10 m pixel, row-major 120x120
 * @param labels     classes covering at least {@link SyntheticPatchGenerator#MIN_LABEL_FRACTION} of the patch, in CLC order
 * @param flags      {@code snow} when snow covers the land
 * @param bands      one array per {@link S2Band} (enum order) at native resolution
 * @param change     the pair's change, or {@code null} for a single patch
 */
public record SyntheticScene(String name, String tile, UtmZone zone, int ulx, int uly, LocalDateTime acquired,
                             String tileSource, byte[] coverMap, List<LandCover> labels, Set<String> flags,
                             short[][] bands, PairChange change) {

    /** Patch edge in metres. */
    public static final int EDGE_METRES = 1200;

    public SyntheticScene {
        labels = List.copyOf(labels);
        flags = Set.copyOf(flags);
    }

    /** Pixels per side of a band at its native resolution: 120, 60 or 20. */
    public static int side(S2Band band) {
        return EDGE_METRES / band.metres;
    }

    /** The band's UInt16 values at native resolution. */
    public short[] band(S2Band band) {
        return bands[band.ordinal()];
    }

    /** BigEarthNet label names, in CLC order. */
    public List<String> labelNames() {
        List<String> names = new ArrayList<>(labels.size());
        for (LandCover c : labels) {
            names.add(c.label());
        }
        return names;
    }

    /** WGS84 bounding box of the footprint. */
    public GeoBox footprint() {
        return Utm.footprint(zone.epsg(), ulx, uly, ulx + EDGE_METRES, uly - EDGE_METRES);
    }

    /**
     * The scene as a {@link Patch} on the 10 m grid: values are stored DN / 10000, and 20 m and 60 m bands are
     * repeated (nearest neighbour) so the pixels equal what reading the written files and upsampling gives.
     */
    public Patch toPatch(String source) {
        int side = EDGE_METRES / 10;
        S2Band[] all = S2Band.values();
        List<String> names = new ArrayList<>(all.length);
        float[][] values = new float[all.length][];
        for (S2Band b : all) {
            names.add(b.name());
            values[b.ordinal()] = upsample(bands[b.ordinal()], side(b), side);
        }
        PatchMeta meta = new PatchMeta(name, source, acquired.toInstant(ZoneOffset.UTC), footprint(), labelNames(), flags);
        return new Patch(meta, side, side, names, values);
    }

    private static float[] upsample(short[] dn, int from, int to) {
        int factor = to / from;
        float[] out = new float[to * to];
        for (int y = 0; y < to; y++) {
            int row = (y / factor) * from;
            for (int x = 0; x < to; x++) {
                out[y * to + x] = (dn[row + x / factor] & 0xFFFF) / S2Band.SCALE;
            }
        }
        return out;
    }
}
