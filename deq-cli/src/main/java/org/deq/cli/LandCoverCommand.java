package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.analysis.LabelPrediction;
import org.deq.analysis.LandCoverEvaluation;
import org.deq.analysis.LandCoverMap;
import org.deq.archive.Archives;
import org.deq.archive.PatchWindows;
import org.deq.describe.Descriptor;
import org.deq.eval.EvalProtocol;
import org.deq.io.AtomicFiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffWriter;
import org.deq.raster.Patch;
import org.deq.search.QueryByExample;
import org.deq.store.IndexStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq land-cover}: a land-cover map of a large image from a labelled index, or the maps scored on mosaics of held-out pictures. */
@Command(name = "land-cover", mixinStandardHelpOptions = true,
        header = "Maps the land cover of a large image with a labelled index, or scores such maps on real mosaics.",
        description = {"--image FILE --out FILE.tif: a window (default: the index's patch size) slides over the image",
                "every --stride pixels (default: half the window); each window is described with the index's",
                "descriptor, its k nearest patches vote for their labels (weight 1/distance), every pixel gets the",
                "scores of the windows covering it, weighted by their votes, and the best label is its class.",
                "Writes band 1 = class (legend value), plus one score band per label (x 10000) with --scores, on the",
                "input's grid when it is a GeoTIFF or patch folder on WGS 84 or UTM (else a plain TIFF, with a note);",
                "--png writes the classes in the legend's colours.",
                "--eval: mosaics of --grid x --grid held-out pictures of a single-label index (per-class --split,",
                "--seed) mapped with only the train pictures voting; every pixel scored against its tile's class",
                "(overall accuracy, kappa), against the nearest neighbour alone and one window per tile, in the same run."})
