package org.deq.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.BandScale;
import org.deq.raster.GeoRef;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.GeoTiffScene;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.RegularFiles;
import org.deq.raster.S2Band;

/** Opens an archive folder by recognising its layout, and relabels archives from label files. */
public final class Archives {

    /** What to do about an index without labels, for the commands that need them. */
    public static final String HOW_TO_LABEL = "index an archive that carries labels: class folders of pictures, BigEarthNet v1.0"
            + " (its JSON files) or v2.0 (metadata.parquet beside the tile folders), or UC Merced with --labels FILE";


    private static final int PROBE = 64;

    private Archives() {
    }

    /**
     * The archive under {@code root}, recognised from the folder itself, its first {@value #PROBE} entries and theirs, in
     * this order:
     * <ol>
     * <li>{@code root} is one patch folder ({@link #readPatch} reads it): an archive of that one patch, with the id it has
     * in its whole archive;</li>
     * <li>a BigEarthNet v2.0 download folder (sub-folders {@code BigEarthNet-S2}, {@code BigEarthNet-S1}): refused in
     * one line naming them, since Sentinel-2 and Sentinel-1 patches need different descriptors;</li>
     * <li>sub-folders that are patch folders: BigEarthNet v1 (with {@code _labels_metadata.json}), one BigEarthNet v2
     * tile folder, one SSL4EO-S12 location folder (date folders of {@code B2.tif ...} or {@code VV.tif, VH.tif});</li>
     * <li>patch folders one level further down: a BigEarthNet v2 archive (tile folders; {@code metadata.parquet} beside
     * them or one folder up is used when present) or an SSL4EO-S12 modality folder such as {@code s2a} or {@code s1} (location
     * folders); BigEarthNet v1 patch folders there mean a folder of archives, refused in one line naming the archives up
     * to {@value #ARCHIVE_DEPTH} levels below it that open;</li>
     * <li>BigEarthNet v2.0's reference maps (label rasters, up to two levels down): refused naming the Sentinel-2 archive
     * beside them;</li>
     * <li>pictures in the folder or one level down: a GeoTIFF folder (multi-band TIFFs) or an image folder (class folders
     * of PNG/JPEG/RGB TIFF; pictures in the folder itself unlabelled).</li>
     * </ol>
     * An empty folder or an unknown layout gives a one-line {@link BadInputException}.
     */
    public static Archive open(Path root) throws BadInputException {
        return open(root, true);
    }

