package org.deq.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoTiffReader;
import org.deq.raster.ImageFiles;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/** Opens an archive folder by recognising its layout, and relabels archives from label files. */
public final class Archives {

    private static final int PROBE = 64;

    private Archives() {
    }

    /**
     * The archive under {@code root}: BigEarthNet v1 (patch folders with {@code _labels_metadata.json}), BigEarthNet v2
     * (tile/patch folders of band files; {@code metadata.parquet} beside them is used when present), a GeoTIFF folder
     * (multi-band TIFFs) or an image folder (class folders of PNG/JPEG/RGB TIFF). An empty folder or an unknown layout
     * gives a one-line {@link BadInputException}.
     */
    public static Archive open(Path root) throws BadInputException {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, Files.exists(root) ? "not a folder" : "no such folder");
        }
        List<Path> children = children(root);
        if (children.isEmpty()) {
            throw new BadInputException(root, "empty folder: no patches to read");
        }
        for (Path dir : children) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String name = dir.getFileName().toString();
            if (Files.isRegularFile(dir.resolve(name + BigEarthNetV1.JSON_SUFFIX))) {
                return new BigEarthNetV1(root);
            }
            for (Path sub : children(dir)) {
                if (Files.isDirectory(sub) && isBigEarthNetPatch(sub)) {
                    Path parquet = root.resolve(BigEarthNetV2.METADATA);
                    return new BigEarthNetV2(root, Files.isRegularFile(parquet) ? parquet : null);
                }
            }
        }
        Optional<Path> firstPicture = firstPicture(root);
        if (firstPicture.isEmpty()) {
            throw new BadInputException(root, "unknown archive layout: no BigEarthNet patch folders, GeoTIFFs or class folders of images");
        }
        Path first = firstPicture.get();
        if (ImageFiles.isTiff(first) && isMultispectral(first)) {
            return new GeoTiffFolder(root);
        }
        if (first.getParent().equals(root)) {
            throw new BadInputException(root, "image files must sit in one sub-folder per class, found " + first.getFileName());
        }
        return new ImageFolder(root);
    }

    /**
     * Reads one patch given on its own, e.g. a query example: a BigEarthNet v1 or v2 patch folder, a multi-band GeoTIFF, or an
     * RGB picture (PNG, JPEG, TIFF). Anything else is a one-line {@link BadInputException}.
     */
    public static Patch readPatch(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            String name = path.getFileName().toString();
            if (Files.isRegularFile(path.resolve(name + BigEarthNetV1.JSON_SUFFIX))) {
                return BigEarthNetV1.readPatch(path);
            }
            if (BigEarthNetBands.isPatchFolder(path, name)) {
                return BigEarthNetV2.readPatch(path, List.of(), Set.of()); // v2 keeps labels in the archive's table
            }
            throw new BadInputException(path, "not a BigEarthNet patch folder (no " + name + BigEarthNetV1.JSON_SUFFIX
                    + " and no " + name + "_B02.tif or _VV.tif)");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(path, "no such file");
        }
        String file = path.getFileName().toString();
        String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        if (ImageFiles.isTiff(path) && isMultispectral(path)) {
            return GeoTiffFolder.readFile(path, stem, List.of());
        }
        if (ImageFiles.isImage(path)) {
            return ImageFiles.read(path, PatchMeta.of(stem, path.toString()));
        }
        throw new BadInputException(path, "not an image: expected a GeoTIFF, PNG or JPEG file or a BigEarthNet patch folder");
    }

    /** The archive with each patch's labels replaced by those of the UC Merced multi-label file, matched by file stem. */
    public static Archive withLabels(Archive archive, Path labelFile) throws BadInputException {
        UcMercedMultiLabels table = UcMercedMultiLabels.read(labelFile);
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

    private static PatchSource relabelled(PatchSource source, UcMercedMultiLabels table, Path labelFile) {
        return PatchSource.of(source.id(), source.location(), () -> {
            String stem = source.id().substring(source.id().lastIndexOf('/') + 1);
            List<String> labels = table.byImage().get(stem);
            if (labels == null) {
                throw new BadInputException(labelFile, "no labels for image " + stem + " (" + source.location() + ")");
            }
            Patch p = source.read();
            return p.withMeta(p.meta().withLabels(labels));
        });
    }

    private static boolean isBigEarthNetPatch(Path dir) {
        String name = dir.getFileName().toString();
        for (String band : new String[] {"B02", "VV"}) {
            if (Files.isRegularFile(dir.resolve(name + "_" + band + ".tif"))
                    || Files.isRegularFile(dir.resolve(name + "_" + band + ".tiff"))) {
                return true;
            }
        }
        return false;
    }

    /** First picture in the root or one level below, in name order. */
    private static Optional<Path> firstPicture(Path root) throws BadInputException {
        for (Path p : children(root)) {
            if (Files.isRegularFile(p) && ImageFiles.isImage(p)) {
                return Optional.of(p);
            }
            if (Files.isDirectory(p)) {
                for (Path f : children(p)) {
                    if (Files.isRegularFile(f) && ImageFiles.isImage(f)) {
                        return Optional.of(f);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** More than three bands, or more than 8 bits: satellite data rather than a picture. */
    private static boolean isMultispectral(Path tiff) throws BadInputException {
        var raster = GeoTiffReader.read(tiff);
        return raster.bandCount() > 3 || raster.sampleType().fullScale > 255;
    }

    /** Up to {@link #PROBE} entries of the folder, sorted: enough to recognise a layout without listing 590k patch folders. */
    private static List<Path> children(Path dir) throws BadInputException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.limit(PROBE).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list folder (" + e.getMessage() + ")", e);
        }
    }
}
