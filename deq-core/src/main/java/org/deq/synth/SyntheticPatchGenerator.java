package org.deq.synth;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.deq.raster.S2Band;

/**
 * Generates Sentinel-2 L2A patches like BigEarthNet's, deterministically from (seed, index): 2-4 land-cover segments
 * with seasonal spectra, texture and sensor noise, on a 1200 m UTM footprint of a European tile, acquired between
 * June 2017 and May 2018; 20 m and 60 m bands are block averages of the 10 m rendering. Also generates bi-temporal
 * pairs with a known change. Pure and thread-safe: any index can be generated in any order on any thread.
 *
 * <p>Single patch {@code k} lies on tile {@code k mod 12}; consecutive patches of a tile take new grid positions
 * (three quarters of the tile's 90x90 positions are for singles, the rest for pairs, so names never clash); once all
 * are used, the same places come back at another of the tile's 24 acquisition dates, with the same land cover (it
 * depends on the place) in another season. All patches of a tile and date share the date, as real acquisitions do.
 */
public final class SyntheticPatchGenerator {

    /** Pixels per side at 10 m. */
    public static final int SIDE = SegmentLayout.SIDE;
    /** A class becomes a label when it covers at least this share of the patch. */
    public static final float MIN_LABEL_FRACTION = 0.05f;
    /** Acquisition dates per tile for single patches. */
    public static final int DATES_PER_TILE = 24;
    /** Patch positions per tile side (a tile is about 110 km: 90 patches of 1.2 km). */
    public static final int GRID = 90;

    private static final int POSITIONS = GRID * GRID;
    private static final int PAIR_POSITIONS = POSITIONS / 4;
    private static final int SINGLE_POSITIONS = POSITIONS - PAIR_POSITIONS;
    /** Most single patches: every single position of every tile at every date. */
    public static final long MAX_PATCHES = (long) SINGLE_POSITIONS * S2Tile.EUROPE.size() * DATES_PER_TILE;
    /** Most bi-temporal pairs: one per pair position of every tile. */
    public static final long MAX_PAIRS = (long) PAIR_POSITIONS * S2Tile.EUROPE.size();
    private static final int STRIDE = 7919; // prime, coprime with POSITIONS: scatters consecutive positions
    private static final LocalDate FIRST_DAY = LocalDate.of(2017, 6, 1);
    private static final int DAYS_PER_SLOT = 15;
    private static final LocalDate BASELINE_0206 = LocalDate.of(2017, 11, 6);
    private static final float SENSOR_NOISE = 0.002f;
    private static final int SNOW_MIN_NORTHING = 6_000_000;
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final List<S2Tile> TILES = S2Tile.EUROPE;
    private static final long KIND_ACQUISITION = 1;
    private static final long KIND_SINGLE = 2;
    private static final long KIND_SINGLE_NOISE = 3;
    private static final long KIND_PAIR = 4;
    private static final long KIND_PAIR_NOISE = 5;
    private static final long KIND_PAIR_DATES = 6;

    private final long seed;
    private final boolean snow;

    /**
     * @param seed the seed every value derives from
     * @param snow when true, some winter patches of northern tiles are snow-covered (flag {@code snow}); BigEarthNet
     *             users usually drop such patches, so the default archive has none
     */
    public SyntheticPatchGenerator(long seed, boolean snow) {
        this.seed = seed;
        this.snow = snow;
    }

    /** Single patch number {@code index} (0-based). */
    public SyntheticScene scene(long index) {
        Placement at = singlePlacement(index);
        // land cover belongs to the place; season, snow and noise to the date
        SplittableRandom place = random(KIND_SINGLE, TILES.indexOf(at.tile), at.position);
        SegmentLayout layout = SegmentLayout.random(place);
        LandCover[] classes = layout.drawClasses(place, -1, null);
        SplittableRandom noise = random(KIND_SINGLE_NOISE, index, 0);
        Month month = at.when.getMonth();
        boolean snowy = snow && isWinter(month) && at.tile.uly() > SNOW_MIN_NORTHING && noise.nextBoolean();
        short[][] bands = render(layout, classes, month, -1, snowy, noise);
        return scene(at, layout, classes, snowy ? Set.of("snow") : Set.of(), bands, null);
    }

    /** Name of single patch {@code index}, without generating it. */
    public String sceneName(long index) {
        return singlePlacement(index).name();
    }