    /** {@link #open}; with {@code advise} false a folder of archives is refused without searching for the archives to give. */
    private static Archive open(Path root, boolean advise) throws BadInputException {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, !Files.exists(root) ? "no such folder" : ImageFiles.isTiff(root)
                    ? "a GeoTIFF file, not an archive folder: give the folder holding it, or cut it into patches (deq index --tile SIZE)"
                    : "not a folder");
        }
        PatchFolder own = patchFolder(root);
        if (own != null) {
            return switch (own) {
                case BIGEARTHNET_V1 -> BigEarthNetV1.onePatch(root);
                case BIGEARTHNET_V2 -> new BigEarthNetV2(root, 0, BigEarthNetV2.findMetadata(root, 0));
                case S2_BAND_FILES, S1_BAND_FILES -> new Ssl4eoS12(root, 0, own == PatchFolder.S1_BAND_FILES);
            };
        }
        List<Path> children = children(root);
        if (children.isEmpty()) {
            throw new BadInputException(root, "empty folder: no patches to read");
        }
        refuseBigEarthNetV2Download(root);
        for (Path dir : children) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            PatchFolder kind = patchFolder(dir);
            if (kind != null) {
                return switch (kind) {
                    case BIGEARTHNET_V1 -> new BigEarthNetV1(root);
                    case BIGEARTHNET_V2 -> new BigEarthNetV2(root, 1, BigEarthNetV2.findMetadata(root, 1));
                    case S2_BAND_FILES, S1_BAND_FILES -> new Ssl4eoS12(root, 1, kind == PatchFolder.S1_BAND_FILES);
                };
            }
            for (Path sub : children(dir)) {
                PatchFolder below = Files.isDirectory(sub) ? patchFolder(sub) : null;
                if (below != null) {
                    return switch (below) {
                        case BIGEARTHNET_V1 -> throw new BadInputException(root, "a folder of archives, not of patches: "
                                + dir.getFileName() + " holds BigEarthNet v1.0 patch folders" + give(root, advise));
                        case BIGEARTHNET_V2 -> new BigEarthNetV2(root, 2, BigEarthNetV2.findMetadata(root, 2));
                        case S2_BAND_FILES, S1_BAND_FILES -> new Ssl4eoS12(root, 2, below == PatchFolder.S1_BAND_FILES);
                    };
                }
            }
        }
        // by name, not by a probe of the tree: open() runs for every command and on every Spark executor
        for (Path name : root.toAbsolutePath().normalize()) {
            if (name.toString().equals(REFERENCE_MAPS)) {
                throw referenceMaps(root);
            }
        }
        Optional<Path> firstPicture = firstPicture(root);
        if (firstPicture.isPresent() && firstPicture.get().getFileName().toString().endsWith(REFERENCE_MAP)) {
            throw referenceMaps(root);
        }
        if (firstPicture.isEmpty()) {
            List<Path> archives = archivesOfArchives(root);
            if (!archives.isEmpty()) { // SSL4EO-S12's root holds s1, s2a and s2c, each an archive of location folders
                throw new BadInputException(root, "a folder of archives, not of patches: " + archives.get(0).getFileName()
                        + " holds " + (holdsPatchFoldersTwoDown(archives.get(0)) ? "patch folders two levels down" : "an archive of its own")
                        + give(root, advise));
            }
            throw new BadInputException(root, "unknown archive layout: no BigEarthNet or Sentinel-2 patch folders, GeoTIFFs or class folders of images");
        }
        return multispectral(pictures(root, DECIDING_PICTURES)) ? new GeoTiffFolder(root) : new ImageFolder(root);
    }

    /** How many pictures are tried for the one that decides a folder's layout, past unreadable TIFFs. */
    private static final int DECIDING_PICTURES = 16;

    /**
     * Whether the first readable of {@code pictures} is a multispectral TIFF ({@link ImageFiles#isMultispectral}), read
     * from its header alone (a 10980 x 10980 scene is not decoded to learn its band count). An unreadable TIFF is left to
     * its own patch, which fails with its reason: the next picture decides, and a folder of nothing readable is pictures.
     */
    private static boolean multispectral(List<Path> pictures) {
        for (Path picture : pictures) {
            if (!ImageFiles.isTiff(picture)) {
                return false;
            }
            try {
                return GeoTiffReader.isMultispectral(picture);
            } catch (BadInputException e) {
                // a truncated or corrupt TIFF: its patch says so; the layout is the next picture's
            }
        }
        return false;
    }

    /** How many folders below a folder of archives are searched for archives to give: a data folder's dataset's download's. */
    private static final int ARCHIVE_DEPTH = 3;
    /** How many archives a refusal names; the rest are counted. */
    private static final int ARCHIVES_NAMED = 6;

    /** "; give A or B ... as the archive", the archives below {@code root}, when {@code advise}; else nothing. */
    private static String give(Path root, boolean advise) throws BadInputException {
        List<Path> archives = advise ? archivesBelow(root, ARCHIVE_DEPTH) : List.of();
        if (archives.isEmpty()) {
            return "";
        }
        String named = archives.stream().limit(ARCHIVES_NAMED).map(Path::toString).collect(Collectors.joining(" or "));
        int more = archives.size() - ARCHIVES_NAMED;
        return "; give " + named + (more > 0 ? " (or one of " + more + " more below " + root + ")" : "") + " as the archive";
    }

    /**
     * The folders up to {@code depth} levels below {@code root} (of the first {@value #PROBE} entries of each) that open
     * as archives themselves, in name order: a folder that is no archive (a folder of archives, a BigEarthNet v2.0
     * download, reference maps) is searched in turn, one that is is not.
     */
    private static List<Path> archivesBelow(Path root, int depth) throws BadInputException {
        List<Path> out = new ArrayList<>();
        for (Path dir : children(root)) {
            if (!Files.isDirectory(dir) || Files.isSymbolicLink(dir)) { // a link up the tree would open itself again
                continue;
            }
            try {
                open(dir, false);
                out.add(dir);
            } catch (BadInputException e) {
                if (depth > 1) {
                    out.addAll(archivesBelow(dir, depth - 1));
                }
            }
        }
        return out;
    }

    /** The folder of BigEarthNet v2.0's reference maps in its download. */
    private static final String REFERENCE_MAPS = "Reference_Maps";
    /** The file name ending of BigEarthNet v2.0's reference maps: one CORINE label raster per patch, no image. */
    private static final String REFERENCE_MAP = "_reference_map.tif";

    /**
     * The refusal of BigEarthNet v2.0's {@code Reference_Maps} (or one of its tile or patch folders), whose label rasters
     * would otherwise be read as one-band images, naming the Sentinel-2 archive beside it when there is one.
     */
    private static BadInputException referenceMaps(Path root) {
        Path s2 = null;
        for (Path p = root.toAbsolutePath().normalize(); p != null && s2 == null; p = p.getParent()) {
            s2 = Files.isDirectory(p.resolve(BIGEARTHNET_V2_ARCHIVES.get(0))) ? p.resolve(BIGEARTHNET_V2_ARCHIVES.get(0)) : null;
        }
        return new BadInputException(root, "BigEarthNet v2.0 reference maps (a CORINE label raster per patch), not images: give "
                + (s2 == null ? "the " + BIGEARTHNET_V2_ARCHIVES.get(0) + " folder" : s2) + " as the archive (its "
                + BigEarthNetV2.METADATA + " labels the patches)");
    }

    /** The sub-folders of reBEN's download, one archive each; the reference maps are no archive of patches. */
    private static final List<String> BIGEARTHNET_V2_ARCHIVES = List.of("BigEarthNet-S2", "BigEarthNet-S1");

    /** A BigEarthNet v2.0 download folder holds the Sentinel-2 and Sentinel-1 archives side by side: name them. */
    private static void refuseBigEarthNetV2Download(Path root) throws BadInputException {
        List<String> give = new ArrayList<>();
        for (String archive : BIGEARTHNET_V2_ARCHIVES) {
            if (Files.isDirectory(root.resolve(archive))) {
                give.add(root.resolve(archive) + (archive.endsWith("S2") ? " (Sentinel-2)" : " (Sentinel-1)"));
            }
        }
        if (!give.isEmpty()) {
            throw new BadInputException(root, "a BigEarthNet v2.0 folder holding " + (give.size() == 1 ? "an archive" : give.size()
                    + " archives") + ", not patches: give " + String.join(" or ", give) + " as the archive");
        }
    }

    /**
     * The georeferenced grid {@link #readPatch} puts the pixels of {@code path} on: a GeoTIFF's own, a Sentinel-2 patch
     * folder's 10 m grid (its B02 file's), a Sentinel-1 folder's VV file's; null for pictures and for files without
     * georeferencing. For outputs that keep an input's grid (land-cover maps).
     */
    public static GeoRef gridOf(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            Path band = S2BandFiles.find(path, S2Band.B02);
            if (band == null) {
                String name = ownName(path);
                band = BigEarthNetBands.bandFile(path, name, "VV");
                band = band != null ? band : S1BandFiles.vv(path);
            }
            return band == null ? null : GeoTiffReader.read(band).geo();
        }
        return ImageFiles.isTiff(path) ? GeoTiffReader.scene(path).geo() : null; // its header, no pixel decoded
    }

    /**
     * Whether a patch folder or file holds a Level-1C product (top-of-atmosphere reflectance): a folder as {@link
     * S2BandFiles#isLevel1C} says (its name or granule metadata), a GeoTIFF as the patch read from it is flagged
     * ({@link S2BandFiles#LEVEL_1C}: Sentinel-2 bands, B10 among them), from its header and one pixel.
     */
    public static boolean isLevel1C(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            return S2BandFiles.isLevel1C(path);
        }
        // a file named after a Level-1C product says so as a folder's name does: deq sharpen's output holds no B10
        return Files.isRegularFile(path) && ImageFiles.isTiff(path) && (S2BandFiles.namedLevel1C(path)
                || PatchWindows.open(path).meta().flags().contains(S2BandFiles.LEVEL_1C));
    }

    /**
     * Whether the GeoTIFF {@code file} declares GDAL's band scale of 1/10000 with an offset other than its name's
     * baseline gives ({@link S2Reflectance#fileOffset}; deq sharpen's output named after a product of baseline 04.00 or
     * later): the files readers before revision 6 read with their name's offset.
     */
    public static boolean declaresOffsetOtherThanName(Path file) {
        BandScale declared = GeoTiffReader.declaredScale(file);
        String name = file.getFileName().toString();
        return declared != null && S2Reflectance.fileOffset(name, declared) != S2Reflectance.offset(name, null);
    }

    /**
     * The offset in digital numbers that reading a Sentinel-2 patch folder or file adds to its values before dividing by
     * 10000: −1000 for products of processing baseline 04.00 or later, known by their name or {@code metadata.json}
     * ({@link S2Reflectance}); 0 otherwise, and for anything unreadable.
     */
    public static int baselineOffset(Path path) {
        Path own = path.toAbsolutePath().normalize().getFileName();
        try {
            return S2Reflectance.offset(own == null ? null : own.toString(),
                    Files.isDirectory(path) ? GranuleMetadata.read(path) : null);
        } catch (BadInputException e) {
            return 0;
        }
    }

    /**
     * Reads one patch given on its own, e.g. a query example: a patch folder (BigEarthNet v1 or v2, or a folder of
     * Sentinel-2 band files such as an SSL4EO-S12 date folder, read onto its 10 m grid), a multi-band GeoTIFF, or an RGB
     * picture (PNG, JPEG, TIFF). Anything else is a one-line {@link BadInputException}.
     */
    public static Patch readPatch(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            PatchFolder kind = patchFolder(path);
            if (kind == null) {
                String name = ownName(path);
                throw new BadInputException(path, "not a patch folder (no " + name + BigEarthNetV1.JSON_SUFFIX + ", no "
                        + name + "_B02.tif or _VV.tif and no B02.tif, B2.tif or VV.tif)");
            }
            return switch (kind) {
                case BIGEARTHNET_V1 -> BigEarthNetV1.readPatch(path);
                case BIGEARTHNET_V2 -> BigEarthNetV2.readPatch(path, List.of(), Set.of()); // v2 keeps labels in the archive's table
                case S2_BAND_FILES, S1_BAND_FILES -> Ssl4eoS12.readPatch(path);
            };
        }
        RegularFiles.require(path);
        String file = path.getFileName().toString();
        String stem = ImageFiles.withoutExtension(file);
        if (ImageFiles.isTiff(path) && GeoTiffReader.isMultispectral(path)) {
            return GeoTiffFolder.readFile(path, stem, List.of(), FileNameDates.acquiredOnItsOwn(path));
        }
        if (ImageFiles.isImage(path)) {
            return ImageFiles.read(path, PatchMeta.of(stem, path.toString()));
        }
        throw new BadInputException(path, "not an image: expected a GeoTIFF, PNG or JPEG file or a patch folder");
    }

    /**
     * Reads one patch given on its own as {@link #readPatch} does, with its grid and, for a multi-band GeoTIFF, its pixels
     * without data ({@link GeoTiffScene#noDataPixels}: transparent, NaN, its no-data value in every band, or 0 in every
     * band of a file declaring none, as GDAL's warps leave them), read as 0 in every band as an ingest reads them ({@link
     * GeoTiffFolder#readWithNoData}). For examples and change-map dates, which say how many there are.
     */
    public static GriddedPatch readWithNoData(Path path) throws BadInputException {
        return readWithNoData(path, true);
    }

    /**
     * {@link #readWithNoData(Path)}, the grid of anything but a multispectral GeoTIFF (whose header gives it anyway) read
     * only when {@code withGrid}: a patch folder's comes from decoding one of its bands again, which a search by many
     * examples does not need.
     */
    public static GriddedPatch readWithNoData(Path path, boolean withGrid) throws BadInputException {
        if (Files.isRegularFile(path) && ImageFiles.isTiff(path) && GeoTiffReader.isMultispectral(path)) {
            return GeoTiffFolder.readWithNoData(path, ImageFiles.withoutExtension(path.getFileName().toString()), List.of(),
                    FileNameDates.acquiredOnItsOwn(path));
        }
        return new GriddedPatch(readPatch(path), withGrid ? gridOf(path) : null, new BitSet());
    }

    /**
     * Reads a stored patch again from the source its index entry records: a patch folder or file ({@link #readPatch}), or
     * a window of a scene ({@link SceneTiles}).
     */
    public static Patch readSource(String source) throws BadInputException {
        return SceneTiles.isWindow(source) ? SceneTiles.readWindow(source) : readPatch(Path.of(source));
    }

    /** The file or folder a stored patch's source names: for a window of a scene, the scene's file. */
    public static Path sourcePath(String source) {
        return SceneTiles.file(source);
    }

    /**
     * The id of the patch in a patch folder, from the folder's path and file names alone (no band is read): a BigEarthNet
     * patch's folder name, else, as for SSL4EO-S12's date folders, {@code [modality/]location/date}; the id
     * {@link #readPatch} and the archive readers give it.
     */
    public static String patchFolderId(Path dir) {
        PatchFolder kind = patchFolder(dir);
        return kind == PatchFolder.BIGEARTHNET_V1 || kind == PatchFolder.BIGEARTHNET_V2 ? ownName(dir) : Ssl4eoS12.id(dir);
    }

    /** The kinds of folder that hold one patch, as band files. */
    private enum PatchFolder {
        /** {@code <name>_labels_metadata.json} and {@code <name>_B02.tif ...} or {@code _VV.tif}. */
        BIGEARTHNET_V1,
        /** {@code <name>_B02.tif ...} (or {@code .tiff}) or {@code <name>_VV.tif} without the metadata file. */
        BIGEARTHNET_V2,
        /** {@code B02.tif} or {@code B2.tif} ...: Sentinel-2 band files named by band alone, as SSL4EO-S12's date folders. */
        S2_BAND_FILES,
        /** {@code VV.tif} and {@code VH.tif}: Sentinel-1 backscatter named by polarisation alone, as SSL4EO-S12's {@code s1}. */
        S1_BAND_FILES
    }

    /** What kind of patch folder {@code dir} is, from the names of its files; null when it is none. */
    private static PatchFolder patchFolder(Path dir) {
        String name = ownName(dir);
        if (Files.isRegularFile(dir.resolve(name + BigEarthNetV1.JSON_SUFFIX))) {
            return PatchFolder.BIGEARTHNET_V1;
        }
        if (BigEarthNetBands.isPatchFolder(dir, name)) {
            return PatchFolder.BIGEARTHNET_V2;
        }
        if (S2BandFiles.find(dir, S2Band.B02) != null) {
            return PatchFolder.S2_BAND_FILES;
        }
        return S1BandFiles.isPatchFolder(dir) ? PatchFolder.S1_BAND_FILES : null;
    }

    private static String ownName(Path dir) {
        Path own = dir.toAbsolutePath().normalize().getFileName();
        return own == null ? "" : own.toString();
    }

    /**
     * The archive with each patch's labels replaced by those of the UC Merced multi-label file, matched by file stem (the
     * last part of the id). A file that names none of the archive's images is refused in one line with an example name of
     * each, found by listing the archive until the first name the file has (no patch is read).
     */
    public static Archive withLabels(Archive archive, Path labelFile) throws BadInputException {
        UcMercedMultiLabels table = UcMercedMultiLabels.read(labelFile);
        requireSomeImageNamed(archive, table, labelFile);
        return new Archive() {
            @Override
            public String name() {
                return archive.name() + " labelled by " + labelFile.getFileName();
            }

            @Override
            public long sizeHint() {
                return archive.sizeHint();
            }

            @Override
            public IngestNotes notes() {
                return unmatchedRows(archive.notes(), table, labelFile);
            }

            @Override
            public Iterator<PatchSource> iterator() {
                Iterator<PatchSource> it = archive.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public PatchSource next() {
                        return relabelled(it.next(), table, labelFile);
                    }
                };
            }
        };
    }

    /**
     * {@code inner}'s notes and a note of the label file's rows that name no image of the listing (a typo, an image left
     * out of the archive): their labels go unused.
     */
    private static IngestNotes unmatchedRows(IngestNotes inner, UcMercedMultiLabels table, Path labelFile) {
        Set<String> listed = new HashSet<>();
        return new IngestNotes() {
            @Override
            public void listed(String id) {
                inner.listed(id);
                listed.add(stem(id));
            }

            @Override
            public void read(PatchMeta meta) {
                inner.read(meta);
            }

            @Override
            public List<String> lines() {
                NotedExamples unmatched = new NotedExamples();
                table.byImage().keySet().stream().filter(image -> !listed.contains(image)).forEach(unmatched::add);
                List<String> lines = new ArrayList<>(inner.lines());
                if (unmatched.count() > 0) {
                    lines.add(unmatched.counted("row", "rows") + " of " + labelFile + " name no image of the archive, so their"
                            + " labels are not used: " + unmatched.examples());
                }
                return lines;
            }
        };
    }

    private static void requireSomeImageNamed(Archive archive, UcMercedMultiLabels table, Path labelFile) throws BadInputException {
        String example = null;
        long listed = 0;
        for (PatchSource source : archive) {
            String stem = stem(source.id());
            if (table.byImage().containsKey(stem)) {
                return;
            }
            example = example == null ? stem : example;
            listed++;
        }
        if (listed > 0) {
            String named = table.byImage().keySet().stream().findFirst().orElse("(none)");
            throw new BadInputException(labelFile, "no image name of " + archive.name() + " appears in this label file (the archive's "
                    + listed + " images are named like " + example + ", the file's like " + named + ")");
        }
    }

    /** The image name a label file knows a patch by: the last part of its id. */
    private static String stem(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static PatchSource relabelled(PatchSource source, UcMercedMultiLabels table, Path labelFile) {
        return PatchSource.of(source.id(), source.location(), () -> {
            String stem = stem(source.id());
            List<String> labels = table.byImage().get(stem);
            if (labels == null) {
                throw new BadInputException(labelFile, "no labels for image " + stem + " (" + source.location() + ")");
            }
            Patch p = source.read();
            return p.withMeta(p.meta().withLabels(labels));
        });
    }

    /** First picture in the root or one level below, in name order ({@link #children}). */
    private static Optional<Path> firstPicture(Path root) throws BadInputException {
        return pictures(root, 1).stream().findFirst();
    }

    /** Up to {@code n} pictures in the root or one level below, in name order ({@link #children}). */
    private static List<Path> pictures(Path root, int n) throws BadInputException {
        List<Path> out = new ArrayList<>();
        for (Path p : children(root)) {
            if (Files.isRegularFile(p) && ImageFiles.isImage(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                for (Path f : children(p)) {
                    if (out.size() < n && Files.isRegularFile(f) && ImageFiles.isImage(f)) {
                        out.add(f);
                    }
                }
            }
            if (out.size() >= n) {
                break;
            }
        }
        return out;
    }

    /**
     * The sub-folders of {@code root} (of the first {@value #PROBE}) that hold patch folders two levels below them, or
     * else pictures one level below them: archives of their own.
     */
    private static List<Path> archivesOfArchives(Path root) throws BadInputException {
        List<Path> out = new ArrayList<>();
        for (Path dir : children(root)) {
            if (Files.isDirectory(dir) && holdsPatchFoldersTwoDown(dir)) {
                out.add(dir);
            }
        }
        if (out.isEmpty()) { // EuroSAT's root: EuroSAT_MS and EuroSAT_RGB, each of class folders of pictures
            for (Path dir : children(root)) {
                if (Files.isDirectory(dir) && firstPicture(dir).isPresent()) {
                    out.add(dir);
                }
            }
        }
        return out;
    }

    private static boolean holdsPatchFoldersTwoDown(Path dir) throws BadInputException {
        for (Path sub : children(dir)) {
            if (!Files.isDirectory(sub)) {
                continue;
            }
            for (Path patch : children(sub)) {
                if (Files.isDirectory(patch) && patchFolder(patch) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Up to {@link #PROBE} entries of the folder, sorted: enough to recognise a layout without listing 590k patch folders.
     * The first {@value #PROBE} the file system lists, so in a larger folder "first in name order" is among those.
     */
    private static List<Path> children(Path dir) throws BadInputException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(PROBE).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list folder (" + e.getMessage() + ")", e);
        }
    }
}
