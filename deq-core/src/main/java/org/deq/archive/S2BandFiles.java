package org.deq.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.GeoRaster;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.Resample;
import org.deq.raster.S2Band;
import org.deq.raster.Utm;

/**
 * The per-band GeoTIFFs of one Sentinel-2 patch folder at their native resolutions (10, 20, 60 m), for work that needs
 * the bands as the sensor sampled them, such as band sharpening. Names: BigEarthNet's {@code <folder>_B05.tif} (or the
 * reBEN pre-release's {@code .tiff}) and SSL4EO-S12's {@code B5.tif} / {@code B05.tif}.
 */
public final class S2BandFiles {

    /** A compact UTC time as Sentinel-2 product and SSL4EO-S12 folder names carry it, between underscores, ends or an extension. */
    private static final Pattern SENSING_TIME = Pattern.compile("(?:^|_)(\\d{8}T\\d{6})(?=[_.]|$)");
    private static final DateTimeFormatter SENSING_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private S2BandFiles() {
    }

    /**
     * The time in a Sentinel-2 name, UTC: BigEarthNet's {@code S2A_MSIL2A_20170613T101031_87_48} or SSL4EO-S12's
     * {@code 20200604T054639_20200604T054831_T43RCP} (the first time); null when it has none or no valid one. It is the
     * product's datatake start, which may precede the patch's own sensing by some minutes.
     */
    public static Instant sensingTime(String name) {
        Matcher m = SENSING_TIME.matcher(name);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDateTime.parse(m.group(1), SENSING_TIME_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * When the date in {@code folder} was sensed: its granule metadata's {@link GranuleMetadata#sensed} when given, else
     * the {@link #sensingTime} of the folder's name (a Sentinel-2 or Sentinel-1 product name); null when neither says.
     */
    static Instant acquired(Path folder, GranuleMetadata granule) {
        if (granule != null && granule.sensed() != null) {
            return granule.sensed();
        }
        Path own = folder.toAbsolutePath().normalize().getFileName();
        return own == null ? null : sensingTime(own.toString());
    }

    /**
     * The flag of a Level-1C patch (top-of-atmosphere reflectance): change pairs join dates of one level, and
     * {@code exclude-flags=level-1c} leaves them out.
     */
    public static final String LEVEL_1C = "level-1c";

    /**
     * Whether a Sentinel-2 patch folder holds a Level-1C product (top-of-atmosphere reflectance), as its name
     * ({@code MSIL1C}) or its granule metadata says; a Level-2A product holds surface reflectance.
     */
    public static boolean isLevel1C(Path folder) throws BadInputException {
        return isLevel1C(folder, GranuleMetadata.read(folder));
    }

    /**
     * The offset, in digital numbers, that reading a Sentinel-2 patch folder adds to its bands (reflectance = (DN +
     * offset) / 10000): −1000 for a product of processing baseline 04.00 or later, else 0 ({@link S2Reflectance}).
     */
    public static int digitalNumberOffset(Path folder) throws BadInputException {
        Path own = folder.toAbsolutePath().normalize().getFileName();
        return S2Reflectance.offset(own == null ? null : own.toString(), GranuleMetadata.read(folder));
    }

    private static boolean isLevel1C(Path folder, GranuleMetadata granule) {
        return namedLevel1C(folder) || granule != null && granule.level1C();
    }

    /** Whether a folder's or file's name is a Level-1C product's ({@code MSIL1C}). */
    static boolean namedLevel1C(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name != null && name.toString().contains("MSIL1C");
    }

    /**
     * The platform of the Sentinel-2 product in a patch folder, {@code S2A}, {@code S2B}, {@code S2C}, ..., as its name
     * (BigEarthNet's {@code S2B_MSIL2A_...}) or its granule metadata's product id begins; null when neither names one
     * (a folder of one's own without {@code metadata.json}).
     */
    public static String platform(Path folder) throws BadInputException {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        String named = name == null ? null : platformOf(name.toString());
        if (named != null) {
            return named;
        }
        GranuleMetadata granule = GranuleMetadata.read(folder);
        return granule == null || granule.productId() == null ? null : platformOf(granule.productId());
    }

    private static String platformOf(String productName) {
        return productName.matches("S2[A-Z]_.*") ? productName.substring(0, 3) : null;
    }

    /** The first sub-folder (in name order, one or two levels down) that holds {@code band}, or null. */
    private static Path patchFolderInside(Path folder, S2Band band) {
        try (var children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).sorted().limit(64).toList()) {
                if (find(child, band) != null) {
                    return child;
                }
                try (var grandchildren = Files.list(child)) {
                    for (Path g : grandchildren.filter(Files::isDirectory).sorted().limit(64).toList()) {
                        if (find(g, band) != null) {
                            return g;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return null; // the missing band is the error to report
        }
        return null;
    }

    /** The file of {@code band} in {@code folder}, or null when there is none under any of the known names. */
    public static Path find(Path folder, S2Band band) {
        Path own = folder.toAbsolutePath().normalize().getFileName();
        Stream<String> bigEarthNet = own == null ? Stream.empty() : Stream.of(BigEarthNetBands.stem(own.toString(), band.name()));
        return BandFile.find(folder, Stream.concat(bigEarthNet, Stream.of(ssl4eoNames(band))).toArray(String[]::new));
    }

    /** SSL4EO-S12's names of a band file without extension: {@code B05} or {@code B5}. */
    private static String[] ssl4eoNames(S2Band band) {
        String shortName = band.name().startsWith("B0") ? "B" + band.name().substring(2) : band.name();
        return Stream.of(band.name(), shortName).distinct().toArray(String[]::new);
    }

    /** The file names a band may have in the folder, for messages: BigEarthNet's, then SSL4EO-S12's. */
    private static String names(Path folder, S2Band band) {
        Path own = folder.toAbsolutePath().normalize().getFileName();
        String name = own == null ? "" : own.toString();
        return Stream.concat(Stream.of(name + "_" + band), Stream.of(ssl4eoNames(band))).map(stem -> stem + ".tif")
                .collect(Collectors.joining(", ")) + ", with .tif or .tiff in any case";
    }

    /**
     * "; its band files are named X_B02.tif: BigEarthNet's folder name is their prefix, so give the folder that name
     * again" when the folder holds the band under another prefix (a renamed patch folder); else nothing.
     */
    private static String renamedHint(Path folder, S2Band band) {
        DirectoryStream.Filter<Path> ofBand = f -> ImageFiles.isTiff(f)
                && ImageFiles.withoutExtension(f.getFileName().toString()).endsWith("_" + band);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ofBand)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                return "; its band files are named " + name + ": a BigEarthNet folder is named as its files' prefix, so"
                        + " give it the name " + name.substring(0, name.lastIndexOf("_" + band)) + " again";
            }
        } catch (IOException e) {
            // an unlistable folder: the missing band says enough
        }
        return "";
    }

    /** True when the folder holds every one of {@code bands}. */
    public static boolean hasAll(Path folder, S2Band... bands) {
        for (S2Band b : bands) {
            if (find(folder, b) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bands read at their native resolution and scaled to reflectance (value / 10000); a missing file, a raster of
     * more than one band or a band that does not cover the ground most of the bands cover (its size), or is not on
     * their grid, names its file.
     */
    public static Map<S2Band, GeoRaster> read(Path folder, S2Band... bands) throws BadInputException {
        return read(folder, GranuleMetadata.read(folder), bands);
    }

    /** {@link #read(Path, S2Band...)} with the folder's granule metadata (null when none) already read. */
    private static Map<S2Band, GeoRaster> read(Path folder, GranuleMetadata granule, S2Band... bands) throws BadInputException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, !Files.exists(folder) ? "no such folder" : "not a folder; give a Sentinel-2"
                    + " patch folder of band files (a BigEarthNet patch or an SSL4EO-S12 date), whose bands lie on their"
                    + " native 10, 20 and 60 m grids");
        }
        Path[] files = new Path[bands.length];
        GeoRaster[] rasters = new GeoRaster[bands.length];
        Path own = folder.toAbsolutePath().normalize().getFileName();
        int offset = S2Reflectance.offset(own == null ? null : own.toString(), granule);
        for (int b = 0; b < bands.length; b++) {
            S2Band band = bands[b];
            Path file = find(folder, band);
            if (file == null) {
                Path inside = patchFolderInside(folder, band);
                if (inside != null) { // a tile, location or archive folder given for one patch
                    throw new BadInputException(folder, "holds patch folders, not band files: give one of them, e.g. " + inside);
                }
                if (S1BandFiles.isPatchFolder(folder)
                        || own != null && BigEarthNetBands.bandFile(folder, own.toString(), "VV") != null) {
                    throw new BadInputException(folder, "a Sentinel-1 patch (VV and VH backscatter), not Sentinel-2; give"
                            + " a Sentinel-2 patch folder");
                }
                throw new BadInputException(folder, "missing Sentinel-2 band " + band + " (none of "
                        + names(folder, band) + ")" + renamedHint(folder, band));
            }
            GeoRaster r = GeoTiffReader.read(file);
            if (r.bandCount() != 1) {
                throw new BadInputException(file, "expected one band, found " + r.bandCount());
            }
            float[] values = r.bands()[0]; // the raster is ours alone: scaled in place
            S2Reflectance.toReflectance(new float[][] {values}, r.sampleType(), offset);
            files[b] = file;
            rasters[b] = new GeoRaster(r.width(), r.height(), new float[][] {values}, r.sampleType(), r.geo());
        }
        checkSameGround(bands, files, rasters);
        Map<S2Band, GeoRaster> out = new EnumMap<>(S2Band.class);
        for (int b = 0; b < bands.length; b++) {
            out.put(bands[b], rasters[b]);
        }
        return out;
    }

    /**
     * The folder's twelve Sentinel-2 bands as one patch on its 10 m grid, e.g. an SSL4EO-S12 date folder (264 x 264 at
     * 10 m): each band read as {@link #read} reads it and its 20 m and 60 m bands bilinearly resampled onto the grid of
     * B02, placed by their georeferencing as {@code deq change-map} places them (SSL4EO-S12's 20 m grid starts half a
     * 10 m pixel up and left), so the patch has BigEarthNet's band names, reflectance scale and 10 m pixels and a query
     * by it against a BigEarthNet index compares like with like. The time is {@link GranuleMetadata#sensed} when the
     * folder has a {@value GranuleMetadata#FILE} that gives it, else the {@link #sensingTime} of the folder's name; the
     * footprint comes from B02's georeferencing; there are no labels; a Level-1C patch carries the {@link #LEVEL_1C} flag.
     */
    public static Patch readPatch(Path folder, String id) throws BadInputException {
        GranuleMetadata granule = GranuleMetadata.read(folder); // once, for the offset, the time and the level
        Map<S2Band, GeoRaster> read = read(folder, granule, S2Band.values());
        GeoRaster ten = read.get(S2Band.B02);
        int width = ten.width();
        int height = ten.height();
        List<String> names = new ArrayList<>(read.size());
        float[][] bands = new float[read.size()][];
        int b = 0;
        for (Map.Entry<S2Band, GeoRaster> e : read.entrySet()) {
            GeoRaster r = e.getValue();
            double[] offset = ten.geo() == null || r.geo() == null ? new double[2] : ten.geo().offsetOf(r.geo());
            bands[b++] = Resample.bilinear(r.bands()[0], r.width(), r.height(), width, height, offset[0], offset[1]);
            names.add(e.getKey().name());
        }
        Instant acquired = acquired(folder, granule);
        GeoBox footprint = ten.geo() == null ? null : ten.geo().footprint(width, height);
        Set<String> flags = isLevel1C(folder, granule) ? Set.of(LEVEL_1C) : Set.of();
        PatchMeta meta = new PatchMeta(id, folder.toString(), acquired, footprint, List.of(), flags);
        return new Patch(meta, width, height, names, bands);
    }

    /**
     * Refuses bands that do not cover the same ground. The ground (pixels times metres) that most bands cover is the
     * patch's, so that a band of another size is named rather than the good band read first; when no ground has a
     * majority, the line names both bands and files. A band of the right size must share the grid of the first such
     * band: its coordinate system and its corner, within a pixel of the coarser grid.
     */
    private static void checkSameGround(S2Band[] bands, Path[] files, GeoRaster[] rasters) throws BadInputException {
        int ref = 0;
        int refVotes = 0;
        boolean tie = false;
        for (int i = 0; i < bands.length; i++) {
            int votes = 0;
            for (int j = 0; j < bands.length; j++) {
                votes += sameSize(bands[i], rasters[i], bands[j], rasters[j]) ? 1 : 0;
            }
            if (votes > refVotes) {
                ref = i;
                refVotes = votes;
                tie = false;
            } else if (votes == refVotes && !sameSize(bands[i], rasters[i], bands[ref], rasters[ref])) {
                tie = true;
            }
        }
        S2Band first = bands[ref];
        GeoRaster grid = rasters[ref];
        for (int i = 0; i < bands.length; i++) {
            S2Band band = bands[i];
            GeoRaster r = rasters[i];
            GeoRef geo = r.geo();
            // a band resampled to another resolution spans the same ground in other pixels: say so, not "other ground"
            if (geo != null && Utm.isUtm(geo.epsg()) && Math.abs(geo.pixelWidth() - band.metres) > 0.01 * band.metres) {
                throw new BadInputException(files[i], band + " has pixels of " + (float) geo.pixelWidth() + " m where"
                        + " Sentinel-2's " + band + " has " + band.metres + " m: give the band at its own resolution");
            }
            if (!sameSize(band, r, first, grid)) {
                String where = tie ? first + " (" + first.metres + " m) is " + size(first, grid) + " in " + files[ref]
                        : refVotes + " of the " + bands.length + " bands cover " + ground(first, grid);
                throw new BadInputException(files[i], band + " (" + band.metres + " m) is " + size(band, r) + ", where " + where
                        + ": the bands do not cover the same ground");
            }
            if (r.geo() == null || grid.geo() == null) {
                continue;
            }
            if (r.geo().epsg() != grid.geo().epsg()) {
                throw new BadInputException(files[i], band + " is in EPSG:" + r.geo().epsg() + ", " + first + " in EPSG:"
                        + grid.geo().epsg() + ": the bands do not share a grid");
            }
            double[] offset = grid.geo().offsetOf(r.geo());
            double limit = Math.max(band.metres, first.metres) / (double) first.metres; // one pixel of the coarser grid
            if (Math.abs(offset[0]) >= limit || Math.abs(offset[1]) >= limit) {
                throw new BadInputException(files[i], band + " (" + band.metres + " m) starts " + offset[0] + ", " + offset[1]
                        + " pixels away from " + first + "'s grid (" + grid.width() + "x" + grid.height() + " at " + first.metres
                        + " m): the bands do not cover the same ground");
            }
        }
    }

    /** Whether two bands span the same ground, their pixels counted at their own resolutions. */
    private static boolean sameSize(S2Band a, GeoRaster ra, S2Band b, GeoRaster rb) {
        return (long) ra.width() * a.metres == (long) rb.width() * b.metres
                && (long) ra.height() * a.metres == (long) rb.height() * b.metres;
    }

    /** {@code 60x60 (600x600 m)}: a band's pixels and the ground they span. */
    private static String size(S2Band band, GeoRaster r) {
        return r.width() + "x" + r.height() + " (" + ground(band, r) + ")";
    }

    /** {@code 600x600 m}: the ground a band spans. */
    private static String ground(S2Band band, GeoRaster r) {
        return (long) r.width() * band.metres + "x" + (long) r.height() * band.metres + " m";
    }
}
