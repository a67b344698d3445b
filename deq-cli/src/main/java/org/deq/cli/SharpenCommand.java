package org.deq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deq.analysis.BandSharpening;
import org.deq.analysis.BandSharpening.Method;
import org.deq.analysis.SharpenedPatch;
import org.deq.analysis.WaldProtocol;
import org.deq.spec.EnumNames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deq sharpen}: Sentinel-2's 20 m bands super-resolved to 10 m, or the methods scored by Wald's protocol. */
@Command(name = "sharpen", mixinStandardHelpOptions = true,
        header = "Super-resolves a Sentinel-2 patch's 20 m bands to 10 m, or scores the methods on real patches.",
        description = {"--patch DIR --out FILE.tif: writes the patch's ten 10 m and 20 m bands on the 10 m grid as one UInt16",
                "GeoTIFF (B02 B03 B04 B05 B06 B07 B08 B8A B11 B12, reflectance x 10000), the 20 m bands sharpened with the",
                "10 m bands as guides. DIR is a BigEarthNet v1/v2 patch folder or an SSL4EO-S12 date folder.",
                "--eval DIR: Wald's protocol on every such patch folder under DIR: all bands degraded by 2, the 40 m bands",
                "sharpened to 20 m and compared with the real 20 m bands (RMSE of reflectance, ERGAS, spectral angle)."})
final class SharpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--patch", description = "Sentinel-2 patch folder to sharpen (with --out).")
        Path patch;

        @Option(names = "--eval", description = "Folder searched for Sentinel-2 patch folders to score (repeatable).")
        List<Path> eval;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--out", description = "GeoTIFF to write (with --patch).")
    Path out;

    @Option(names = "--method", description = "With --patch: bilinear, bicubic, global-regression or"
            + " local-regression (default local-regression: a regression on the 10 m bands in a 7 x 7 window of 20 m"
            + " pixels, plus the upsampled residual). --eval scores them all.")
    String method;

    @Option(names = "--degradation", description = "With --eval: how the bands are degraded by 2, box (default: 2 x 2"
            + " averaging, as the methods assume) or mtf (a Gaussian with modulation transfer 0.3 at the coarse Nyquist"
            + " frequency, closer to the sensor's response).")
    String degradation;

    @Option(names = "--json", description = "With --eval: write the scores as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (mode.patch != null) {
            if (this.out == null) {
                throw new IllegalArgumentException("--patch needs --out FILE.tif");
            }
            if (json != null || degradation != null) {
                throw new IllegalArgumentException("--json and --degradation go with --eval; --patch writes the GeoTIFF of --out");
            }
            Method m = method == null ? Method.LOCAL_REGRESSION : Method.parse(method);
            OutputFiles.prepareGeoTiff("--out", this.out, mode.patch);
            long start = System.nanoTime();
            SharpenedPatch sharpened = SharpenedPatch.of(mode.patch, m);
            sharpened.write(this.out);
            OutputFiles.dropStaleAuxXml(this.out, out);
            out.printf("wrote %s: %d bands %dx%d at 10 m (20 m bands by %s) in %.2f s%n", this.out, SharpenedPatch.BANDS.size(),
                    sharpened.width(), sharpened.height(), m.label(), (System.nanoTime() - start) / 1e9);
            return 0;
        }
        String misplaced = Counts.firstGiven("--out", this.out, "--method", method);
        if (misplaced != null) {
            throw new IllegalArgumentException("--eval scores every method and writes no GeoTIFF; " + misplaced + " goes with --patch");
        }
        OutputFiles.prepareJson("--json", json, mode.eval.toArray(Path[]::new)); // never a band file of a scored folder
        List<Path> folders = PatchFolders.find(mode.eval, SharpenedPatch.BANDS);
        WaldProtocol.Degradation degrade = degradation == null ? WaldProtocol.Degradation.BOX
                : WaldProtocol.Degradation.parse(degradation);
        WaldProtocol wald = new WaldProtocol(List.of(Method.values()), degrade);
        int bad = PatchFolders.forEach(folders, "sharpen-eval", out, wald::add);
        List<WaldProtocol.Score> scores = wald.scores();
        if (scores.get(0).patches() == 0) {
            throw new IllegalArgumentException("none of the " + folders.size() + " Sentinel-2 patch folders could be scored");
        }
        if (scores.get(0).pixels() == 0) { // RMSE, ERGAS and SAM are means over pixels with data: of none, no figure
            throw new IllegalArgumentException("the " + Format.count(scores.get(0).patches(), "patch", "patches")
                    + " scored hold no 20 m pixel with data in every band");
        }
        out.printf("Wald's protocol on %d real Sentinel-2 patches (%d bad): 20 m bands from 40 m, guided by the 10 m bands at 20 m,"
                + " %s degradation%n", scores.get(0).patches(), bad, EnumNames.key(degrade));
        out.println("method               RMSE      ERGAS   SAM (deg)   RMSE per band " + BandSharpening.SHARPENED);
        for (WaldProtocol.Score s : scores) {
            StringBuilder perBand = new StringBuilder();
            s.bands().forEach(b -> perBand.append(String.format(" %.4f", b.rmse())));
            out.printf("%-18s %8.5f %8.3f %9.3f  %s%n", s.method(), s.rmse(), s.ergas(), s.samDegrees(), perBand.toString().strip());
        }
        if (json != null) {
            OutputFiles.writeJson(json, OutputFiles.fields("patches", folders.stream().map(Path::toString).toList(), "scores", scores));
            out.println("wrote " + json);
        }
        return 0;
    }
}
