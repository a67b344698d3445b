package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deq.analysis.AcquisitionGeometry;
import org.deq.analysis.BiophysicalMap;
import org.deq.analysis.BiophysicalModel;
import org.deq.analysis.BiophysicalSurvey;
import org.deq.analysis.BiophysicalVariable;
import org.deq.archive.Archives;
import org.deq.archive.S2BandFiles;
import org.deq.raster.BadInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq biophysical}: leaf area index, FAPAR, FCOVER and canopy chlorophyll maps of a Sentinel-2 L2A patch. */
@Command(name = "biophysical", mixinStandardHelpOptions = true,
        header = "Maps leaf area index, FAPAR, FCOVER and canopy chlorophyll over a Sentinel-2 L2A patch.",
        description = {"--patch DIR --out FILE.tif: ESA SNAP's Sentinel-2 biophysical networks (Weiss & Baret 2016) applied",
                "pixel by pixel to the surface reflectances of B03 B04 B05 B06 B07 B8A B11 B12; writes a Float32 GeoTIFF with",
                "one band per variable (LAI m2/m2, FAPAR, FCOVER, CCC ug/cm2), NaN where a pixel lies outside the networks'",
                "training range or its estimate beyond the variable's tolerance. The angles come from the granule's mean",
                "angles in an SSL4EO-S12 metadata.json, else the sun is placed from the product time (BigEarthNet v1's",
                "metadata file, else the yyyyMMddTHHmmss in the folder's name) over the patch's centre, seen from nadir.",
                "DIR is a BigEarthNet v1/v2 patch folder or an SSL4EO-S12 L2A date folder; Level-1C (top-of-atmosphere)",
                "products are refused. The output says where the angles come from and which were given, and whose networks",
                "ran: SNAP's Sentinel-2B networks for an S2B product, its Sentinel-2A ones for any other (noted when the",
                "folder's name and metadata name no S2A_ or S2B_ product).",
                "--archive DIR --out-dir OUT: maps every such patch folder under DIR into OUT/<patch id>.tif, the id as deq",
                "index gives it with '/' as '_' (a BigEarthNet folder's name, SSL4EO-S12's s2a_<location>_<date>).",
                "--eval DIR: maps every such patch folder under DIR and prints each one's means beside its labels, and how",
                "closely FCOVER and LAI follow the NDVI over all pixels."})
