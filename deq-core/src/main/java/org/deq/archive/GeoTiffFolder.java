package org.deq.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.S2Band;

/**
 * A folder (searched recursively) of single multi-band GeoTIFFs, EuroSAT_MS style. Id: the path below the root without
 * extension; label: the parent folder's name when the files sit in per-class folders; acquisition time: a date in the
 * file name, else in the nearest folder name below the root that has one, as for {@link SceneTiles}. 13-band files are named in
 * EuroSAT order, 12-band files in BigEarthNet order, both scaled by 1/10000 (floating-point ones only when they hold
 * digital numbers, not reflectance; 8-bit ones, which cannot hold them, are refused); other band counts are named band1..n, integer ones scaled to 0..1 of their sample
 * type's range, floating-point ones raw.
 */
public final class GeoTiffFolder implements Archive {

    /**
     * Band order of EuroSAT_MS files: B8A comes last. Checked on the real samples: band 10 (B10 cirrus) is the darkest
     * (about 10 DN) and band 13 tracks B07/B08 over pasture (4424 vs 3922 DN), as the 865 nm B8A must.
     */
    public static final List<String> EUROSAT_BANDS = List.of(
            "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10", "B11", "B12", "B8A");

    /** Sentinel-2's cirrus band, which S2Band leaves out: a file holding it is a Level-1C product. */
    private static final String B10 = "B10";
    private static final List<String> S1_BANDS = BigEarthNetBands.S1_BANDS;
    /** The largest value of 8-bit samples, which cannot hold Sentinel-2's reflectance × 10000. */
    private static final double MAX_8_BIT = 255;
    /** Below any index of the −1..1 kind: most backscatter values in dB lie under it. */
    private static final float DB_NEGATIVE = -1.5f;

    private final Path root;

    /** The archive of every .tif/.tiff under {@code root}. */
    public GeoTiffFolder(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "GeoTIFF folder " + root;
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return tiffs().map(this::source).iterator();
    }

    /** The number of GeoTIFF (and stray PNG/JPEG) files below the root. */
    @Override
    public long sizeHint() {
        return Folders.count(tiffs());
    }

    /**
     * Every .tif/.tiff below the root, and every PNG/JPEG to report as bad, sorted, so the archive gets the same ordinals
     * on every machine and file system.
     */
    private Stream<Path> tiffs() {
        return Folders.sortedFilesBelow(root, ImageFiles::isImage);
    }

    private PatchSource source(Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String id = relative.substring(0, relative.lastIndexOf('.'));
        return PatchSource.of(id, file, () -> {
            if (!ImageFiles.isTiff(file)) { // listed so that it is reported, not silently left out
                throw new BadInputException(file, "a picture among multispectral GeoTIFFs: index pictures as an archive of their own");
            }
            Path parent = file.getParent();
            return readFile(file, id, parent.equals(root) ? List.of() : List.of(parent.getFileName().toString()),
                    FileNameDates.acquired(root.relativize(file)));
        });
    }

    /**
     * Reads one multi-band GeoTIFF as a patch acquired at {@code acquired} (null when unknown: a GeoTIFF's own tags carry
     * no acquisition time, so it comes from the file's or a folder's name, as a scene's does); 12- and 13-band files are
     * Sentinel-2 (reflectance = value / 10000, or the value itself in a floating-point file of reflectance). Its pixels
     * without data are read as 0 ({@link #readWithNoData}).
     */
    static Patch readFile(Path file, String id, List<String> labels, Instant acquired) throws BadInputException {
        return readWithNoData(file, id, labels, acquired).patch();
    }

