package org.deq.archive;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deq.raster.BadInputException;

/**
 * The multi-label UC Merced ground truth (Chaudhuri et al., TGRS 2018), {@code LandUse_Multilabeled.txt}: a tab-separated
 * table with a header {@code IMAGE\LABEL} plus the label names, then one 0/1 row per image (CRLF or LF line ends).
 *
 * @param labelNames the label names in file order
 * @param byImage    image name (e.g. {@code airplane07}) to its labels, in file order
 */
public record UcMercedMultiLabels(List<String> labelNames, Map<String, List<String>> byImage) {

    public UcMercedMultiLabels {
        labelNames = List.copyOf(labelNames);
        byImage = Collections.unmodifiableMap(new LinkedHashMap<>(byImage));
    }

    /** Parses the file; a malformed line gives a {@link BadInputException} with its line number. */
    public static UcMercedMultiLabels read(Path file) throws BadInputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file, e instanceof NoSuchFileException ? "no such label file"
                    : e instanceof CharacterCodingException ? "not a text label file (not UTF-8 text)"
                    : "cannot read label file (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty()) {
            throw new BadInputException(file, "empty label file");
        }
        String[] header = strip(lines.get(0)).split("\t");
        if (header.length < 2 || !header[0].equalsIgnoreCase("IMAGE\\LABEL")) {
            throw new BadInputException(file, "line 1: header must be IMAGE\\LABEL followed by label names");
        }
        List<String> names = Arrays.asList(header).subList(1, header.length);
        Map<String, List<String>> byImage = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length != header.length) {
                throw new BadInputException(file, "line " + (i + 1) + ": " + cells.length
                        + " columns, expected " + header.length);
            }
            List<String> labels = new ArrayList<>();
            for (int c = 1; c < cells.length; c++) {
                switch (cells[c].trim()) {
                    case "1" -> labels.add(names.get(c - 1));
                    case "0" -> { }
                    default -> throw new BadInputException(file, "line " + (i + 1) + ": value '" + cells[c]
                            + "' for " + names.get(c - 1) + " is not 0 or 1");
                }
            }
            if (byImage.put(cells[0].trim(), List.copyOf(labels)) != null) {
                throw new BadInputException(file, "line " + (i + 1) + ": image " + cells[0] + " listed twice");
            }
        }
        return new UcMercedMultiLabels(names, byImage);
    }

    /** Number of images that carry the label. */
    public int count(String label) {
        int n = 0;
        for (List<String> labels : byImage.values()) {
            if (labels.contains(label)) {
                n++;
            }
        }
        return n;
    }

    /** CRLF files leave a trailing carriage return after line splitting. */
    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
