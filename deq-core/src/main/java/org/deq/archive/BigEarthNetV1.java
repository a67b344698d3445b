package org.deq.archive;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deq.raster.BadInputException;
import org.deq.raster.GeoBox;
import org.deq.raster.Patch;
import org.deq.raster.PatchMeta;
import org.deq.raster.RegularFiles;
import org.deq.raster.Utm;

/**
 * BigEarthNet v1.0: one folder per patch holding {@code <patch>_B01.tif ... _B12.tif, _B8A.tif} (Sentinel-2, 12 bands
 * resampled to 120x120) or {@code <patch>_VV.tif, _VH.tif} (Sentinel-1, dB), plus {@code <patch>_labels_metadata.json}
 * with the 43-class labels, UTM corners, projection WKT and acquisition time. The dataset's lists of patches with
 * seasonal snow and with clouds or their shadows ({@value #SNOW_LIST}, {@value #CLOUD_LIST}; about 71,000 patches that
 * users usually leave out), found in the archive folder or the folder above it, set the {@code snow} and {@code cloud}
 * flags as v2's metadata table does.
 */
public final class BigEarthNetV1 implements Archive {

    /** Suffix of the metadata file of a patch folder. */
    public static final String JSON_SUFFIX = "_labels_metadata.json";
    /** BigEarthNet v1.0's list of patches covered by seasonal snow: one patch name per line. */
    public static final String SNOW_LIST = "patches_with_seasonal_snow.csv";
    /** BigEarthNet v1.0's list of patches with clouds or cloud shadow: one patch name per line. */
    public static final String CLOUD_LIST = "patches_with_cloud_and_shadow.csv";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The last AUTHORITY of a WKT is the one of the whole coordinate system. */
    private static final Pattern WKT_EPSG = Pattern.compile("AUTHORITY\\[\"EPSG\",\"(\\d+)\"\\]\\]\\s*$");
    private static final DateTimeFormatter S2_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path root;
    private final boolean onePatch;

    /** The archive under {@code root} (the folder of patch folders). */
    public BigEarthNetV1(Path root) {
        this(root, false);
    }

    private BigEarthNetV1(Path root, boolean onePatch) {
        this.root = root;
        this.onePatch = onePatch;
    }

    /** The archive of one patch folder given on its own (e.g. to add it to an index): the patch it holds, id its name. */
    public static BigEarthNetV1 onePatch(Path folder) {
        return new BigEarthNetV1(folder, true);
    }

    @Override
    public String name() {
        return (onePatch ? "BigEarthNet v1.0 patch folder " : "BigEarthNet v1.0 at ") + root;
    }

    @Override
    public Iterator<PatchSource> iterator() {
        Map<String, Set<String>> flags = onePatch ? Map.of() : flagLists(root);
        return Folders.patchFolders(root, onePatch ? 0 : 1).map(folder -> source(folder, flags)).iterator();
    }

