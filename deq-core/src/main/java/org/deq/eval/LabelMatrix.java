package org.deq.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deq.raster.BadInputException;

/**
 * A 0/1 label matrix file such as UC Merced's {@code LandUse_Multilabeled.txt}: a tab-separated header
 * (a corner cell, then the label names) and one row per item (its id, then one 0/1 cell per label).
 */
public final class LabelMatrix {

    private final List<String> itemIds;
    private final List<String> labelNames;
    private final int[][] labels;
    private final Map<String, Integer> rowOfId;

    private LabelMatrix(List<String> itemIds, List<String> labelNames, int[][] labels) {
        this.itemIds = List.copyOf(itemIds);
        this.labelNames = List.copyOf(labelNames);
        this.labels = labels;
        this.rowOfId = new HashMap<>();
        for (int row = 0; row < itemIds.size(); row++) {
            rowOfId.put(itemIds.get(row), row);
        }
    }

    /** Reads the file (LF or CRLF line ends); a malformed one fails with a one-line message naming file and line. */
    public static LabelMatrix read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "label matrix file not found");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new BadInputException(file, "empty label matrix, expected a header line");
        }
        String[] header = lines.get(0).strip().split("\t");
        if (header.length < 2) {
            throw new BadInputException(file, "line 1: header needs a corner cell and at least one tab-separated label name");
        }
        List<String> names = List.of(header).subList(1, header.length);
        List<String> ids = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        int[] buffer = new int[names.size()];
        for (int line = 1; line < lines.size(); line++) {
            String text = lines.get(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] cells = text.split("\t");
            if (cells.length != header.length) {
                throw new BadInputException(file, "line " + (line + 1) + ": expected " + header.length + " tab-separated fields, got " + cells.length);
            }
            int count = 0;
            for (int c = 1; c < cells.length; c++) {
                switch (cells[c].strip()) {
                    case "1" -> buffer[count++] = c - 1;
                    case "0" -> { }
                    default -> throw new BadInputException(file, "line " + (line + 1) + ", label '" + names.get(c - 1)
                            + "': expected 0 or 1, got '" + cells[c] + "'");
                }
            }
            ids.add(cells[0].strip());
            rows.add(Arrays.copyOf(buffer, count));
        }
        return new LabelMatrix(ids, names, rows.toArray(new int[0][]));
    }

    /** The item ids, in file order (row ordinal = truth ordinal). */
    public List<String> itemIds() {
        return itemIds;
    }

    /** The label names, in column order (column = label id). */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The row of an item id, or -1 when the file does not list it. */
    public int rowOf(String itemId) {
        return rowOfId.getOrDefault(itemId, -1);
    }

    /** Multi-label truth over the rows; relevance is sharing a label. */
    public LabelTruth truth() {
        return LabelTruth.multiLabel(labels, labelNames.size());
    }

    /** Multi-label truth over the rows with a class id per row; relevance is the class. */
    public LabelTruth truth(int[] classIds) {
        return LabelTruth.multiLabel(labels, labelNames.size(), classIds);
    }
}
