package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.analysis.BandSharpening.Method;
import org.deq.analysis.ChangeMap;
import org.deq.analysis.ChangeMapEvaluation;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.Archives;
import org.deq.archive.GriddedPatch;
import org.deq.archive.S2BandFiles;
import org.deq.change.ChangeSearch;
import org.deq.raster.BadInputException;
import org.deq.synth.SyntheticPatchGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq change-map}: which pixels changed between two dates of one Sentinel-2 patch, or the method scored on synthetic pairs. */
@Command(name = "change-map", mixinStandardHelpOptions = true,
        header = "Maps the pixels that changed between two dates of a Sentinel-2 patch, or scores the method.",
        description = {"--before DIR --after DIR --out FILE.tif: change vector analysis over the ten 10 m and 20 m bands (20 m",
                "bands sharpened to 10 m first), thresholded by Otsu's method but never below --min-magnitude; writes band 1",
                "= changed (1) or not (0), band 2 = change magnitude x 10000, on the 10 m grid. The folders are BigEarthNet",
                "or SSL4EO-S12 patch folders of the same place on the same grid, or GeoTIFFs of Sentinel-2's bands on one",
                "grid (12-band windows of scenes, deq sharpen's output) of one place; no-data pixels (NaN, a GeoTIFF's no-data",
                "value, or 0 in every band of a folder or of a file declaring none) are left out and written as 65535, the",
                "map's no-data. Two dates of the same pixels (a copy) are refused, as deq change refuses them.",
                "--eval-synthetic N: scores the method against the pixel truth of N synthetic bi-temporal pairs."})
final class ChangeMapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Pair {
        // --before-image as in deq change, where --before is a stored id: a file or folder has the same name in both
        @Option(names = {"--before", "--before-image"}, required = true, description = "Patch folder, or GeoTIFF of Sentinel-2's bands on one grid, of the first date.")
        Path before;

