package org.deq.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.deq.archive.Archives;
import org.deq.archive.Backscatter;
import org.deq.archive.PatchWindows;
import org.deq.archive.S2BandFiles;
import org.deq.archive.SceneTiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;

/** Which stored patches deq's archive readers of an older revision read otherwise than today's: the note that says to index them again. */
final class ReaderRevisions {

    /** Files whose headers one check reads at most, the first of as many folders: the rest say the same. */
    static final int MAX_FILES_CHECKED = 1000;

    private ReaderRevisions() {
    }

    /**
     * The note for a patch read from {@code source} into an index of readers' {@code revision}, or null when the current
     * readers read it alike; {@code checked} holds the folders whose first file has already been looked at (at most
     * {@link #MAX_FILES_CHECKED}).
     */
    static String note(int revision, String source, Set<Path> checked) {
        if (source == null || revision >= Manifest.READERS) {
            return null;
        }
        if (revision < 3 && Manifest.revisedKind(source)) {
            return "this index was created by deq's archive readers of revision " + revision
                    + " (now " + Manifest.READERS + "), which read TIFF pictures, EuroSAT_MS files, other multi-band"
                    + " GeoTIFFs, SSL4EO-S12 or Sentinel-1 patches otherwise, and it holds such patches (" + source
                    + "): index them again into a new --out";
        }
        // the kinds revision 3 left alone (PNG and JPEG pictures, Sentinel-2 folders) changed later for some files
        Path file = Archives.sourcePath(source);
        // one file per folder: a folder's files come from one tool or product line (a class folder of pictures, a
        // location's dates), and a million-patch index must not open every file for each deq info
        Path folder = file.toAbsolutePath().getParent();
        if (checked.size() >= MAX_FILES_CHECKED || !checked.add(folder == null ? file : folder)) {
            return null;
        }
        String misread = revision < 4 && bigEndianWithPredictor(file) ? "misread big-endian TIFFs with a predictor" : null;
        misread = misread == null && revision < 5 ? readOtherwiseBeforeRevision5(file) : misread;
        misread = misread == null && revision < 6 ? readOtherwiseBeforeRevision6(file) : misread;
        misread = misread == null && revision < 7 ? readOtherwiseBeforeRevision7(file) : misread;
        misread = misread == null && revision < 8 && !Files.isDirectory(file) && ImageFiles.isTiff(file)
                ? GeoTiffReader.readOtherwiseBeforeRevision8(file, SceneTiles.isWindow(source)) : misread;
        misread = misread == null && revision < 9 && !SceneTiles.isWindow(source) ? Backscatter.readOtherwiseBeforeRevision9(file)
                : misread;
        return misread == null ? null : "this index was created by deq's archive readers of revision " + revision + " (now "
                + Manifest.READERS + "), which " + misread + ", and it holds such a file (" + file + "): index it again"
                + " into a new --out";
    }

    /** What the readers before revision 5 read otherwise of the kind {@code source} is, or null when it is of none. */
    private static String readOtherwiseBeforeRevision5(Path source) {
        if (Archives.baselineOffset(source) != 0) {
            return "read Sentinel-2 products of processing baseline 04.00 or later without removing their offset of 1000";
        }
        if (Files.isDirectory(source)) {
            return null;
        }
        if (ImageFiles.isTiff(source)) {
            return GeoTiffReader.readOtherwiseBeforeRevision5(source) ? "read palette and WhiteIsZero TIFFs as grey indices"
                    + " and placed PixelIsPoint and ModelTransformation grids otherwise" : null;
        }
        return ImageFiles.isGreyPicture(source) ? "brightened grey PNG and JPEG pictures" : null;
    }

    /** What the readers before revision 6 read otherwise of the kind {@code source} is, or null when it is of none. */
    private static String readOtherwiseBeforeRevision6(Path source) {
        if (Files.isDirectory(source) || !ImageFiles.isTiff(source)) {
            return null;
        }
        if (Archives.declaresOffsetOtherThanName(source)) {
            return "read Sentinel-2 GeoTIFFs declaring a band scale of 1/10000 with their name's baseline offset, not their"
                    + " own";
        }
        String refusal = GeoTiffReader.refusal(source);
        return refusal == null ? null : "read TIFFs that today's readers refuse (" + refusal + ")";
    }

    /**
     * What the readers before revision 7 read otherwise of the kind {@code source} is, or null when it is of none: a
     * GeoTIFF whose declared processing level gives another Level-1C flag than its bands (B10 or not) gave.
     */
    private static String readOtherwiseBeforeRevision7(Path source) {
        if (Files.isDirectory(source) || !ImageFiles.isTiff(source) || GeoTiffReader.declaredProcessingLevel(source) == null) {
            return null;
        }
        try {
            PatchWindows windows = PatchWindows.open(source);
            boolean flagged = windows.meta().flags().contains(S2BandFiles.LEVEL_1C);
            boolean cirrus = windows.window(0, 0, 1).bandNames().contains("B10");
            return flagged == cirrus ? null : "flagged GeoTIFFs Level-1C by their bands alone, not by the processing level"
                    + " GDAL's metadata declares";
        } catch (BadInputException | RuntimeException e) { // unreadable now: indexing again reports it as a bad patch
            return null;
        }
    }

    /** Whether {@code source} (a scene, a TIFF, or a folder whose first TIFF is one) is big-endian with a predictor. */
    private static boolean bigEndianWithPredictor(Path source) {
        if (!Files.isDirectory(source)) {
            return GeoTiffReader.isBigEndianWithPredictor(source);
        }
        try (DirectoryStream<Path> tiffs = Files.newDirectoryStream(source, "*.{tif,tiff,TIF,TIFF}")) {
            Path first = null;
            for (Path tiff : tiffs) {
                first = first == null || tiff.compareTo(first) < 0 ? tiff : first;
            }
            return first != null && GeoTiffReader.isBigEndianWithPredictor(first);
        } catch (IOException e) {
            return false; // a source gone or unreadable says nothing of how it was read
        }
    }
}