    /**
     * {@link #readFile}'s patch with its grid and its pixels without data ({@link GeoTiffScene#noDataPixels}: transparent,
     * NaN, the file's no-data value in every band, or 0 in every band of a file of several bands declaring none), read as
     * 0 in every band as a scene's windows are and counted in its metadata. The one reading of a multi-band GeoTIFF, for
     * an ingest and a query example alike: a file then finds its own stored copy at distance 0.
     */
    static GriddedPatch readWithNoData(Path file, String id, List<String> labels, Instant acquired) throws BadInputException {
        GeoTiffReader.RasterWithNoData read = GeoTiffReader.readWithNoData(file);
        GeoRaster raster = read.raster();
        BitSet empty = read.noData();
        if (empty.cardinality() == raster.width() * raster.height()) { // all 0 once cleared: it would match every empty one
            throw new BadInputException(file, "holds no data: every pixel is transparent, NaN, the no-data value or, in a"
                    + " file of several bands declaring none, 0 in every band");
        }
        GeoTiffScene.clear(raster, empty);
        Patch patch = patchOf(raster, file, id, file.toString(), labels);
        return new GriddedPatch(patch.withMeta(patch.meta().withAcquired(acquired).withNoDataPixels(empty.cardinality())),
                raster.geo(), empty);
    }

    /**
     * Notes the files read with pixels without data (described as 0 in every band, as a query example's are) and those
     * georeferenced where deq places no footprint ({@link UnplacedGrids}).
     */
    @Override
    public IngestNotes notes() {
        NotedExamples withNoData = new NotedExamples();
        UnplacedGrids unplaced = new UnplacedGrids();
        return new IngestNotes() {
            @Override
            public void read(PatchMeta meta) {
                if (meta.noDataPixels() > 0) {
                    withNoData.add(meta.id());
                }
                unplaced.read(meta);
            }

            @Override
            public List<String> lines() {
                List<String> lines = new ArrayList<>();
                if (withNoData.count() > 0) {
                    lines.add(withNoData.counted("GeoTIFF holds", "GeoTIFFs hold") + " pixels without data (transparent,"
                            + " NaN, the file's no-data value, or, in a file of several bands declaring none, 0 in every"
                            + " band), read as 0 in every band, as a query example's are: " + withNoData.examples());
                }
                lines.addAll(unplaced.lines());
                return lines;
            }
        };
    }

    /**
     * A multi-band raster of {@code file} (the whole file, or a window of a scene recorded as {@code source}) as a patch,
     * its bands named and scaled as {@link #readFile} says.
     */
    static Patch patchOf(GeoRaster r, Path file, String id, String source, List<String> labels) throws BadInputException {
        // bands named Sentinel-2's in the file (deq sharpen's output, GDAL-described files) are read by their names
        List<String> s2Names = r.descriptions().stream().map(GeoTiffFolder::s2Name).toList();
        boolean described = !s2Names.isEmpty() && !s2Names.contains(null) && Set.copyOf(s2Names).size() == s2Names.size();
        String stem = ImageFiles.withoutExtension(file.getFileName().toString());
        if (r.bandCount() == 1 && (stem.endsWith("VV") || stem.endsWith("VH"))) { // one polarisation of a Sentinel-1 patch
            throw new BadInputException(file, "one Sentinel-1 band; give its patch folder, or VV and VH in one GeoTIFF"
                    + " (gdalbuildvrt -separate vv_vh.vrt VV.tif VH.tif, then gdal_translate vv_vh.vrt vv_vh.tif)");
        }
        // Sentinel-1 backscatter stays in dB, as BigEarthNet's and SSL4EO-S12's VV and VH files hold it
        boolean sentinel1 = isSentinel1(r);
        List<String> names = sentinel1 ? S1_BANDS : described ? s2Names : bandNames(r.bandCount());
        boolean sentinel2 = !sentinel1
                && (described || r.bandCount() == EUROSAT_BANDS.size() || r.bandCount() == S2Band.values().length);
        if (sentinel2 && !r.sampleType().isFloat() && r.sampleType().fullScale <= MAX_8_BIT) {
            // 0..255 read as digital numbers would be reflectances under 0.0255 throughout: meaningless, so refused
            throw new BadInputException(file, r.bandCount() + " Sentinel-2 bands of 8 bits: reflectance × 10000 needs 16 bits,"
                    + " so these values are a rescaled export (a visualisation), not reflectance; give the 16-bit product bands");
        }
        float[][] bands = r.bands();
        if (sentinel1) { // named VV, VH: maybe linear power (unnamed bands are taken as VV, VH only when they hold dB)
            Backscatter.requireDecibels(file, bands[1]);
        }
        if (sentinel2) {
            S2Reflectance.toReflectance(bands, r.sampleType(), S2Reflectance.fileOffset(file.getFileName().toString(), r.scale()));
        } else if (!sentinel1 && !r.sampleType().isFloat()) {
            // other integer bands to 0..1 of their type's range, as a picture's are (raw 16-bit values all fell into a
            // histogram's last bin, so every patch matched every other at distance 0)
            float scale = (float) r.sampleType().fullScale;
            for (float[] band : bands) {
                for (int i = 0; i < band.length; i++) {
                    band[i] /= scale;
                }
            }
        }
        // a processing level the file declares (deq sharpen's output, GDAL's conversions of a product) is its level;
        // else B10 (cirrus), unnamed 13th band or named in any order, is carried by Level-1C products only (EuroSAT_MS is
        // top-of-atmosphere reflectance)
        boolean level1C = r.processingLevel() != null ? r.declaredLevel1C() : names.contains(B10);
        Set<String> flags = sentinel2 && level1C ? Set.of(S2BandFiles.LEVEL_1C) : Set.of();
        PatchMeta meta = new PatchMeta(id, source, null,
                r.geo() == null ? null : r.geo().footprint(r.width(), r.height()), labels, flags);
        return new Patch(meta, r.width(), r.height(), names, bands);
    }