final class LandCoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index directory (built with labels).")
    Path index;

    static final class MapMode {
        @Option(names = "--image", required = true, description = "Image to map: GeoTIFF (RGB or multispectral), PNG, JPEG or a Sentinel-2 patch folder.")
        Path image;

        @Option(names = "--out", required = true, description = "GeoTIFF of the classes to write.")
        Path out;

        @Option(names = "--png", description = "Also write the classes in colour to this PNG.")
        Path png;

        @Option(names = "--scores", description = "Add one band per label to the GeoTIFF: its score x 10000.")
        boolean scores;
    }

    static final class EvalMode {
        @Option(names = "--eval", required = true, description = "Score maps of mosaics of held-out pictures.")
        boolean eval;

        @Option(names = "--quick", description = "3 mosaics instead of --mosaics.")
        boolean quick;

        @Option(names = "--mosaics", defaultValue = "20", description = "Mosaics to map (default ${DEFAULT-VALUE}).")
        int mosaics;

        @Option(names = "--grid", defaultValue = "4", description = "Tiles per mosaic side (default ${DEFAULT-VALUE}).")
        int grid;

        @Option(names = "--split", defaultValue = "60/40", description = "Per-class train/test split (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--seed", defaultValue = "" + EvalCommand.DEFAULT_SPLIT_SEED,
                description = "Seed of the split and of the tiles (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--held-out-last", paramLabel = "PERCENT", description = "Draw the tiles from the last PERCENT %% of"
                + " each archive folder (name order) instead of the random --split: pictures cut from the same photograph"
                + " as a tile (UC Merced numbers them in turn) then rarely vote.")
        Integer heldOutLast;
    }

    static final class Mode {
        @ArgGroup(exclusive = false)
        MapMode map;

        @ArgGroup(exclusive = false)
        EvalMode eval;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--window", description = "Window edge in pixels (default: the index's patch size).")
    Integer window;

    @Option(names = "--stride", description = "Window step in pixels (default: half the window).")
    Integer stride;

    @Option(names = "--k", defaultValue = "" + LabelPrediction.K, description = "Neighbours that vote (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Write the legend (or the --eval scores) as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        Counts.atLeastOne("--k", k);
        Counts.atLeastOne("--window", window);
        Counts.atLeastOne("--stride", stride);
        Counts.threads(threads);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter out = spec.commandLine().getOut();
        if (mode.map != null) {
            OutputFiles.distinct(new String[] {"--out", "--png", "--json"}, mode.map.out, mode.map.png, json);
            OutputFiles.prepareGeoTiff("--out", mode.map.out, mode.map.image);
            OutputFiles.preparePng("--png", mode.map.png, mode.map.image);
        }
        OutputFiles.prepareJson("--json", json, index, mode.map == null ? null : mode.map.image);
        try (IndexStore store = IndexStore.open(index)) {
            LabelPrediction prediction = LabelPrediction.of(store);
            Descriptor descriptor = QueryByExample.descriptorOf(store);
            int w = window != null ? window : patchSize(store);
            int s = stride != null ? stride : Math.max(1, w / 2);
            if (mode.eval != null) {
                EvalMode e = mode.eval;
                Counts.atLeastOne("--mosaics", e.mosaics);
                Counts.atLeastOne("--grid", e.grid);
                int mosaics = e.quick ? 3 : e.mosaics;
                Counts.percent("--held-out-last", e.heldOutLast);
                if (e.heldOutLast != null && spec.commandLine().getParseResult().hasMatchedOption("--split")) {
                    throw new IllegalArgumentException("--held-out-last replaces the random --split; give one of them");
                }
                LandCoverEvaluation.Settings settings = new LandCoverEvaluation.Settings(mosaics, e.grid, patchSize(store), w, s, k,
                        EvalProtocol.parseSplit(e.split), e.heldOutLast == null ? 0 : e.heldOutLast, e.seed, nThreads);
                LandCoverEvaluation.requireSingleLabel(store, prediction);
                long start = System.nanoTime();
                LandCoverEvaluation.Report report;
                try (Progress bar = new Progress("land-cover-eval", mosaics)) {
                    report = LandCoverEvaluation.run(store, prediction, descriptor, settings, bar::stepTo);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                String many = LabelPrediction.kNote(k, report.trainItems()); // the train pictures vote
                if (many != null) {
                    out.println("note: " + many);
                }
                out.printf("land-cover maps of %d mosaics of %dx%d held-out pictures (%d px tiles, %d test / %d train, %s),"
                                + " window %d stride %d, %.1f s%n", report.mosaics(), e.grid, e.grid, report.tile(), report.testItems(),
                        report.trainItems(), e.heldOutLast == null ? "split " + e.split + " seed " + e.seed
                                : "the last " + e.heldOutLast + " % of each folder, tiles drawn with seed " + e.seed, w, s, seconds);
                out.println("variant                                         pixels      OA      kappa");
                for (LandCoverEvaluation.Score sc : report.scores()) {
                    out.printf("%-44s %10d %8s %8s%n", sc.variant(), sc.pixels(), Format.score(sc.overallAccuracy(), 4),
                            Format.score(sc.kappa(), 4));
                }
                if (json != null) {
                    OutputFiles.writeJson(json, OutputFiles.fields("index", index.toString(), "seconds", seconds, "report", report));
                    out.println("wrote " + json);
                }
                return 0;
            }
            MapMode m = mode.map;
            // a multi-band GeoTIFF is decoded a window at a time: a whole Sentinel-2 tile never sits in memory as floats
            PatchWindows image = PatchWindows.open(m.image);
            try { // known from the header: a map too large to write fails now, not after every window is described
                LandCoverMap.checkWritable(image.width(), image.height(), prediction.labelNames().size(), m.scores);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(m.image, "its map cannot be written: " + e.getMessage()
                        + (m.scores ? "; --scores adds a band per label" : "") + "; cut the image with gdal_translate -srcwin");
            }
            Patch corner = image.window(0, 0, 1).withMeta(image.meta());
            for (String note : new String[] {QueryByExample.levelNote(corner, store), QueryByExample.bandsNote(corner, store)}) {
                if (note != null) {
                    out.println("note: " + note);
                }
            }
            // the readers keep pixels only; the grid is read from the GeoTIFF's (or the patch folder's band file's) tags
            GeoRef geo = image.grid() != null ? image.grid() : Archives.gridOf(m.image);
            if (geo != null && !GeoTiffWriter.canWrite(geo)) {
                // checked before the windows: only WGS 84 / UTM grids can be written back
                out.println("note: " + m.image + " is on EPSG:" + geo.epsg() + ", which deq cannot write; the map is a plain TIFF");
                geo = null;
            }
            LandCoverMap.Windows windows;
            try {
                windows = LandCoverMap.Windows.over(image.width(), image.height(), w, s);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(m.image, e.getMessage());
            }
            LandCoverMap.FirstWindow first;
            try {
                first = LandCoverMap.describeFirst(image, windows, descriptor, prediction);
            } catch (IllegalArgumentException e) { // a window the user made smaller than the image is the one at fault
                throw window != null && w < Math.min(image.width(), image.height())
                        ? new IllegalArgumentException("--window " + w + ": " + e.getMessage(), e) : e;
            }
            String many = LabelPrediction.kNote(k, prediction.voterCount(null, -1));
            if (many != null) {
                out.println("note: " + many);
            }
            if (prediction.multiLabel()) { // several labels may hold at a pixel (UC Merced's name objects such as cars too)
                out.println("note: the index's patches carry several labels each; a pixel's class is only its best-scored"
                        + " label" + (m.scores ? "" : " (--scores writes every label's score)"));
            }
            long start = System.nanoTime();
            LandCoverMap map;
            try (Progress bar = new Progress("land-cover", windows.count())) {
                map = LandCoverMap.of(image, first, descriptor, prediction, k, null, nThreads, bar::stepTo);
            }
            AtomicFiles.write(m.out, map.geoTiff(geo, m.scores));
            out.printf("wrote %s: %dx%d pixels, %s of %d px every %d px, k=%d, %s, %.1f s%n", m.out, map.width(), map.height(),
                    Format.count(map.windows(), "window", "windows"), w, s, k, geo == null ? "no georeferencing" : "EPSG:" + geo.epsg(), (System.nanoTime() - start) / 1e9);
            Path aux = m.out.resolveSibling(m.out.getFileName() + ".aux.xml");
            AtomicFiles.writeString(aux, map.gdalAuxXml(m.scores));
            boolean scoresNoData = m.scores && !map.noData().isEmpty();
            out.println("wrote " + aux + " (read by GDAL and QGIS with the GeoTIFF: the classes' names and colours"
                    + (scoresNoData ? ", and the score bands' no-data value " + LandCoverMap.NO_SCORE + ", which only it"
                    + " declares, as a GeoTIFF holds one for the whole file, the class band's 0; keep the two together)" : ")"));
            if (m.png != null) {
                AtomicFiles.write(m.png, map.png());
                out.println("wrote " + m.png);
            }
            if (map.heldWindows() > 0) {
                out.println("note: " + map.heldWindows() + " of " + Format.count(map.windows(), "window", "windows")
                        + " the index holds as stored pictures (neighbours at distance 0): every copy left out of their own"
                        + " votes, as deq caption leaves a query's copies out");
            }
            int empty = map.noData().cardinality();
            if (empty > 0) {
                out.printf("note: %d no-data pixels (%.2f%%: NaN, the file's no-data value, or, in a file of several bands declaring none, 0 in every band): value 0,"
                        + " the map's no-data value; the shares are of the other pixels%n", empty, 100.0 * empty / ((long) map.width() * map.height()));
            }
            out.println("value  colour   share   label");
            for (LandCoverMap.LegendEntry l : map.legend()) {
                out.printf("%5d  %s  %6.2f%%  %s%n", l.value(), l.colour(), 100 * l.fraction(), l.label());
            }
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("image", m.image.toString());
                doc.put("window", w);
                doc.put("stride", s);
                doc.put("k", k);
                doc.put("no_data_pixels", empty);
                doc.put("held_windows", map.heldWindows());
                doc.put("legend", map.legend());
                OutputFiles.writeJson(json, doc);
                out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** The index's patch size: the edge of its first stored patch, read again from where it was indexed. */
    private static int patchSize(IndexStore store) throws IOException {
        if (store.size() == 0) {
            throw new IllegalArgumentException(store.dir() + ": the index is empty");
        }
        String source = store.meta(0).source();
        try {
            Patch first = Archives.readSource(source);
            return Math.min(first.width(), first.height());
        } catch (BadInputException e) {
            throw new IllegalArgumentException("cannot read the index's first patch to size the window (" + Deq.message(e)
                    + "); give --window N");
        }
    }
}
