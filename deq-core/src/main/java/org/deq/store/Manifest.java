package org.deq.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.deq.spec.JsonErrors;

/**
 * The description of one committed state of an index store: written into the Lucene commit (the commit point) and
 * mirrored, human-readable, as {@code manifest.json}.
 *
 * @param format          always {@value #FORMAT}
 * @param formatVersion   layout version, {@value #VERSION}
 * @param descriptor      descriptor spec
 * @param distance        default distance name
 * @param dimension       vector length
 * @param count           number of patches committed
 * @param generation      number of commits that added data
 * @param created         creation time (ISO instant)
 * @param updated         time of this commit (ISO instant)
 * @param descriptorState the descriptor-state file
 * @param vectorFiles     the float32 vector segments, in ordinal order
 * @param encoder         spec of the trained hash encoder, or null when the index has no codes
 * @param encoderVersion  how many times an encoder was set (names its files; 0 = never)
 * @param encoderState    the encoder's trained state file, or null
 * @param codeFiles       the uint64 code segments of the current encoder, in ordinal order (empty without encoder)
 * @param multiCodeVersion how many times a multi-code model was set (names its files; 0 = never)
 * @param multiCodeState   the trained multi-code hashing model ({@code MultiCodeIndex} state), or null
 * @param encoderTrainedOn the split whose train part a supervised encoder learned from; null for an unsupervised one
 *                         (and in manifests written before it was recorded)
 * @param readers          the revision of deq's archive readers the index was created with ({@link #READERS}; 0 in
 *                         manifests written before it was recorded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Manifest(String format, int formatVersion, String descriptor, String distance, int dimension, int count,
                long generation, String created, String updated, DataFile descriptorState, List<DataFile> vectorFiles,
                String encoder, int encoderVersion, DataFile encoderState, List<DataFile> codeFiles,
                int multiCodeVersion, DataFile multiCodeState, TrainingSplit encoderTrainedOn, int readers) {

    static final String FORMAT = "deq-index";
    static final int VERSION = 1;
    /**
     * The archive readers' revision: raised when a reader gives other values, ids or flags for the same file (2: TIFF
     * pictures scaled as PNGs, EuroSAT_MS flagged Level-1C, generic GeoTIFF bands scaled, SSL4EO-S12 ids with their
     * modality, Sentinel-1 scaled from dB; 3: floating-point Sentinel-2 GeoTIFFs of reflectance no longer divided by
     * 10000, two unnamed floating-point bands read as VV and VH only when they hold dB; both 2026-11-27; 4: deq's own TIFF
     * reader, which reads big-endian TIFFs with a predictor right, also 2026-11-27; 5: grey PNG/JPEG pictures no longer
     * brightened, palette and WhiteIsZero TIFFs read as their colours, PixelIsPoint and ModelTransformation grids placed
     * as GDAL places them, Sentinel-2 products of processing baseline 04.00+ without their offset of 1000, 2026-11-28; 6:
     * a Sentinel-2 GeoTIFF's own band scale of 1/10000 and offset before its name's baseline, YCbCr and unknown
     * photometric TIFFs and grids of NaN, infinite or zero pixel size refused, also 2026-11-28; 7: the processing level a
     * GeoTIFF declares in GDAL's metadata decides its Level-1C flag, 2026-11-28; 8: alpha samples and GDAL's internal
     * masks read as no data, a GeoTIFF folder's no-data value as a query example reads it, footprints in ETRS89, NAD83,
     * Web Mercator and LAEA Europe, 2026-11-28; 9: Sentinel-1 VV and VH of linear power, or with pixels of a declared
     * no-data value, refused rather than read as dB, 2026-11-28), so an index built before can be told to be rebuilt.
     */
    static final int READERS = 9;

    /**
     * PNG/JPEG pictures and BigEarthNet Sentinel-2 folders (and synthetic ones, named alike; a folder name has no
     * extension, a GeoTIFF named like a patch does): read alike by revisions 0 to 3; revision 5 changed grey pictures
     * and products of processing baseline 04.00 or later, which {@link ReaderRevisions} finds file by file.
     */
    private static final Pattern UNREVISED = Pattern.compile(
            "(?i).*\\.(png|jpe?g)|S2[AB]_MSIL2A_[^.]*");

    /**
     * Whether a patch read from {@code source} (a file or patch folder) is of a kind the current readers read otherwise
     * than those of an earlier revision; conservative: any source other than the unrevised kinds counts.
     */
    static boolean revisedKind(String source) {
        String name = source == null || source.isEmpty() ? "" : Path.of(source).getFileName().toString();
        return !UNREVISED.matcher(name).matches();
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One data file and its checksum.
     *
     * @param name  file name inside the store directory
     * @param count vectors in it (0 for the state file)
     * @param bytes file length
     * @param crc32 CRC-32 of the content, hex
     */
    record DataFile(String name, int count, long bytes, String crc32) {
    }

    Manifest {
        if (vectorFiles == null) { // the manifest's own check, reported by JsonErrors as the reason
            throw new IllegalArgumentException("no vectorFiles list: not a complete deq index manifest");
        }
        vectorFiles = List.copyOf(vectorFiles);
        codeFiles = codeFiles == null ? List.of() : List.copyOf(codeFiles);
    }

    /** A new, empty manifest without encoder. */
    static Manifest empty(String descriptor, String distance, int dimension, String now, DataFile descriptorState) {
        return new Manifest(FORMAT, VERSION, descriptor, distance, dimension, 0, 0, now, now, descriptorState, List.of(),
                null, 0, null, List.of(), 0, null, null, READERS);
    }

    /** The manifest after appending one vector segment, and its codes segment when there is an encoder, in a new generation. */
    Manifest plus(DataFile segment, DataFile codes, String now) {
        List<DataFile> files = new ArrayList<>(vectorFiles);
        files.add(segment);
        List<DataFile> codeSegments = new ArrayList<>(codeFiles);
        if (codes != null) {
            codeSegments.add(codes);
        }
        return new Manifest(format, formatVersion, descriptor, distance, dimension, count + segment.count(),
                generation + 1, created, now, descriptorState, files, encoder, encoderVersion, encoderState, codeSegments,
                multiCodeVersion, multiCodeState, encoderTrainedOn, readers);
    }

    /**
     * The manifest with a newly set encoder whose codes of every committed patch are in {@code codes}, trained on
     * {@code trainedOn} (null: on every patch, without labels).
     */
    Manifest withEncoder(String spec, TrainingSplit trainedOn, DataFile state, DataFile codes, String now) {
        return new Manifest(format, formatVersion, descriptor, distance, dimension, count, generation, created, now,
                descriptorState, vectorFiles, spec, encoderVersion + 1, state, List.of(codes), multiCodeVersion,
                multiCodeState, trainedOn, readers);
    }

    /** The manifest with a newly set multi-code model. */
    Manifest withMultiCode(DataFile state, String now) {
        return new Manifest(format, formatVersion, descriptor, distance, dimension, count, generation, created, now,
                descriptorState, vectorFiles, encoder, encoderVersion, encoderState, codeFiles, multiCodeVersion + 1, state,
                encoderTrainedOn, readers);
    }

    /** The manifest without a multi-code model (one built for codes the index no longer has). */
    Manifest withoutMultiCode(String now) {
        return new Manifest(format, formatVersion, descriptor, distance, dimension, count, generation, created, now,
                descriptorState, vectorFiles, encoder, encoderVersion, encoderState, codeFiles, multiCodeVersion, null,
                encoderTrainedOn, readers);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest: " + e.getMessage(), e);
        }
    }

    /** Parses and checks a manifest; the message of the exception names what is wrong, the caller adds the file. */
    static Manifest fromJson(String json) throws InvalidManifestException {
        Manifest m;
        try {
            // the format and its version first: a newer deq's manifest may lack what this one requires
            JsonNode tree = JSON.readTree(json);
            if (tree != null && tree.isObject() && FORMAT.equals(tree.path("format").asText(null))
                    && tree.path("formatVersion").isInt() && tree.path("formatVersion").asInt() > VERSION) {
                throw new InvalidManifestException("format version " + tree.path("formatVersion").asInt() + ", written by"
                        + " a newer deq (this one reads " + VERSION + "): open it with that deq, or index the archive again");
            }
            m = JSON.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(JsonErrors.reason(e, "a JSON object with format, formatVersion, descriptor and the"
                    + " data files"));
        } catch (RuntimeException e) {
            throw new InvalidManifestException("malformed manifest (" + oneLine(e.getMessage()) + ")");
        }
        if (m == null || !FORMAT.equals(m.format)) {
            throw new InvalidManifestException("not a deq index manifest (format is not '" + FORMAT + "')");
        }
        if (m.formatVersion != VERSION) {
            throw new InvalidManifestException("unsupported format version " + m.formatVersion + " (this deq reads " + VERSION + ")");
        }
        if (m.descriptor == null || m.distance == null || m.dimension <= 0 || m.descriptorState == null
                || m.created == null || m.updated == null) {
            throw new InvalidManifestException("manifest lacks descriptor, distance, dimension, descriptorState or times");
        }
        if ((m.encoder == null) != (m.encoderState == null)) {
            throw new InvalidManifestException("manifest has an encoder without its state, or a state without encoder");
        }
        // reading stops at the listed files' end: a count beyond it would leave the last patches' vectors zero, silently
        long described = items(m.vectorFiles);
        if (described != m.count) {
            throw new InvalidManifestException("vector files hold " + described + " vectors for " + m.count + " patches");
        }
        long coded = items(m.codeFiles);
        if (m.encoder != null && coded != m.count) {
            throw new InvalidManifestException("code files hold " + coded + " codes for " + m.count + " patches");
        }
        return m;
    }

    /**
     * Why a manifest was written by a newer deq than this one, or null: archive readers of a later revision than
     * {@link #READERS}, or top-level fields this deq does not know, which its next commit would drop (fields added
     * inside a data file's entry or the training split are not looked for: a newer deq adding one there raises
     * {@link #VERSION} or {@link #READERS} as well).
     */
    static String newerThanThis(Manifest m, String json) {
        List<String> unknown = new ArrayList<>();
        try {
            JSON.readTree(json).fieldNames().forEachRemaining(name -> {
                if (!KNOWN_FIELDS.contains(name)) {
                    unknown.add(name);
                }
            });
        } catch (JsonProcessingException e) { // fromJson read it: cannot happen
            throw new IllegalStateException(e);
        }
        List<String> why = new ArrayList<>(2);
        if (m.readers() > READERS) {
            why.add("archive readers of revision " + m.readers() + ", this deq's are " + READERS);
        }
        if (!unknown.isEmpty()) {
            why.add("fields this deq does not know: " + String.join(", ", unknown));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private static final Set<String> KNOWN_FIELDS = Arrays.stream(Manifest.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    /** The items (vectors, codes) the listed segments hold together. */
    private static long items(List<DataFile> files) {
        long sum = 0;
        for (DataFile f : files) {
            sum += f.count();
        }
        return sum;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s+", " ").trim();
    }

    /** A manifest that cannot be used; the message says why, without the file. */
    static final class InvalidManifestException extends Exception {
        InvalidManifestException(String message) {
            super(message);
        }
    }
}
