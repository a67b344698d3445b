package org.deq.raster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.deq.concurrent.LruMap;
import org.deq.io.Failures;

/**
 * A GeoTIFF (classic TIFF or BigTIFF, of any file size) held as the layout of its strips or tiles, decoded a window at a
 * time from the blocks under it ({@link GeoTiffReader#scene}): a scene far larger than deq decodes at once is cut into
 * patches without ever holding its pixels as floats, or its file's bytes. Safe for concurrent windows.
 */
public final class GeoTiffScene {

    private final Path file;
    private final TiffLayout layout;
    private final int width;
    private final int height;
    private final int bandCount;
    private final GeoRef geo;
    private final List<String> descriptions;
    private final BandScale scale;
    private final String processingLevel;
    private final int bandRows;
    private final Float noData;
    /** The file's modification time when its layout was read: a file replaced since holds other blocks. */
    private final FileTime modified;

    GeoTiffScene(Path file, TiffLayout layout, FileTime modified) {
        this.file = file;
        this.layout = layout;
        this.modified = modified;
        this.width = layout.width();
        this.height = layout.height();
        this.bandCount = layout.bands();
        this.geo = layout.tags().geoRef();
        this.descriptions = layout.tags().descriptions(bandCount);
        this.scale = layout.tags().scale(bandCount);
        this.processingLevel = layout.tags().processingLevel();
        this.noData = layout.colours().noData(layout.tags().noData(), layout.sampleType());
        int block = layout.blockHeight();
        this.bandRows = (int) Math.min(height, (MIN_BAND_ROWS - 1L + block) / block * block); // long: blocks near 2^31 rows
        // a band's floats, and as many bands as a fraction of the heap holds: enough for every thread of an ingest or a
        // Spark worker to cut its own row of patches without decoding another's again
        this.rowBands = new LruMap<>((int) Math.max(MIN_ROW_BANDS,
                Math.min(64, Runtime.getRuntime().maxMemory() / 32 / bandValues())));
    }

    /**
     * Refuses a scene stored in strips or tiles so tall that one row band of them exceeds what deq decodes at once (a
     * whole scene in one strip, as some writers leave it): windows would decode it whole every time.
     */
    void checkRowBands(long maxValues) throws BadInputException {
        long values = bandValues();
        if (values > maxValues) {
            throw new BadInputException(file, "stored in strips or tiles of " + bandRows + " rows, too tall to decode a"
                    + " row of patches at a time (" + values / 1_000_000 + " M values); rewrite it tiled (gdal_translate -co"
                    + " TILED=YES)");
        }
    }

    /** Values of a row band (at least 1), {@link Long#MAX_VALUE} where the header's sizes would wrap a long. */
    private long bandValues() {
        return TiffLayout.times((long) width * bandRows, bandCount);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Number of bands. */
    public int bandCount() {
        return bandCount;
    }

    /** The scene's georeferencing, or null when the file has none. */
    public GeoRef geo() {
        return geo;
    }

    /** GDAL's band descriptions, or empty. */
    public List<String> descriptions() {
        return descriptions;
    }

    /** GDAL's no-data value declared by the file ({@code GDAL_NODATA}; NaN for "nan"), or null when it declares none. */
    public Float noData() {
        return noData;
    }

    /** Whether the file marks pixels transparent, by an alpha band or GDAL's internal mask. */
    public boolean masked() {
        return layout.masked();
    }

    /**
     * The no-data pixels of a window (row-major): transparent (alpha or mask 0, {@link GeoRaster#transparent}); NaN or
     * infinite in a band; equal to the file's declared no-data value in every band; or, in a file of several bands that
     * declares no value (not even NaN), 0 in every band (Sentinel-2's no data, the black border of an orthophoto mosaic).
     * A single band's 0 is a value (sea level, an index of 0), not a gap.
     */
    public BitSet noDataPixels(GeoRaster window) {
        return noDataPixels(window, noData);
    }

    /** {@link #noDataPixels(GeoRaster)} of a raster of a file declaring {@code noData} (null: none; NaN: "nan"). */
    static BitSet noDataPixels(GeoRaster raster, Float noData) {
        BitSet out = noDataPixels(raster.bands(), raster.width() * raster.height(), noData);
        out.or(raster.transparent());
        return out;
    }

    /**
     * The no-data pixels of {@code pixels} pixels of {@code b} bands on one grid by {@link #noDataPixels(GeoRaster)}'s rule,
     * {@code noData} being the declared value (null: none declared; NaN: "nan"): for a scene's window, and for the bands
     * of a patch folder brought onto one grid, whose band files declare none.
     */
    public static BitSet noDataPixels(float[][] b, int pixels, Float noData) {
        BitSet out = new BitSet(pixels);
        boolean hasDeclared = noData != null && !noData.isNaN(); // NaN is found as not finite
        float declaredValue = hasDeclared ? noData : 0f;
        boolean zeroIsEmpty = noData == null && b.length > 1;
        for (int i = 0; i < pixels; i++) {
            boolean zero = zeroIsEmpty;
            boolean declared = hasDeclared;
            boolean finite = true;
            for (float[] band : b) {
                float v = band[i];
                zero &= v == 0f;
                declared &= v == declaredValue;
                finite &= Float.isFinite(v);
            }
            if (zero || declared || !finite) {
                out.set(i);
            }
        }
        return out;
    }

    /**
     * Sets the no-data pixels of a window ({@link #noDataPixels}) to 0 in every band and returns them: they then read
     * alike whatever the file declared, as 0 does in Sentinel-2 products.
     */
    public BitSet clearNoData(GeoRaster window) {
        BitSet empty = noDataPixels(window);
        clear(window, empty);
        return empty;
    }

    /** Sets {@code pixels} of {@code raster} to 0 in every band. */
    public static void clear(GeoRaster raster, BitSet pixels) {
        for (int i = pixels.nextSetBit(0); i >= 0; i = pixels.nextSetBit(i + 1)) {
            for (float[] band : raster.bands()) {
                band[i] = 0f;
            }
        }
    }

    /**
     * The stored values of the {@code w x h} window whose upper-left pixel is column {@code x}, row {@code y}, on the
     * window's own grid; NaN and infinite samples are kept. The scene is decoded in row bands across its width, aligned on
     * its strips or tiles and kept for the next windows: cut in rows of patches, each strip or tile is then decoded once,
     * where decoding each window's own would decode every tile under several windows (3.6 times the work for 120-pixel
     * patches of 256-pixel tiles).
     */
    public GeoRaster window(int x, int y, int w, int h) throws BadInputException {
        checkInside(x, y, w, h);
        float[][] bands = new float[bandCount][w * h];
        BitSet transparent = new BitSet();
        GeoRaster rows = null;
        int held = -1;
        for (int r = 0; r < h; r++) {
            int row = y + r;
            if (row / bandRows != held) {
                held = row / bandRows;
                rows = rowBand(held);
            }
            int offset = (row - held * bandRows) * width + x;
            for (int b = 0; b < bands.length; b++) {
                System.arraycopy(rows.bands()[b], offset, bands[b], r * w, w);
            }
            BitSet clear = rows.transparent();
            for (int i = clear.nextSetBit(offset); i >= 0 && i < offset + w; i = clear.nextSetBit(i + 1)) {
                transparent.set(r * w + i - offset);
            }
        }
        return new GeoRaster(w, h, bands, rows.sampleType(), geo == null ? null : geo.window(x, y), descriptions, scale,
                processingLevel, transparent);
    }

    /**
     * A 1 x 1 raster of zeros with this scene's header (bands, their type and names, scale, processing level, grid):
     * what a patch's reading decides from the header alone, known without decoding a block (listing a thousand scenes
     * on every worker of a cluster must not decode a tile of each).
     */
    public GeoRaster headerOnly() {
        return new GeoRaster(1, 1, new float[bandCount][1], layout.valueType(), geo, descriptions, scale, processingLevel,
                new BitSet());
    }

    /**
     * The same values as {@link #window}, decoded from the strips or tiles under the window alone and kept nowhere: for a
     * window read on its own (a server's thumbnail of one stored patch), where decoding the rows across the scene would
     * cost a hundred windows' work.
     */
    public GeoRaster windowAlone(int x, int y, int w, int h) throws BadInputException {
        checkInside(x, y, w, h);
        try {
            return decode(x, y, w, h);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "cannot decode pixels " + x + "," + y + " to " + (x + w) + "," + (y + h) + " ("
                    + Failures.firstLine(e) + ")", e);
        }
    }