    /** Bi-temporal pair number {@code index} (0-based); change types cycle through {@link ChangeType}. */
    public ScenePair pair(long index) {
        Placement first = pairPlacement(index, 0);
        Placement second = pairPlacement(index, 1);
        ChangeType type = pairType(index);
        SplittableRandom rng = random(KIND_PAIR, index, 0);
        SegmentLayout layout = SegmentLayout.random(rng);
        int changed = layout.largestSegment();
        LandCover from = type.sources().get(rng.nextInt(type.sources().size()));
        LandCover to = type.target(from);
        LandCover[] before = layout.drawClasses(rng, changed, from, to);
        LandCover[] after = before.clone();
        after[changed] = to;
        float fraction = type == ChangeType.NO_CHANGE ? 0 : layout.area[changed] / (float) (SIDE * SIDE);

        short[][] bandsFirst = render(layout, before, first.when.getMonth(), -1, false,
                random(KIND_PAIR_NOISE, index, 0));
        short[][] bandsSecond = render(layout, after, second.when.getMonth(),
                type == ChangeType.HARVEST ? changed : -1, false, random(KIND_PAIR_NOISE, index, 1));
        SyntheticScene a = scene(first, layout, before, Set.of(), bandsFirst,
                new PairChange(type, second.name(), from, to, fraction));
        SyntheticScene b = scene(second, layout, after, Set.of(), bandsSecond,
                new PairChange(type, first.name(), from, to, fraction));
        boolean[] changedPixels = new boolean[SIDE * SIDE];
        if (type != ChangeType.NO_CHANGE) {
            for (int p = 0; p < changedPixels.length; p++) {
                changedPixels[p] = layout.segmentOf[p] == changed;
            }
        }
        return new ScenePair(a, b, type, changedPixels);
    }

    /** Name of the first ({@code side} 0) or second (1) patch of pair {@code index}, without generating it. */
    public String pairName(long index, int side) {
        return pairPlacement(index, side).name();
    }

    /** The change type of pair {@code index}. */
    public static ChangeType pairType(long index) {
        return ChangeType.values()[(int) Math.floorMod(index, (long) ChangeType.values().length)];
    }

    /** Where and when a patch is: tile, grid position, acquisition time, spacecraft, L1C processing delay. */
    private record Placement(S2Tile tile, int position, LocalDateTime when, String spacecraft, int delaySeconds) {

        String name() {
            return spacecraft + "_MSIL2A_" + COMPACT.format(when) + "_" + position % GRID + "_" + position / GRID;
        }
    }

    private Placement singlePlacement(long index) {
        if (index < 0 || index >= MAX_PATCHES) {
            throw new IllegalArgumentException("synthetic patch index must be in 0.." + (MAX_PATCHES - 1) + ": " + index);
        }
        int t = (int) (index % TILES.size());
        long r = index / TILES.size();
        int positionIndex = (int) (r % SINGLE_POSITIONS);
        // each round over the positions moves every place to its next date; the start differs per place
        int slot = (int) Math.floorMod(r / SINGLE_POSITIONS + mix(seed + t * 31L + positionIndex), DATES_PER_TILE);
        S2Tile tile = TILES.get(t);
        // one acquisition per tile and slot, shared by all its patches as in a real archive
        SplittableRandom acquisition = random(KIND_ACQUISITION, t, slot);
        LocalDateTime when = FIRST_DAY.plusDays((long) slot * DAYS_PER_SLOT + acquisition.nextInt(DAYS_PER_SLOT))
                .atTime(tile.overpass());
        String spacecraft = acquisition.nextBoolean() ? "S2A" : "S2B";
        return new Placement(tile, position(t, positionIndex), when, spacecraft,
                processingDelay(acquisition));
    }

    private Placement pairPlacement(long index, int side) {
        if (index < 0 || index >= MAX_PAIRS) {
            throw new IllegalArgumentException("synthetic pair index must be in 0.." + (MAX_PAIRS - 1) + ": " + index);
        }
        if (side != 0 && side != 1) {
            throw new IllegalArgumentException("pair side must be 0 or 1: " + side);
        }
        int t = (int) (index % TILES.size());
        S2Tile tile = TILES.get(t);
        SplittableRandom rng = random(KIND_PAIR_DATES, index, 0);
        // both dates in June-July: crops still grow and trees are in leaf, so only the recorded change differs
        LocalDateTime first = FIRST_DAY.plusDays(rng.nextInt(40)).atTime(tile.overpass());
        LocalDateTime second = first.plusDays(7 + rng.nextInt(15));
        String craftFirst = rng.nextBoolean() ? "S2A" : "S2B";
        String craftSecond = rng.nextBoolean() ? "S2A" : "S2B";
        int delayFirst = processingDelay(rng);
        int delaySecond = processingDelay(rng);
        int position = position(t, (int) (SINGLE_POSITIONS + index / TILES.size()));
        return side == 0 ? new Placement(tile, position, first, craftFirst, delayFirst)
                : new Placement(tile, position, second, craftSecond, delaySecond);
    }

