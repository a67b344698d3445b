package org.deq.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Manifest(String format, int formatVersion, String descriptor, String distance, int dimension, int count,
                long generation, String created, String updated, DataFile descriptorState, List<DataFile> vectorFiles) {

    static final String FORMAT = "deq-index";
    static final int VERSION = 1;

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
        vectorFiles = List.copyOf(vectorFiles);
    }

    /** The manifest after appending one vector segment in a new generation. */
    Manifest plus(DataFile segment, String now) {
        List<DataFile> files = new ArrayList<>(vectorFiles);
        files.add(segment);
        return new Manifest(format, formatVersion, descriptor, distance, dimension, count + segment.count(),
                generation + 1, created, now, descriptorState, files);
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
            m = JSON.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("not valid JSON (" + oneLine(e.getOriginalMessage()) + ")");
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
        return m;
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