    /**
     * Two bands named VV and VH, or two unnamed floating-point bands of backscatter in dB (read in BigEarthNet's order,
     * VV then VH): a Sentinel-1 patch such as {@code gdal_merge.py -separate VV.tif VH.tif} writes.
     */
    private static boolean isSentinel1(GeoRaster r) {
        if (r.bandCount() != S1_BANDS.size()) {
            return false;
        }
        return r.descriptions().isEmpty() ? r.sampleType().isFloat() && looksLikeDecibels(r.bands()) : r.descriptions().equals(S1_BANDS);
    }

    /**
     * Whether bands read like backscatter in dB: mostly negative (land and water scatter back a small fraction, VV about
     * −25..0 dB and VH −30..−5 dB), where two indices such as NDVI and NDWI lie within −1..1. Zeros do not count: no-data
     * pixels read as 0, and a window of a scene half outside its swath was otherwise named band1, band2 while its
     * neighbours were VV, VH.
     */
    static boolean looksLikeDecibels(float[][] bands) {
        long below = 0;
        long total = 0;
        for (float[] band : bands) {
            for (float v : band) {
                below += v < DB_NEGATIVE ? 1 : 0;
                total += v != 0f ? 1 : 0;
            }
        }
        return below * 2 > total;
    }

    /** A band description naming a Sentinel-2 band: {@code B4}, {@code B04}, {@code b8a}, GDAL's {@code B4, central wavelength 665 nm}. */
    private static final Pattern S2_NAME = Pattern.compile("(?i)\\s*B0?(\\d{1,2}|8A)(?![0-9A-Za-z_-]).*");

    /** The Sentinel-2 band a description names, as deq names it ({@code B04}, {@code B8A}), or null when it names none. */
    static String s2Name(String description) {
        Matcher m = S2_NAME.matcher(description);
        if (!m.matches()) {
            return null;
        }
        String band = m.group(1).toUpperCase(Locale.ROOT);
        String name = band.equals("8A") ? "B8A" : "B" + (band.length() == 1 ? "0" : "") + band;
        for (S2Band b : S2Band.values()) {
            if (b.name().equals(name)) {
                return name;
            }
        }
        return name.equals(B10) ? name : null; // EuroSAT's cirrus band, which S2Band leaves out
    }

    private static List<String> bandNames(int count) {
        if (count == EUROSAT_BANDS.size()) {
            return EUROSAT_BANDS;
        }
        List<String> names = new ArrayList<>(count);
        S2Band[] s2 = S2Band.values();
        for (int b = 0; b < count; b++) {
            names.add(count == s2.length ? s2[b].name() : "band" + (b + 1));
        }
        return names;
    }
}