    private void checkInside(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || (long) x + w > width || (long) y + h > height) {
            // no path: a stored window of a scene replaced by a smaller one reaches HTTP clients with this message
            throw new IllegalArgumentException("window " + w + "x" + h + " at " + x + "," + y + " is not inside the "
                    + width + "x" + height + " scene");
        }
    }

    /** Row bands kept at least: the one being cut and those before and after it, which a window across them needs. */
    private static final int MIN_ROW_BANDS = 3;
    /** Rows decoded together: whole strips or tiles, at least this many (GDAL writes uncompressed files a row a strip). */
    private static final int MIN_BAND_ROWS = 128;
    /** Decoded row bands, the least recently used forgotten first: at most 64, or what 1/32 of the heap holds. */
    private final Map<Integer, FutureTask<GeoRaster>> rowBands;

    /** Row band {@code i} (rows {@code i * bandRows} on) across the scene, decoded once by the first thread to ask. */
    private GeoRaster rowBand(int i) throws BadInputException {
        int y = i * bandRows;
        int h = Math.min(bandRows, height - y);
        FutureTask<GeoRaster> task;
        boolean decodeHere = false;
        synchronized (rowBands) {
            task = rowBands.get(i);
            if (task == null) {
                task = new FutureTask<>(() -> decode(0, y, width, h));
                rowBands.put(i, task);
                decodeHere = true;
            }
        }
        if (decodeHere) {
            task.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException(file, "interrupted while decoding rows " + y + " to " + (y + h));
        } catch (ExecutionException e) {
            synchronized (rowBands) { // not kept: the next window decodes again (a full heap may have freed since)
                rowBands.remove(i, task);
            }
            Throwable cause = e.getCause();
            if (cause instanceof Error error) { // out of memory is the caller's to report, not a bad file
                throw error;
            }
            if (cause instanceof BadInputException bad) { // already one line naming the file
                throw bad;
            }
            throw new BadInputException(file, "cannot decode rows " + y + " to " + (y + h) + " (" + Failures.firstLine(
                    cause instanceof Exception ex ? ex : new IllegalStateException(cause)) + ")", cause);
        }
    }

    /**
     * Decodes a window from the blocks under it. The file is opened for each decode (a row band or a window alone, tens
     * of microseconds against milliseconds of decoding) rather than held open: a scene is held softly ({@code
     * SceneCache}) and may be dropped at any time, which would leak an open file until the collector finalized it.
     */
    private GeoRaster decode(int x, int y, int w, int h) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            // blocks of a file rewritten since its layout was read would decode into another picture, or garbage
            FileTime now = Files.getLastModifiedTime(file);
            if (!now.equals(modified)) {
                throw new BadInputException(file, "changed on disk since deq read its layout (modified " + modified + ", now "
                        + now + "): read it again");
            }
            return TiffWindow.read(channel, layout, x, y, w, h);
        }
    }
}