    private SyntheticScene scene(Placement at, SegmentLayout layout, LandCover[] classes, Set<String> flags,
                                 short[][] bands, PairChange change) {
        byte[] cover = new byte[SIDE * SIDE];
        int[] classArea = new int[LandCover.values().length];
        for (int p = 0; p < cover.length; p++) {
            int c = classes[layout.segmentOf[p]].ordinal();
            cover[p] = (byte) c;
            classArea[c]++;
        }
        List<LandCover> labels = new ArrayList<>();
        for (LandCover c : LandCover.values()) {
            if (classArea[c.ordinal()] >= MIN_LABEL_FRACTION * SIDE * SIDE) {
                labels.add(c);
            }
        }
        int col = at.position % GRID;
        int row = at.position / GRID;
        String baseline = at.when.toLocalDate().isBefore(BASELINE_0206) ? "N0205" : "N0206";
        String tileSource = at.spacecraft + "_MSIL1C_" + COMPACT.format(at.when) + "_" + baseline + "_R"
                + String.format(Locale.ROOT, "%03d", at.tile.relativeOrbit()) + "_T" + at.tile.name() + "_"
                + COMPACT.format(at.when.plusSeconds(at.delaySeconds)) + ".SAFE";
        return new SyntheticScene(at.name(), at.tile.name(), at.tile.zone(),
                at.tile.ulx() + col * SyntheticScene.EDGE_METRES, at.tile.uly() - row * SyntheticScene.EDGE_METRES,
                at.when, tileSource, cover, labels, flags, bands, change);
    }

    /**
     * Renders the twelve bands: per segment a seasonal spectrum times the layout's gains, per pixel a brightness
     * texture (smooth field plus grain, scaled by the class's texture strength) and sensor noise; then block
     * averages to 20 m and 60 m and quantises to UInt16 reflectance x 10000.
     */
    private static short[][] render(SegmentLayout layout, LandCover[] classes, Month month, int harvestedSegment,
                                    boolean snowy, SplittableRandom noise) {
        S2Band[] all = S2Band.values();
        float[][] spectra = new float[layout.segments][];
        float[] texture = new float[layout.segments];
        for (int i = 0; i < layout.segments; i++) {
            float[] base = snowy && classes[i] != LandCover.WATER_BODIES ? LandCover.snowReflectance()
                    : i == harvestedSegment ? LandCover.harvestedReflectance() : classes[i].reflectance(month);
            for (int b = 0; b < base.length; b++) {
                base[b] *= layout.patchGain * layout.segmentGain[i] * (1 + layout.bandJitter[i][b]);
            }
            spectra[i] = base;
            texture[i] = classes[i].textureStrength();
        }
        int n = SIDE * SIDE;
        float[][] reflectance = new float[all.length][n];
        for (int p = 0; p < n; p++) {
            int s = layout.segmentOf[p];
            float t = 1 + texture[s] * (0.7f * layout.smooth[p] + 0.5f * (float) noise.nextGaussian());
            t = Math.max(0.3f, Math.min(2f, t));
            float[] spectrum = spectra[s];
            for (int b = 0; b < spectrum.length; b++) {
                reflectance[b][p] = spectrum[b] * t + (noise.nextFloat() - 0.5f) * 2 * SENSOR_NOISE;
            }
        }
        short[][] bands = new short[all.length][];
        for (S2Band b : all) {
            bands[b.ordinal()] = blockAverage(reflectance[b.ordinal()], SIDE / SyntheticScene.side(b));
        }
        return bands;
    }

    // Mean of factor x factor blocks of the 10 m rendering, as UInt16 reflectance x 10000.
    private static short[] blockAverage(float[] values, int factor) {
        int side = SIDE / factor;
        short[] out = new short[side * side];
        float norm = S2Band.SCALE / (factor * factor);
        for (int by = 0; by < side; by++) {
            for (int bx = 0; bx < side; bx++) {
                float sum = 0;
                for (int y = by * factor; y < (by + 1) * factor; y++) {
                    for (int x = bx * factor; x < (bx + 1) * factor; x++) {
                        sum += values[y * SIDE + x];
                    }
                }
                out[by * side + bx] = (short) Math.max(0, Math.min(65535, Math.round(sum * norm)));
            }
        }
        return out;
    }

    // A bijection of the tile's positions, different per seed and tile, so patches scatter over the grid.
    private int position(int tile, int positionIndex) {
        return (int) Math.floorMod((long) positionIndex * STRIDE + mix(seed + tile), (long) POSITIONS);
    }

    // L1C products appear minutes to hours after acquisition.
    private static int processingDelay(SplittableRandom rng) {
        return 300 + rng.nextInt(7200);
    }

    private static boolean isWinter(Month m) {
        return m == Month.DECEMBER || m == Month.JANUARY || m == Month.FEBRUARY;
    }

    private SplittableRandom random(long kind, long a, long b) {
        return new SplittableRandom(mix(mix(mix(seed ^ kind * 0x9E3779B97F4A7C15L) + a) + b));
    }

    // SplitMix64 finaliser: spreads nearby inputs over all 64 bits.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