    /**
     * The snow and cloud flags of the patches the dataset's lists name, from the archive folder or else the folder
     * above it (where the lists sit beside the unpacked archive); empty without lists. A list that cannot be read is
     * an error naming it, since leaving it out would silently keep snowy or cloudy patches in.
     */
    static Map<String, Set<String>> flagLists(Path root) {
        Map<String, Set<String>> flags = new HashMap<>();
        for (String[] list : new String[][] {{SNOW_LIST, BigEarthNetV2.SNOW}, {CLOUD_LIST, BigEarthNetV2.CLOUD}}) {
            Path file = root.resolve(list[0]);
            if (!Files.isRegularFile(file) && root.toAbsolutePath().getParent() != null) {
                file = root.toAbsolutePath().getParent().resolve(list[0]);
            }
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(file)) {
                // a line may carry more columns after the name; a header line names no patch and matches none
                // a spreadsheet's byte-order mark would hide the first name
                lines.map(l -> l.replace("\uFEFF", "").split(",", 2)[0].strip()).filter(n -> !n.isEmpty())
                        .forEach(name -> flags.computeIfAbsent(name, n -> new HashSet<>()).add(list[1]));
            } catch (IOException | UncheckedIOException e) {
                throw new UncheckedIOException(new BadInputException(file, "cannot read the patch list: " + e.getMessage(), e));
            }
        }
        return flags;
    }

    /**
     * Notes the patches whose JSON labels are not BigEarthNet's 43 CORINE Land Cover classes (a typo, another
     * nomenclature): they are stored as given, and match no class of the others'.
     */
    @Override
    public IngestNotes notes() {
        NotedExamples odd = new NotedExamples();
        return new IngestNotes() {
            @Override
            public void read(PatchMeta meta) {
                meta.labels().stream().filter(l -> !BigEarthNetNomenclature.CLASSES_43.contains(l)).findFirst()
                        .ifPresent(l -> odd.add("'" + l + "' of " + meta.id()));
            }

            @Override
            public List<String> lines() {
                return odd.count() == 0 ? List.of() : List.of(odd.counted("patch has", "patches have") + " labels that are not BigEarthNet's"
                        + " CORINE Land Cover classes, stored as given: " + odd.examples());
            }
        };
    }

    /** The number of patch folders (a listing of the root, about a second for BigEarthNet's 590k folders). */
    @Override
    public long sizeHint() {
        return onePatch ? 1 : Folders.count(Folders.list(root).filter(Files::isDirectory));
    }

    private static PatchSource source(Path folder, Map<String, Set<String>> flags) {
        String id = folder.getFileName().toString();
        Set<String> patchFlags = flags.getOrDefault(id, Set.of());
        return PatchSource.of(id, folder, () -> {
            Patch p = readPatch(folder);
            return patchFlags.isEmpty() ? p : new Patch(p.meta().withFlags(patchFlags), p.width(), p.height(), p.bandNames(), p.bands());
        });
    }

    /** Reads one patch folder. */
    public static Patch readPatch(Path folder) throws BadInputException {
        String id = folder.getFileName().toString();
        try {
            PatchMeta meta = readMeta(folder.resolve(id + JSON_SUFFIX), id, folder);
            BigEarthNetBands.Stack stack = BigEarthNetBands.read(folder, id);
            return new Patch(meta, BigEarthNetBands.GRID, BigEarthNetBands.GRID, stack.names(), stack.bands());
        } catch (BadInputException e) {
            throw Folders.whyUnreadable(folder, e);
        }
    }

    /** The labels and metadata of one patch folder without its bands; null when the folder has no metadata file. */
    public static PatchMeta readMeta(Path folder) throws BadInputException {
        Path own = folder.toAbsolutePath().normalize().getFileName();
        String id = own == null ? "" : own.toString();
        Path json = folder.resolve(id + JSON_SUFFIX);
        return Files.isRegularFile(json) ? readMeta(json, id, folder) : null;
    }

    private static PatchMeta readMeta(Path json, String id, Path folder) throws BadInputException {
        if (!Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(json, "missing label/metadata file");
        }
        RegularFiles.require(json); // a FIFO so named would block the JSON reader: refused as what it is
        JsonNode doc;
        try {
            doc = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(json, malformed(e), e);
        } catch (IOException e) {
            throw new BadInputException(json, "cannot read: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new BadInputException(json, "malformed JSON: not an object");
        }
        JsonNode labelsNode = doc.get("labels");
        if (labelsNode == null || !labelsNode.isArray()) {
            throw new BadInputException(json, "field 'labels' must be an array of class names");
        }
        List<String> labels = new ArrayList<>(labelsNode.size());
        for (JsonNode l : labelsNode) {
            if (!l.isTextual()) {
                throw new BadInputException(json, "field 'labels' must hold strings, found " + l);
            }
            labels.add(l.asText());
        }
        return new PatchMeta(id, folder.toString(), acquired(json, doc), footprint(json, doc), labels, Set.of());
    }

    /**
     * "malformed JSON at line L, column C: reason", the reason without the parser's own locations (a start marker's
     * "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 12]") that say nothing to a user.
     */
    static String malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        int marker = reason.indexOf(" (start marker at");
        reason = marker < 0 ? reason : reason.substring(0, marker);
        return "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + (reason.isBlank() ? "" : ": " + reason.strip());
    }

    private static GeoBox footprint(Path json, JsonNode doc) throws BadInputException {
        JsonNode c = doc.get("coordinates");
        if (c == null || !c.isObject()) {
            throw new BadInputException(json, "missing field 'coordinates'");
        }
        String wkt = doc.path("projection").asText("");
        Matcher m = WKT_EPSG.matcher(wkt);
        if (!m.find()) {
            throw new BadInputException(json, "field 'projection' has no EPSG authority");
        }
        int epsg = Integer.parseInt(m.group(1));
        if (!Utm.isUtm(epsg)) {
            throw new BadInputException(json, "field 'projection' is EPSG:" + epsg + ", not a WGS84 UTM zone");
        }
        // The Sentinel-1 files of v1.0 spell the lower-right northing 'lly'.
        String lowerY = c.has("lry") ? "lry" : "lly";
        return Utm.footprint(epsg, number(json, c, "ulx"), number(json, c, "uly"), number(json, c, "lrx"), number(json, c, lowerY));
    }

    private static double number(Path json, JsonNode c, String field) throws BadInputException {
        JsonNode n = c.get(field);
        if (n == null || !n.isNumber()) {
            throw new BadInputException(json, "field 'coordinates." + field + "' must be a number");
        }
        return n.asDouble();
    }

    /** S2 files say {@code acquisition_date: "2017-06-13 10:10:31"}, S1 files {@code acquisition_time: "2017-06-13T16:50:43"}, both UTC. */
    private static Instant acquired(Path json, JsonNode doc) throws BadInputException {
        String field = doc.has("acquisition_date") ? "acquisition_date" : "acquisition_time";
        String text = doc.path(field).asText(null);
        if (text == null) {
            throw new BadInputException(json, "missing field 'acquisition_date'");
        }
        try {
            return LocalDateTime.parse(text.replace('T', ' '), S2_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadInputException(json, "field '" + field + "' is not a date-time: " + text, e);
        }
    }
}
