package org.deq.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deq.analysis.BandSharpening;
import org.deq.analysis.SharpenedPatch;
import org.deq.archive.Archives;
import org.deq.archive.S2BandFiles;
import org.deq.archive.SceneTiles;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored patch's files in the archive it was indexed from. The id is known, so a missing or unreadable file is a 409
 * (the archive changed under the index), not the 404 of an unknown id; its message names the patch, not the server's
 * path, which means nothing to a client and goes to the operator's log instead.
 */
final class ArchiveFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveFiles.class);

    private ArchiveFiles() {
    }

    /** The patch's pixels. */
    static Patch patch(PatchMeta meta) {
        if (meta.source().isEmpty()) {
            throw new ApiException(409, "patch '" + meta.id() + "' has no source file recorded in the index");
        }
        existing(meta, "file");
        try {
            return Archives.readSource(meta.source());
        } catch (BadInputException e) {
            throw unreadable(meta, "cannot read patch '" + meta.id() + "' from the archive", e);
        } catch (IllegalArgumentException e) { // a stored window outside a scene since replaced by a smaller one
            throw new ApiException(409, "cannot read patch '" + meta.id() + "' from the archive: " + withoutPaths(e.getMessage(), meta));
        }
    }

    /** The bands a true-colour picture draws, in {@link #trueColour}'s order. */
    private static final S2Band[] VISIBLE = {S2Band.B02, S2Band.B03, S2Band.B04};

    /**
     * The patch's pixels a thumbnail draws: of a Sentinel-2 patch folder its B02, B03 and B04 alone, as read whole
     * (reading the whole patch decoded twelve files and resampled six to 10 m for a card); anything else {@link #patch}.
     */
    static Patch trueColour(PatchMeta meta) {
        Path source = meta.source().isEmpty() ? null : Archives.sourcePath(meta.source());
        if (source == null || !Files.isDirectory(source) || !S2BandFiles.hasAll(source, VISIBLE)) {
            return patch(meta);
        }
        try {
            Map<S2Band, GeoRaster> read = S2BandFiles.read(source, VISIBLE);
            GeoRaster blue = read.get(S2Band.B02);
            return new Patch(meta, blue.width(), blue.height(), List.of("B02", "B03", "B04"), new float[][] {
                blue.bands()[0], read.get(S2Band.B03).bands()[0], read.get(S2Band.B04).bands()[0]});
        } catch (BadInputException e) {
            throw unreadable(meta, "cannot read patch '" + meta.id() + "' from the archive", e);
        }
    }

    /** The patch's Sentinel-2 folder; a 409 when none is recorded, it is gone or it is a file ({@code what} need one). */
    static Path folder(PatchMeta meta, String what) {
        if (meta.source().isEmpty()) {
            throw new ApiException(409, "patch '" + meta.id() + "' has no source recorded in the index; " + what + " need its folder");
        }
        Path source = existing(meta, "folder");
        if (!Files.isDirectory(source)) {
            throw new ApiException(409, "patch '" + meta.id() + "' is stored as " + (SceneTiles.isWindow(meta.source())
                    ? "a window of a scene" : "a file") + ", not a Sentinel-2 patch folder; " + what
                    + " need one");
        }
        return source;
    }

    /** The patch's folder read with its 20 m bands sharpened to 10 m; a 409 when it is not a Sentinel-2 patch folder. */
    static SharpenedPatch sharpened(PatchMeta meta) {
        if (SceneTiles.isWindow(meta.source())) { // a scene's bands lie on one grid already
            existing(meta, "file");
            try {
                // no data (a scene's 0 corners) left out of the threshold, as deq change-map leaves a GeoTIFF's
                return SharpenedPatch.of(SceneTiles.reread(meta.source()));
            } catch (BadInputException e) {
                throw unreadable(meta, "cannot read patch '" + meta.id() + "' for a change map", e);
            } catch (IllegalArgumentException e) {
                throw new ApiException(409, withoutPaths(e.getMessage(), meta));
            }
        }
        Path source = folder(meta, "change maps");
        try {
            return SharpenedPatch.of(source, BandSharpening.Method.LOCAL_REGRESSION);
        } catch (BadInputException e) {
            throw unreadable(meta, "cannot read patch '" + meta.id() + "' for a change map", e);
        }
    }

    /** A 409 for a file of the patch that cannot be read: {@code doing}, then the reason with the patch id for its paths. */
    static ApiException unreadable(PatchMeta meta, String doing, BadInputException e) {
        LOG.warn("patch {}: {}", LogText.line(meta.id()), LogText.line(e.getMessage()));
        String message = withoutPaths(e.getMessage(), meta);
        if (e.file() != null) { // a file outside the patch's source: its name only
            message = message.replace(e.file().toString(), String.valueOf(e.file().getFileName()));
        }
        return new ApiException(409, doing + ": " + message);
    }

    /** The message with each patch's source path replaced by its id. */
    static String withoutPaths(String message, PatchMeta... metas) {
        String out = message;
        for (PatchMeta meta : metas) {
            if (!meta.source().isEmpty()) { // a window's scene file too
                out = out.replace(meta.source(), meta.id()).replace(Archives.sourcePath(meta.source()).toString(), meta.id());
            }
        }
        return out;
    }

    private static Path existing(PatchMeta meta, String kind) {
        Path source = Archives.sourcePath(meta.source());
        if (!Files.exists(source)) {
            LOG.warn("the archive {} of patch {} is gone: {}", kind, LogText.line(meta.id()), LogText.line(source.toString()));
            throw new ApiException(409, "the archive " + kind + " of patch '" + meta.id() + "' is gone (moved or deleted since"
                    + " it was indexed)");
        }
        return source;
    }
}
