package org.deq.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.archive.BigEarthNetV1;
import org.deq.raster.BadInputException;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;

/**
 * Reads back the change ground truth that {@code deq synth} ({@link org.deq.synth.SyntheticArchiveWriter}) records in a
 * patch's JSON as {@code deq_change}: the truth of {@code deq change --eval}.
 */
public final class ChangeRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeRecords() {
    }

    /**
     * The change type name (e.g. {@code deforestation}) recorded in the patch folder's metadata when its pair partner
     * is {@code partnerId}; null when the patch records no change or another partner.
     */
    public static String typeOf(Path folder, String partnerId) throws BadInputException {
        Path json = folder.resolve(folder.getFileName() + BigEarthNetV1.JSON_SUFFIX);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        JsonNode change;
        try {
            change = JSON.readTree(json.toFile()).path("deq_change");
        } catch (IOException e) {
            throw new BadInputException(json, "cannot read change record: " + e.getMessage(), e);
        }
        return partnerId.equals(change.path("pair").asText(null)) ? change.path("type").asText(null) : null;
    }

    /**
     * The recorded change type of every pair of an index whose patches were read from patch folders (their metadata
     * source), null where a pair has no record, e.g. two dates of a place that was not written as a pair.
     */
    public static String[] types(IndexStore store, ChangePairs pairs) throws IOException {
        String[] types = new String[pairs.size()];
        for (int i = 0; i < types.length; i++) {
            PatchMeta after = store.meta(pairs.after()[i]);
            types[i] = typeOf(Path.of(after.source()), store.meta(pairs.before()[i]).id());
        }
        return types;
    }
}