        @Option(names = {"--after", "--after-image"}, required = true, description = "Patch folder, or GeoTIFF of Sentinel-2's bands on one grid, of the second date.")
        Path after;
    }

    static final class Mode {
        @ArgGroup(exclusive = false)
        Pair pair;

        @Option(names = "--eval-synthetic", paramLabel = "N", description = "Score on N synthetic pairs (their dates differ in season too).")
        Integer evalPairs;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--out", description = "GeoTIFF to write (with --before/--after).")
    Path out;

    @Option(names = "--min-magnitude", defaultValue = "" + ChangeMap.MIN_MAGNITUDE,
            description = "Reflectance change below which no pixel counts as changed (default ${DEFAULT-VALUE}).")
    float minMagnitude;

    /** Seed of the synthetic pairs scored by default; seed 1's pairs chose the default floor. */
    static final long DEFAULT_SEED = 2;

    @Option(names = "--seed", description = "With --eval-synthetic: seed of the pairs (default " + DEFAULT_SEED
            + "; seed 1's pairs chose the default floor).")
    Long seed;

    @Option(names = "--json", description = "Write the map's figures (with --before/--after: changedFraction, threshold, pixels,"
            + " noDataPixels, notes, ...) or the --eval-synthetic scores as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(minMagnitude >= 0)) {
            throw new IllegalArgumentException("--min-magnitude must be >= 0, got " + minMagnitude);
        }
        if (mode.evalPairs != null) {
            if (this.out != null) {
                throw new IllegalArgumentException("--eval-synthetic writes no GeoTIFF; --out goes with --before/--after");
            }
            Counts.atLeastOne("--eval-synthetic", mode.evalPairs);
            long seed = this.seed == null ? DEFAULT_SEED : this.seed;
            OutputFiles.prepareJson("--json", json);
            List<ChangeMapEvaluation.Score> scores;
            try (Progress bar = new Progress("change-map-eval", mode.evalPairs)) {
                scores = ChangeMapEvaluation.run(new SyntheticPatchGenerator(seed, false), mode.evalPairs, minMagnitude, bar::stepTo);
            }
            out.printf("change maps of %d synthetic pairs (seed %d), every pixel scored against the changed segment%n",
                    mode.evalPairs, seed);
            out.println("variant                              OA      precision  recall  F1      kappa   flagged without change");
            for (ChangeMapEvaluation.Score s : scores) {
                out.printf("%-34s %7.4f %9s %7s %7s %7s %9s%n", s.variant(), s.overallAccuracy(), Format.score(s.precision(), 3),
                        Format.score(s.recall(), 3), Format.score(s.f1(), 3), Format.score(s.kappa(), 3),
                        Format.score(s.falseAlarmsWithoutChange(), 4));
            }
            if (json != null) {
                OutputFiles.writeJson(json, OutputFiles.fields("pairs", mode.evalPairs, "seed", seed, "scores", scores));
                out.println("wrote " + json);
            }
            return 0;
        }
        if (this.out == null) {
            throw new IllegalArgumentException("--before/--after need --out FILE.tif");
        }
        if (this.seed != null) {
            throw new IllegalArgumentException("--seed goes with --eval-synthetic");
        }
        ChangeMap.checkPair(mode.pair.before, mode.pair.after);
        OutputFiles.distinct(new String[] {"--out", "--json"}, this.out, json);
        OutputFiles.prepareGeoTiff("--out", this.out, mode.pair.before, mode.pair.after);
        OutputFiles.prepareJson("--json", json, mode.pair.before, mode.pair.after);
        // the map is the same either way round, but a user who swapped the dates should hear of it, as deq change says
        SharpenedPatch before = tenBands(mode.pair.before);
        SharpenedPatch after = tenBands(mode.pair.after);
        ChangeMap map;
        try {
            map = ChangeMap.between(before, after, minMagnitude);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(mode.pair.before + " → " + mode.pair.after + ": " + e.getMessage());
        }
        map.write(this.out, before.geo());
        OutputFiles.dropStaleAuxXml(this.out, out);
        int empty = map.noDataPixels();
        int pixels = before.width() * before.height();
        out.printf("wrote %s: %.2f %% of %d pixels changed (magnitude > %.4f)%n", this.out, 100 * map.changedFraction(),
                pixels - empty, map.threshold());
        // notes after the map, so that a refused pair is one line; the map is the same either way round, but a user
        // who swapped the dates should hear of it, as deq change says
        List<String> notes = new ArrayList<>(map.notes(before, after));
        String backwards = ChangeSearch.timeOrderNote(S2BandFiles.sensingTime(name(mode.pair.before)),
                S2BandFiles.sensingTime(name(mode.pair.after)));
        if (backwards != null) {
            notes.add(backwards);
        }
        notes.forEach(n -> out.println("note: " + n));
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("before", mode.pair.before.toString());
            doc.put("after", mode.pair.after.toString());
            doc.put("out", this.out.toString());
            doc.putAll(map.summary(mode.pair.before.toString(), mode.pair.after.toString(), minMagnitude, notes));
            OutputFiles.writeJson(json, doc);
            out.println("wrote " + json);
        }
        return 0;
    }

    /**
     * The ten 10 m and 20 m bands of a date: a patch folder's, its 20 m bands sharpened, its pixels 0 in every band NaN
     * ({@link SharpenedPatch#of(java.util.Map, Method)}); or a multi-band GeoTIFF's whose
     * bands lie on one grid already (a window of a 12-band scene, deq sharpen's output), as they are, its no-data pixels
     * ({@link Archives#readWithNoData}: NaN, its no-data value, or 0 in every band, as land-cover maps find them) NaN.
     */
    private static SharpenedPatch tenBands(Path date) throws IOException {
        if (Files.isDirectory(date)) {
            return SharpenedPatch.of(date, Method.LOCAL_REGRESSION);
        }
        GriddedPatch read = Archives.readWithNoData(date); // a GeoTIFF's no-data pixels read as 0, and known
        try {
            return SharpenedPatch.of(read);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(date, e.getMessage());
        }
    }

    /** A patch folder's own name (a Sentinel-2 product or date name), whatever form the path was given in. */
    private static String name(Path folder) {
        Path own = folder.toAbsolutePath().normalize().getFileName();
        return own == null ? "" : own.toString();
    }
}
