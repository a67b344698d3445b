package org.deq.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.deq.raster.BadInputException;

/**
 * The Sentinel-2 granule properties an SSL4EO-S12 patch folder carries in {@value #FILE} (Earth Engine's copy of the
 * product metadata): which product it was cut from and the granule's mean sun and view angles. Fields the file lacks
 * are null.
 *
 * @param productId   {@code PRODUCT_ID}, e.g. {@code S2B_MSIL1C_20200823T054639_...}
 * @param granuleId   {@code GRANULE_ID}, e.g. {@code L2A_T43RCP_...}
 * @param sunZenith   {@code MEAN_SOLAR_ZENITH_ANGLE}, degrees
 * @param sunAzimuth  {@code MEAN_SOLAR_AZIMUTH_ANGLE}, degrees clockwise from north
 * @param viewZenith  {@code MEAN_INCIDENCE_ZENITH_ANGLE_B8A}, degrees
 * @param viewAzimuth {@code MEAN_INCIDENCE_AZIMUTH_ANGLE_B8A}, degrees clockwise from north
 * @param sensed      {@code system:time_start} (milliseconds since 1970, UTC): when the granule was sensed, some minutes
 *                    after the datatake start that the product and folder names carry
 * @param baseline    {@code PROCESSING_BASELINE}, e.g. {@code 02.14} or {@code 04.00}
 * @param collection  {@code system:id} up to its last '/', e.g. {@code COPERNICUS/S2_SR_HARMONIZED}
 */
public record GranuleMetadata(String productId, String granuleId, Double sunZenith, Double sunAzimuth, Double viewZenith,
                              Double viewAzimuth, Instant sensed, String baseline, String collection) {

    /** The metadata file's name in a patch folder. */
    public static final String FILE = "metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The metadata of the patch in {@code folder}; null when it has no {@value #FILE}, an error naming a malformed one. */
    public static GranuleMetadata read(Path folder) throws BadInputException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "malformed JSON: not an object");
        }
        return new GranuleMetadata(text(root, "PRODUCT_ID"), text(root, "GRANULE_ID"), number(root, "MEAN_SOLAR_ZENITH_ANGLE"),
                number(root, "MEAN_SOLAR_AZIMUTH_ANGLE"), number(root, "MEAN_INCIDENCE_ZENITH_ANGLE_B8A"),
                number(root, "MEAN_INCIDENCE_AZIMUTH_ANGLE_B8A"), time(root, "system:time_start"),
                text(root, "PROCESSING_BASELINE"), collection(text(root, "system:id")));
    }

    /** The major number of {@link #baseline} (4 for {@code 04.00}), or null when not given. */
    public Integer baselineMajor() {
        if (baseline == null || !baseline.matches("\\d{1,2}\\.\\d{1,2}")) {
            return null;
        }
        return Integer.valueOf(baseline.substring(0, baseline.indexOf('.')));
    }

    /** Whether the data come from Earth Engine's harmonized collections, whose baseline-04.00 values are shifted back. */
    public boolean harmonized() {
        return collection != null && collection.endsWith("_HARMONIZED");
    }

    private static String collection(String systemId) {
        return systemId == null || systemId.lastIndexOf('/') < 0 ? null : systemId.substring(0, systemId.lastIndexOf('/'));
    }

    /** Whether the product is Level-1C: top-of-atmosphere reflectance, not the surface reflectance of Level-2A. */
    public boolean level1C() {
        return productId != null && productId.contains("MSIL1C") || granuleId != null && granuleId.startsWith("L1C_");
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.isTextual() ? null : n.asText();
    }

    private static Instant time(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.canConvertToLong() ? null : Instant.ofEpochMilli(n.asLong());
    }

    private static Double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