final class BiophysicalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--patch", description = "Sentinel-2 L2A patch folder to map (with --out).")
        Path patch;

        @Option(names = "--eval", description = "Folder searched for Sentinel-2 L2A patch folders to survey (repeatable).")
        List<Path> eval;

        @Option(names = "--archive", description = "Folder searched for Sentinel-2 L2A patch folders to map, one GeoTIFF"
                + " each (named by the patch's id) into --out-dir (repeatable).")
        List<Path> archive;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--out", description = "GeoTIFF to write (with --patch).")
    Path out;

    @Option(names = "--out-dir", description = "Folder of the GeoTIFFs (with --archive).")
    Path outDir;

    @Option(names = "--resolution", defaultValue = "20", description = "20 (default: SNAP's grid, B03 and B04 averaged"
            + " onto it) or 10 (the 20 m bands sharpened as deq sharpen does).")
    int resolution;

    @Option(names = "--sun-zenith", description = "Sun zenith angle in degrees, with --sun-azimuth, instead of the granule's or the"
            + " one computed from time and place (the view is then nadir unless --view-zenith/--view-azimuth say otherwise).")
    Double sunZenith;

    @Option(names = "--sun-azimuth", description = "Sun azimuth in degrees clockwise from north (with --sun-zenith).")
    Double sunAzimuth;

    @Option(names = "--view-zenith", description = "View zenith angle in degrees (default: the granule's in metadata.json"
            + " when the sun's comes from there too, else 0, nadir; Sentinel-2 looks up to about 12 degrees off nadir).")
    Double viewZenith;

    @Option(names = "--view-azimuth", description = "View azimuth in degrees clockwise from north (default: the granule's as above,"
            + " else at right angles to the sun, the middle of the networks' range: at nadir the azimuth has no physical"
            + " meaning, but the networks take the relative azimuth's cosine and move LAI by a few percent with it).")
    Double viewAzimuth;

    @Option(names = "--json", description = "Write the means and notes (--patch) or the survey (--eval) as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (resolution != 10 && resolution != 20) {
            throw new IllegalArgumentException("--resolution must be 10 or 20, not " + resolution);
        }
        if ((sunZenith == null) != (sunAzimuth == null)) {
            throw new IllegalArgumentException("--sun-zenith and --sun-azimuth go together");
        }
        AcquisitionGeometry.checkView(viewZenith, viewAzimuth); // once, before any patch
        if (outDir != null && mode.archive == null) {
            throw new IllegalArgumentException("--out-dir goes with --archive");
        }
        return mode.patch != null ? map() : mode.archive != null ? mapAll() : survey();
    }

    private int map() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (this.out == null) {
            throw new IllegalArgumentException("--patch needs --out FILE.tif");
        }
        OutputFiles.distinct(new String[] {"--out", "--json"}, this.out, json);
        OutputFiles.prepareGeoTiff("--out", this.out, mode.patch);
        OutputFiles.prepareJson("--json", json, mode.patch);
        long start = System.nanoTime();
        AcquisitionGeometry given = sunZenith == null ? null
                : AcquisitionGeometry.given(sunZenith, sunAzimuth, viewZenith, viewAzimuth); // checks the angles
        // then the bands: a folder that is no Sentinel-2 L2A patch says so before its angles are looked for
        BiophysicalMap.Reflectances bands = BiophysicalMap.read(mode.patch, resolution);
        AcquisitionGeometry geometry = given != null ? given : AcquisitionGeometry.of(mode.patch, viewZenith, viewAzimuth);
        BiophysicalMap map = BiophysicalMap.estimate(bands, geometry);
        map.write(this.out);
        OutputFiles.dropStaleAuxXml(this.out, out);
        int pixels = map.width() * map.height();
        out.printf("wrote %s: LAI, FAPAR, FCOVER, CCC at %d m (%dx%d) by SNAP's %s networks in %.2f s%n", this.out,
                map.metres(), map.width(), map.height(), map.networks().platform(), (System.nanoTime() - start) / 1e9);
        out.printf("sun zenith %.1f, azimuth %.1f; view zenith %.1f, azimuth %.1f (%s)%n", geometry.sunZenith(),
                geometry.sunAzimuth(), geometry.viewZenith(), geometry.viewAzimuth(), geometry.source());
        List<String> notes = map.notes();
        notes.forEach(n -> out.println("note: " + n));
        out.printf("%d of %d pixels (%.1f %%) outside the networks' training range%s: NaN in every band; a band's other NaN"
                + " pixels are estimates beyond its variable's tolerance%n", map.outOfDomain(), pixels,
                100.0 * map.outOfDomain() / pixels, map.noData() == 0 ? ""
                        : String.format(" and %d (%.1f %%) without data", map.noData(), 100.0 * map.noData() / pixels));
        for (BiophysicalVariable v : BiophysicalVariable.values()) {
            out.printf("%-7s mean %8.3f %-8s valid %5s %% (%d NaN)  (%s)%n", v, map.mean(v), v.unit,
                    Format.percentBelowWhole(map.validFraction(v)), map.withoutValue(v), v.description);
        }
        if (json != null) {
            OutputFiles.writeJson(json, map.summary(mode.patch.toString(), notes));
            out.println("wrote " + json);
        }
        return 0;
    }

    /** Maps every L2A patch folder under --archive into --out-dir, each patch's own angles placing its sun. */
    private int mapAll() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (outDir == null) {
            throw new IllegalArgumentException("--archive needs --out-dir DIR");
        }
        String misplaced = Counts.firstGiven("--out", this.out, "--sun-zenith", sunZenith, "--json", json);
        if (misplaced != null) {
            throw new IllegalArgumentException("--archive places the sun for each patch and writes one GeoTIFF each into"
                    + " --out-dir; " + misplaced + " goes with --patch" + (misplaced.equals("--sun-zenith") ? "" : " or --eval"));
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException(outDir + " is a file; --out-dir names a folder");
        }
        List<Path> folders = PatchFolders.find(mode.archive, BiophysicalMap.BANDS);
        Map<String, Path> written = new HashMap<>();
        int[] otherPlatform = new int[1];
        int[] cloudy = new int[1];
        long start = System.nanoTime();
        int bad = PatchFolders.forEach(folders, "biophysical", out, folder -> {
            BiophysicalMap.Reflectances bands = BiophysicalMap.read(folder, resolution);
            BiophysicalMap map = BiophysicalMap.estimate(bands, AcquisitionGeometry.of(folder, viewZenith, viewAzimuth));
            String name = outputName(folder);
            Path first = written.putIfAbsent(name, folder);
            if (first != null) { // the same patch under two --archive folders, or ids alike but for their '/'
                throw new BadInputException(folder, first + " was written to --out-dir as " + name + ".tif already");
            }
            Files.createDirectories(outDir); // with the first map: a run that maps nothing leaves no empty folder
            map.write(outDir.resolve(name + ".tif"));
            OutputFiles.dropStaleAuxXml(outDir.resolve(name + ".tif"), out);
            otherPlatform[0] += BiophysicalModel.knows(map.platform()) ? 0 : 1;
            cloudy[0] += map.looksCloudy() ? 1 : 0;
        });
        int mapped = folders.size() - bad;
        if (mapped == 0) {
            throw new IllegalArgumentException("none of the " + Format.count(folders.size(), "Sentinel-2 patch folder",
                    "Sentinel-2 patch folders") + " could be mapped; nothing was written to " + outDir);
        }
        out.printf("wrote %s of LAI, FAPAR, FCOVER and CCC at %d m into %s (%d bad) in %.1f s%n",
                Format.count(mapped, "GeoTIFF", "GeoTIFFs"), resolution, outDir, bad, (System.nanoTime() - start) / 1e9);
        printNotes(out, BiophysicalMap.cloudyNote(cloudy[0], mapped), BiophysicalModel.otherPlatformNote(otherPlatform[0], mapped));
        return 0;
    }

    /** Prints the notes that are not null, each on a line of its own. */
    private static void printNotes(PrintWriter out, String... notes) {
        for (String note : notes) {
            if (note != null) {
                out.println("note: " + note);
            }
        }
    }

    /**
     * The GeoTIFF name of a patch folder: its patch's id ({@link Archives#patchFolderId}) with '/' and the other
     * characters a file name cannot hold as '_', so that it depends on the patch alone, not on which other folders
     * are mapped beside it or which --archive folder holds it.
     */
    private static String outputName(Path folder) {
        return Archives.patchFolderId(folder).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    }

    private int survey() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String misplaced = Counts.firstGiven("--out", this.out, "--sun-zenith", sunZenith);
        if (misplaced != null) {
            throw new IllegalArgumentException("--eval places the sun for each patch and writes no GeoTIFF; " + misplaced
                    + " goes with --patch");
        }
        OutputFiles.prepareJson("--json", json, mode.eval.toArray(Path[]::new)); // never a file of a surveyed folder
        List<Path> folders = PatchFolders.find(mode.eval, BiophysicalMap.BANDS);
        BiophysicalSurvey survey = new BiophysicalSurvey(resolution, viewZenith, viewAzimuth);
        int bad = PatchFolders.forEach(folders, "biophysical", out, survey::add);
        BiophysicalSurvey.Summary s = survey.summary();
        if (s.patches().isEmpty()) {
            throw new IllegalArgumentException("none of the " + folders.size() + " Sentinel-2 patch folders could be mapped");
        }
        out.printf("%s (%d bad) at %d m (* angles outside the networks' training range):%n",
                Format.count(s.patches().size(), "Sentinel-2 patch", "Sentinel-2 patches"), bad, resolution);
        out.println("patch                                                  sun zen  valid   LAI  FAPAR FCOVER   CCC  NDVI  labels");
        for (BiophysicalSurvey.PatchSummary p : s.patches()) {
            Map<BiophysicalVariable, Double> m = p.means();
            out.printf("%-54s %6.1f%s %6.1f%% %5.2f %6.2f %6.2f %5.0f %5.2f  %s%n", p.patch(), p.sunZenith(),
                    p.outsideTraining() == null ? " " : "*", 100 * p.valid(), m.get(BiophysicalVariable.LAI),
                    m.get(BiophysicalVariable.FAPAR), m.get(BiophysicalVariable.FCOVER), m.get(BiophysicalVariable.CCC),
                    p.ndvi(), String.join("; ", p.labels()));
        }
        out.printf("over %d pixels with a value: correlation with NDVI %.3f (FCOVER), %.3f (LAI)%n", s.pixels(),
                s.ndviFcover(), s.ndviLai());
        int otherPlatform = 0;
        int cloudy = 0;
        for (BiophysicalSurvey.PatchSummary p : s.patches()) {
            otherPlatform += BiophysicalModel.knows(S2BandFiles.platform(Path.of(p.folder()))) ? 0 : 1;
            cloudy += Boolean.TRUE.equals(p.cloudy()) ? 1 : 0;
        }
        printNotes(out, BiophysicalMap.cloudyNote(cloudy, s.patches().size()),
                BiophysicalModel.otherPlatformNote(otherPlatform, s.patches().size()));
        if (json != null) {
            OutputFiles.writeJson(json, s);
            out.println("wrote " + json);
        }
        return 0;
    }
}
