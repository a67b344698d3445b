package org.deq.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deq.io.Failures;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;

/**
 * BigEarthNet v2.0 (reBEN): {@code <root>/<tile>/<patch>/<patch>_Bxx.tif} (or {@code .tiff}, as in the pre-release),
 * Sentinel-2 or Sentinel-1 (VV, VH). Labels and the snow/cloud flags come from the official {@code metadata.parquet}
 * when one is given (read with DuckDB); the acquisition time comes from the product name; the footprint from the
 * GeoTIFF georeferencing. Opened at the archive's root (tile folders below), at one tile folder (patch folders below)
 * or at one patch folder: the patches and their ids are the same whichever.
 */
public final class BigEarthNetV2 implements Archive {

    /** Flag set on patches with seasonal snow. */
    public static final String SNOW = "snow";
    /** Flag set on patches with clouds or cloud shadow. */
    public static final String CLOUD = "cloud";
    /** File name of the official metadata table. */
    public static final String METADATA = "metadata.parquet";

    /** Labels and flags of one patch from the metadata table. */
    private record Entry(List<String> labels, Set<String> flags) {
    }

    /** The metadata table: its rows (one per patch) and each row's entry under its patch_id and its s1_name. */
    private record Table(int patches, Map<String, Entry> byName) {
        static final Table NONE = new Table(0, Map.of());
    }

    private final Path root;
    private final int levels;
    private final Table metadata;

    /**
     * The archive under {@code root} (the folder of tile folders), labelled from {@code metadataParquet} when it is not
     * null; patches missing from the table (reBEN drops some) get no labels.
     */
    public BigEarthNetV2(Path root, Path metadataParquet) throws BadInputException {
        this(root, 2, metadataParquet);
    }

    /**
     * The patch folders {@code levels} folders below {@code root}: 2 for the archive's root (the folder of tile folders),
     * 1 for one tile folder, 0 for one patch folder; labelled from {@code metadataParquet} as above.
     */
    public BigEarthNetV2(Path root, int levels, Path metadataParquet) throws BadInputException {
        this.root = root;
        this.levels = levels;
        Folders.patchFolders(root, levels).close(); // checks the level
        this.metadata = metadataParquet == null ? Table.NONE : readMetadata(metadataParquet);
    }

    /**
     * The official {@value #METADATA} of the archive whose patch folders lie {@code levels} below {@code root}: in the
     * folder of tile folders (where deq has always looked) or in the folder above it, where reBEN's download puts it
     * beside {@code BigEarthNet-S2/} and {@code BigEarthNet-S1/}; null when neither has one.
     */
    public static Path findMetadata(Path root, int levels) {
        Path tiles = root.toAbsolutePath().normalize();
        for (int level = levels; level < 2 && tiles != null; level++) {
            tiles = tiles.getParent();
        }
        if (tiles == null) {
            return null;
        }
        for (Path dir : new Path[] {tiles, tiles.getParent()}) {
            if (dir != null && Files.isRegularFile(dir.resolve(METADATA))) {
                return dir.resolve(METADATA);
            }
        }
        return null;
    }

    @Override
    public String name() {
        String what = switch (levels) {
            case 0 -> "BigEarthNet v2.0 patch folder ";
            case 1 -> "BigEarthNet v2.0 tile folder ";
            default -> "BigEarthNet v2.0 at ";
        };
        return what + root + (labelled() ? " (" + metadata.patches() + " labelled)" : " (unlabelled)");
    }

    /** Labels come from {@code metadata.parquet} only. */
    @Override
    public boolean labelled() {
        return metadata.patches() > 0;
    }

    /**
     * Notes the patches on disk (Sentinel-2 or Sentinel-1) that the metadata table leaves out, and so are indexed without
     * labels or flags (reBEN drops some): how many, and the first few.
     */
    @Override
    public IngestNotes notes() {
        if (!labelled()) {
            return IngestNotes.NONE;
        }
        NotedExamples missing = new NotedExamples();
        return new IngestNotes() {
            @Override
            public void listed(String id) {
                if (!metadata.byName().containsKey(id)) {
                    missing.add(id);
                }
            }

            @Override
            public List<String> lines() {
                return missing.count() == 0 ? List.of() : List.of(missing.counted("patch folder is", "patch folders are")
                        + " not in " + METADATA + ", so without labels or flags: " + missing.examples());
            }
        };
    }

    /** The number of patch folders on disk (the metadata table may list patches that are not there). */
    @Override
    public long sizeHint() {
        return Folders.count(patchFolders());
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return patchFolders().map(this::source).iterator();
    }

    /** The patch folders of every tile folder, in name order. */
    private Stream<Path> patchFolders() {
        return Folders.patchFolders(root, levels);
    }

    private PatchSource source(Path folder) {
        String id = folder.getFileName().toString();
        return PatchSource.of(id, folder, () -> readPatch(folder));
    }

    private Patch readPatch(Path folder) throws BadInputException {
        Entry entry = metadata.byName().getOrDefault(folder.getFileName().toString(), new Entry(List.of(), Set.of()));
        return readPatch(folder, entry.labels(), entry.flags());
    }

    /** Reads one patch folder on its own, with the labels and flags given (e.g. none, for a query example or a thumbnail). */
    public static Patch readPatch(Path folder, List<String> labels, Set<String> flags) throws BadInputException {
        String id = folder.getFileName().toString();
        BigEarthNetBands.Stack stack;
        try {
            stack = BigEarthNetBands.read(folder, id);
        } catch (BadInputException e) {
            throw Folders.whyUnreadable(folder, e);
        }
        GeoBox footprint = stack.geo() == null ? null : stack.geo().footprint(BigEarthNetBands.GRID, BigEarthNetBands.GRID);
        PatchMeta meta = new PatchMeta(id, folder.toString(), S2BandFiles.sensingTime(id), footprint, labels, flags);
        return new Patch(meta, BigEarthNetBands.GRID, BigEarthNetBands.GRID, stack.names(), stack.bands());
    }

    /** The table's rows, and patch_id (and s1_name, so S1 patches find their labels too) to labels and flags. */
    private static Table readMetadata(Path parquet) throws BadInputException {
        if (!Files.isRegularFile(parquet)) {
            throw new BadInputException(parquet, "no such metadata file");
        }
        String sql = "SELECT patch_id, s1_name, labels, contains_seasonal_snow, contains_cloud_or_shadow FROM read_parquet('"
                + parquet.toAbsolutePath().toString().replace("'", "''") + "')";
        Map<String, Entry> out = new HashMap<>();
        int rows = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Entry e = new Entry(strings(rs.getArray(3)), flags(rs.getBoolean(4), rs.getBoolean(5)));
                rows++;
                out.put(rs.getString(1), e);
                String s1 = rs.getString(2);
                if (s1 != null) {
                    out.put(s1, e);
                }
            }
        } catch (SQLException e) {
            throw new BadInputException(parquet, "not a BigEarthNet metadata parquet (" + Failures.firstLine(e) + ")", e);
        }
        return new Table(rows, out);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private static Set<String> flags(boolean snow, boolean cloud) {
        Set<String> flags = new HashSet<>(2);
        if (snow) {
            flags.add(SNOW);
        }
        if (cloud) {
            flags.add(CLOUD);
        }
        return flags;
    }
}
